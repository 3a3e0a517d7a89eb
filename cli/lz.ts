/**
 * `lz`: each task's core logic outside a pipeline, for local use and debugging.
 * Exit codes: 0 success, 1 the gate/check failed, 2 bad usage.
 */
import { ocVars, ocVarsHelp } from "./commands/ocVars";
import { Command, runOne } from "./runOne";
import createOcVarsTask from "../tasks/CreateOCVarsV1/task.json";
import validateRoutineTask from "../tasks/ValidateRoutineV1/task.json";
import { validate, validateHelp } from "./commands/validate";
import { logs, logsHelp } from "./commands/logs";
import { runCommand, runHelp } from "./commands/run";
import { reserveCliTask, reserveCommand, reserveHelp } from "./commands/reserve";
import runRoutineTask from "../tasks/RunRoutineV1/task.json";
import { switchDsnCommand, switchDsnHelp, verifyEnv, verifyEnvHelp } from "./commands/env";
import verifyEnvTask from "../tasks/VerifyRoutineEnvV1/task.json";
import switchDsnTask from "../tasks/SwitchRoutineDsnV1/task.json";
import validateApiInfraTask from "../tasks/ValidateApiInfraV1/task.json";
import runCoordinatorsTask from "../tasks/RunCoordinatorsV1/task.json";
import { apiValidateCommand, apiValidateHelp, runCoordinatorsCommand, runCoordinatorsHelp } from "./commands/api";
import { API_EDIT_COMMANDS } from "./apiEdit";

const COMMANDS: Record<string, Command> = {
  "oc-vars": {
    summary: "check the release variables and description; print the OC.* variables (CreateOCVars)",
    task: createOcVarsTask,
    extraHelp: ocVarsHelp,
    run: ocVars,
  },
  validate: {
    summary: "validate a routine folder: Python 3.5, paths, secrets, config.json, version (ValidateRoutine)",
    task: validateRoutineTask,
    extraHelp: validateHelp,
    run: validate,
  },
  reserve: {
    summary: "reserve the next SQP package/process number in the inventory (ReserveInventory)",
    task: reserveCliTask,
    extraHelp: reserveHelp,
    run: reserveCommand,
  },
  run: {
    summary: "run a routine, stream its output, sort its errors into findings and expected ones (RunRoutine)",
    task: runRoutineTask,
    extraHelp: runHelp,
    run: runCommand,
  },
  logs: {
    summary: "check the user's run logs: 10 files, 2 days, 2 h apart, orchestrator OK, no errors (LOG001-LOG006)",
    task: {
      name: "ValidateRoutine",
      inputs: validateRoutineTask.inputs.filter((i) => ["logsPath", "configFile", "failOn"].includes(i.name)),
    },
    extraHelp: logsHelp,
    run: logs,
  },
  "verify-env": {
    summary: "check the environment Deploy DEV built: venv, site-package, version.txt (VerifyRoutineEnv)",
    task: verifyEnvTask,
    extraHelp: verifyEnvHelp,
    run: verifyEnv,
  },
  "switch-dsn": {
    summary: "switch config.json's dsn with a backup, or --mode restore it (SwitchRoutineDsn)",
    task: switchDsnTask,
    extraHelp: switchDsnHelp,
    run: switchDsnCommand,
  },
  ...API_EDIT_COMMANDS,
  "api validate": {
    summary: "check an API's template, params and coordinators: API001-API026 (ValidateApiInfra)",
    task: validateApiInfraTask,
    extraHelp: apiValidateHelp,
    run: apiValidateCommand,
  },
  "run-coordinators": {
    summary: "run an API's coordinators, check their logs (RunCoordinators)",
    task: runCoordinatorsTask,
    extraHelp: runCoordinatorsHelp,
    run: runCoordinatorsCommand,
  },
};

function mainUsage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(19)} ${c.summary}`);
  return ["usage: lz <command> [flags]   (lz <command> --help for its flags)", "", "commands:", ...rows].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  let [name, ...rest] = argv;
  // `lz api <subcommand>`: the API commands are named by both words.
  if (name === "api" && rest[0] && !rest[0].startsWith("-")) [name, ...rest] = [`api ${rest[0]}`, ...rest.slice(1)];
  if (!name || name === "--help" || name === "-h") {
    process.stdout.write(mainUsage() + "\n");
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`lz: unknown command '${name}'\n\n${mainUsage()}\n`);
    return 2;
  }
  return runOne(name, command, rest);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: Error) => {
      process.stderr.write(`lz: unexpected error: ${err.stack ?? err.message}\n`);
      process.exitCode = 1;
    },
  );
}
