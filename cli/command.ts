/**
 * What an `lz` command is: the task it runs outside a pipeline (its inputs are the flags), what it
 * adds (positional arguments, flags of its own, output formats) with a description of each, and
 * its run. Parsing, `--help` and usage errors are built from this one description (cli/lz.ts,
 * cli/help.ts), so the flags a command takes and the ones its help lists cannot differ.
 */
import * as fs from "fs";
import type { MessageKey } from "../core/i18n/catalogue";
import type { Localizer } from "../core/i18n/localizer";
import { SEVERITY_KEY } from "../core/i18n/severity";
import { RESULT_KEY } from "../core/findings/report";
import type { TaskReport } from "../core/report";
import type { OptionSpec, ParsedCommand, TaskDefinition } from "./taskInputs";

export interface CommandResult {
  /** What to print on stdout, already in the `--format` the user asked for. */
  output: string;
  /** 0 success, 1 the check failed (2, bad usage, comes from UsageError). */
  exitCode: 0 | 1;
}

/** Bad usage (exit 2): the message is already in the user's language and names what is wrong. */
export class UsageError extends Error {}

/** A folder the user named (an argument or a flag) that must exist: a usage error naming it otherwise. */
export function requireFolder(folder: string, loc: Localizer): void {
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new UsageError(loc("CliNotAFolder", folder));
}

/** A flag of the command's own (not a task input), with its one-line description. */
export interface CommandFlag extends OptionSpec {
  /** How the help writes its value, e.g. `"Name=value"`, `FILE`. */
  value?: string;
  text: MessageKey;
}

/** The streams a command may talk to besides its output: progress goes to a terminal only. */
export interface CommandIo {
  /** stderr when it is a terminal and the output is text; undefined otherwise (piped, --format json). */
  progress?: (line: string) => void;
  /** Paints severities when stdout is a terminal and NO_COLOR is not set. */
  colour: boolean;
}

/**
 * A positional argument. With `input`, it is that task input's value given without its flag (`lz validate
 * <path>` = `--routine-path <path>`): one at most, a folder that exists; `missing` says what to give when
 * neither is there (without it, the folder may be left out). cli/lz.ts checks this once for every command.
 */
export interface CommandArg {
  usage: string;
  text: MessageKey;
  input?: string;
  missing?: MessageKey;
}

export interface CommandSpec {
  name: string;
  summary: MessageKey;
  /** A line the help adds under the summary (where the output goes, where thresholds live…). */
  note?: MessageKey;
  /** The task the command runs: its inputs are the flags, with task.json's labels, choices and defaults. */
  task: TaskDefinition;
  /** The task's es-ES resjson, for its input labels in Spanish. */
  spanish?: Record<string, string>;
  formats?: readonly string[];
  /** Positional arguments, e.g. `<path>`, with their description. */
  args?: CommandArg[];
  flags?: Record<string, CommandFlag>;
  /**
   * Task inputs that need the pipeline (the job's token to reach the HU): the help does not offer
   * them and giving one is a usage error that says what to do instead.
   */
  pipelineOnly?: readonly string[];
  /** What giving a pipelineOnly input says (default CliPipelineOnly: the HU's logs). */
  pipelineOnlyError?: MessageKey;
  /** The help's line about them (default CliHelpPipelineOnly: they reach the HU). */
  pipelineOnlyHelp?: MessageKey;
  run(parsed: ParsedCommand, io: CommandIo): CommandResult | Promise<CommandResult>;
}

/** The text form of a report: problems first, then what was set, then the verdict, in the user's language. */
export function reportAsText(report: TaskReport, loc: Localizer): string {
  const lines: string[] = [];
  for (const p of report.problems) lines.push(`${loc(SEVERITY_KEY[p.severity])} [${p.code}] ${p.field}: ${p.message}`);
  const vars = Object.entries(report.variables);
  if (vars.length) {
    if (lines.length) lines.push("");
    for (const [name, value] of vars) lines.push(`${name} = ${value.replace(/\n/g, "\n    ")}`);
  }
  const counts = loc("FindingCounts", report.summary.errors, report.summary.warnings, report.summary.infos);
  lines.push("", `${report.task}: ${loc(RESULT_KEY[report.result])} (${counts})`);
  return lines.join("\n");
}
