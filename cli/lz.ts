/**
 * `lz`: each task's core logic outside a pipeline, for local use and debugging.
 * Exit codes: 0 success, 1 the gate/check failed, 2 bad usage.
 */
import pkg from "../package.json";
import { type CommandIo, type CommandSpec, UsageError } from "./command";
import { ocVarsCommand } from "./commands/ocVars";
import { validateCommand } from "./commands/validate";
import { logsCommand } from "./commands/logs";
import { runCommand } from "./commands/run";
import { reserveCommand } from "./commands/reserve";
import { switchDsnCommand, verifyEnvCommand } from "./commands/env";
import { commandHelp, mainHelp, versionText } from "./help";
import * as fs from "fs";
import { kebabCase, type ParsedCommand, parseTaskCommand } from "./taskInputs";
import { colourWanted } from "./paint";
import { describeUnexpected } from "../core/errorReport";
import { cliLanguage, cliLocalizer } from "./taskStrings";

const COMMANDS: readonly CommandSpec[] = [
  ocVarsCommand,
  validateCommand,
  reserveCommand,
  runCommand,
  logsCommand,
  verifyEnvCommand,
  switchDsnCommand,
];

/** Progress lines on a terminal's stderr, each replacing the last; nothing when piped or for machine formats. */
function progressWriter(format: unknown): CommandIo["progress"] {
  if (!process.stderr.isTTY || format !== "text") return undefined;
  return (line) => process.stderr.write(line ? `\r\x1b[2K${line}` : "\r\x1b[2K");
}

/** A flag's value that asks for something: not empty, not false (a boolean input's default). */
const isSet = (value: string | undefined) => !!value && value !== "false";

/** A command's folder argument (CommandArg.input): into its input, then one folder that exists, or what to give. */
function takeFolderArgument(command: CommandSpec, parsed: ParsedCommand): void {
  const arg = command.args?.find((a) => a.input);
  if (!arg?.input) return;
  const { positionals, loc } = parsed;
  if (positionals.length > 1) throw new UsageError(loc("CliOneFolder", positionals.join(", ")));
  if (positionals[0]) parsed.inputs[arg.input] = positionals[0];
  const folder = parsed.inputs[arg.input];
  if (!folder) throw new UsageError(arg.missing ? loc(arg.missing) : loc("CliNotAFolder", ""));
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new UsageError(loc("CliNotAFolder", folder));
}

/** The language of the messages before a command parsed its flags; a bad --lang falls back to the environment's. */
function languageOr(argv: string[]): "en" | "es" {
  try {
    return cliLanguage(argv);
  } catch {
    return cliLanguage([]);
  }
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const lang = languageOr(argv);
  const out = (text: string) => process.stdout.write(text + "\n");
  if (name === "--version" || name === "-V") {
    out(versionText(pkg.version, COMMANDS));
    return 0;
  }
  if (!name || name === "--help" || name === "-h" || (name === "help" && !rest.length)) {
    out(mainHelp(COMMANDS, lang));
    return name ? 0 : 2;
  }
  const helpOf = name === "help" ? rest[0] : undefined;
  const command = COMMANDS.find((c) => c.name === (helpOf ?? name));
  if (!command) {
    const loc = cliLocalizer(lang);
    process.stderr.write(`lz: ${loc("CliUnknownCommand", helpOf ?? name)}\n\n${mainHelp(COMMANDS, lang)}\n`);
    return 2;
  }
  if (helpOf || rest.includes("--help") || rest.includes("-h")) {
    out(commandHelp(command, lang));
    return 0;
  }
  try {
    const parsed = parseTaskCommand(command.task, rest, command.flags, command.formats);
    const pipelineOnly = (command.pipelineOnly ?? []).find((input) => isSet(parsed.inputs[input]));
    if (pipelineOnly) throw new UsageError(parsed.loc("CliPipelineOnly", `--${kebabCase(pipelineOnly)}`));
    takeFolderArgument(command, parsed);
    const { output, exitCode } = await command.run(parsed, {
      progress: progressWriter(parsed.options.format),
      colour: parsed.options.format === "text" && colourWanted(process.stdout, process.env),
    });
    out(output);
    return exitCode;
  } catch (err) {
    if (err instanceof UsageError) {
      const loc = cliLocalizer(lang);
      process.stderr.write(`lz ${name}: ${err.message}\n${loc("CliSeeHelp", name)}\n`);
      return 2;
    }
    throw err;
  }
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
