/**
 * `lz`: each task's core logic outside a pipeline, for local use and debugging (cli/dispatch.ts runs
 * the command argv names). Exit codes: 0 success, 1 the gate/check failed, 2 bad usage.
 */
import type { CommandSpec } from "./command";
import { ocVarsCommand } from "./commands/ocVars";
import { validateCommand } from "./commands/validate";
import { fixCommand } from "./commands/fix";
import { logsCommand } from "./commands/logs";
import { runCommand } from "./commands/run";
import { reserveCommand } from "./commands/reserve";
import { switchDsnCommand, verifyEnvCommand } from "./commands/env";
import { apiValidateCommand, runCoordinatorsCommand } from "./commands/api";
import { API_EDIT_COMMANDS } from "./commands/apiEdit";
import { languageOr, runCommandLine } from "./dispatch";
import { describeUnexpected } from "../core/errorReport";
import { cliLocalizer } from "./taskStrings";

export const COMMANDS: readonly CommandSpec[] = [
  ocVarsCommand,
  validateCommand,
  fixCommand,
  reserveCommand,
  runCommand,
  logsCommand,
  verifyEnvCommand,
  switchDsnCommand,
  // `lz api add-table | add-coordinator` also run from a small bundle of their own (cli/apiEdit.ts).
  ...API_EDIT_COMMANDS,
  apiValidateCommand,
  runCoordinatorsCommand,
];

export function main(argv: string[]): Promise<number> {
  return runCommandLine(COMMANDS, argv);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      // The message and our own frames; the whole stack with LZ_DEBUG (as the tasks do with System.Debug).
      const loc = cliLocalizer(languageOr(process.argv.slice(2)));
      const stack = process.env.LZ_DEBUG && err instanceof Error ? `\n${err.stack}` : "";
      process.stderr.write(`lz: ${loc("UnexpectedError", describeUnexpected(err))}${stack}\n`);
      process.exitCode = 1;
    },
  );
}
