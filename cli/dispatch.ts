/**
 * Running one `lz` command from argv, the same for every bundle that carries commands (the whole CLI,
 * cli/lz.ts, and the API edits' small one, cli/apiEdit.ts): `--version`, `help [command]`,
 * `<command> --help`, usage errors (exit 2, one line naming the flag and where the help is).
 * A command named by two words (`api add-table`) is written as two words on the command line.
 * Exit codes: 0 success, 1 the gate/check failed, 2 bad usage.
 */
import pkg from "../package.json";
import { type CommandIo, type CommandSpec, requireFolder, UsageError } from "./command";
import { commandHelp, groupHelp, mainHelp, versionText } from "./help";
import { kebabCase, type ParsedCommand, parseTaskCommand } from "./taskInputs";
import { colourWanted } from "./paint";
import { cliLanguage, cliLocalizer } from "./taskStrings";

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
  if (!folder) {
    if (arg.missing) throw new UsageError(loc(arg.missing));
    return;
  }
  requireFolder(folder, loc);
}

/** The language of the messages before a command parsed its flags; a bad --lang falls back to the environment's. */
export function languageOr(argv: string[]): "en" | "es" {
  try {
    return cliLanguage(argv);
  } catch {
    return cliLanguage([]);
  }
}

/** The groups of commands named by two words (`api` of `api add-table`). */
const groupsOf = (commands: readonly CommandSpec[]) =>
  new Set(commands.filter((c) => c.name.includes(" ")).map((c) => c.name.split(" ")[0]));

/** The command's name and the rest of argv: `api add-table --x` → `api add-table`, `--x`. */
function splitName(commands: readonly CommandSpec[], argv: string[]): [string | undefined, string[]] {
  const [first, ...rest] = argv;
  if (first && groupsOf(commands).has(first) && rest[0] && !rest[0].startsWith("-"))
    return [`${first} ${rest[0]}`, rest.slice(1)];
  return [first, rest];
}

export async function runCommandLine(commands: readonly CommandSpec[], argv: string[]): Promise<number> {
  const [name, rest] = splitName(commands, argv);
  const lang = languageOr(argv);
  const out = (text: string) => process.stdout.write(text + "\n");
  if (name === "--version" || name === "-V") {
    out(versionText(pkg.version, commands));
    return 0;
  }
  if (!name || name === "--help" || name === "-h" || (name === "help" && !rest.length)) {
    out(mainHelp(commands, lang));
    return name ? 0 : 2;
  }
  const helpOf = name === "help" ? splitName(commands, rest)[0] : undefined;
  const wanted = helpOf ?? name;
  // `lz api` (or `lz help api`, `lz api --help`): the group's commands.
  if (groupsOf(commands).has(wanted)) {
    out(groupHelp(commands, wanted, lang));
    return helpOf || rest.includes("--help") || rest.includes("-h") ? 0 : 2;
  }
  const command = commands.find((c) => c.name === wanted);
  if (!command) {
    const loc = cliLocalizer(lang);
    process.stderr.write(`lz: ${loc("CliUnknownCommand", wanted)}\n\n${mainHelp(commands, lang)}\n`);
    return 2;
  }
  if (helpOf || rest.includes("--help") || rest.includes("-h")) {
    out(commandHelp(command, lang));
    return 0;
  }
  try {
    const parsed = parseTaskCommand(command.task, rest, command.flags, command.formats);
    const pipelineOnly = (command.pipelineOnly ?? []).find((input) => isSet(parsed.inputs[input]));
    if (pipelineOnly)
      throw new UsageError(parsed.loc(command.pipelineOnlyError ?? "CliPipelineOnly", `--${kebabCase(pipelineOnly)}`));
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
