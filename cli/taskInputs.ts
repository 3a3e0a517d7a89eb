/**
 * The CLI convention shared by every command: its flags are the task's input names in
 * kebab-case (`pythonVersion` → `--python-version`), read from the task's own task.json so the
 * CLI and the task can never disagree; defaults are task.json's, except pipeline macros. Every
 * usage error is in the user's language and names the one flag that is wrong.
 */
import { parseArgs } from "util";
import { closest, distance } from "fastest-levenshtein";
import type { Localizer } from "../core/i18n/localizer";
import type { Problem } from "../core/problem";
import { UsageError } from "./command";
import { cliLanguage, cliLocalizer } from "./taskStrings";

export interface TaskInputDefinition {
  name: string;
  type: string;
  label?: string;
  defaultValue?: string | number | boolean;
  required?: boolean;
  options?: Record<string, string>;
}

export interface TaskDefinition {
  name: string;
  version?: { Major: number; Minor: number; Patch: number };
  inputs?: TaskInputDefinition[];
  messages?: Record<string, string>;
}

export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1-$2")
    .toLowerCase();
}

export type OptionSpec = { type: "string" | "boolean"; multiple?: boolean; short?: string };

export interface ParsedCommand {
  /** Task inputs by their task.json name, defaults applied. */
  inputs: Record<string, string>;
  /** Extra options of the command (not task inputs), e.g. `var`, `format`. */
  options: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  /** The user's language (--lang, else LZ_LANG, LC_ALL, LANG) and its renderer. */
  lang: "en" | "es";
  loc: Localizer;
}

/** The flags every command has besides its task's inputs. */
const COMMON_FLAGS: Record<string, OptionSpec> = {
  format: { type: "string" },
  lang: { type: "string" },
  help: { type: "boolean", short: "h" },
};

/** The bad flag of a util.parseArgs error, as its message quotes it ('--flag' or '-h, --help'). */
function flagOf(message: string): string {
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? message;
  return quoted.split(/[ ,]+/).find((part) => part.startsWith("--")) ?? quoted.split(" ")[0];
}

/** util.parseArgs' error → one localized sentence naming the flag (and the nearest known one). */
function usageErrorOf(err: Error & { code?: string }, known: string[], loc: Localizer): UsageError {
  const flag = flagOf(err.message);
  if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const guess = known.length ? closest(flag, known) : undefined;
    return new UsageError(
      guess && distance(flag, guess) <= Math.max(2, Math.floor(flag.length / 4))
        ? loc("CliUnknownFlagSuggest", flag, guess)
        : loc("CliUnknownFlag", flag),
    );
  }
  if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
    return new UsageError(
      /does not take an argument/.test(err.message) ? loc("CliFlagTakesNoValue", flag) : loc("CliFlagNeedsValue", flag),
    );
  return new UsageError(err.message);
}

/** Parses argv for a task-backed command: unknown flags, bad `--format` or `--lang` and bad choices are usage errors. */
export function parseTaskCommand(
  task: TaskDefinition,
  argv: string[],
  extra: Record<string, OptionSpec> = {},
  formats: readonly string[] = ["text", "json"],
): ParsedCommand {
  const lang = cliLanguage(argv);
  const loc = cliLocalizer(lang);
  const inputs = task.inputs ?? [];
  const spec: Record<string, OptionSpec> = { ...COMMON_FLAGS, ...extra };
  for (const input of inputs) spec[kebabCase(input.name)] = { type: "string" };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: spec, allowPositionals: true, strict: true });
  } catch (err) {
    throw usageErrorOf(
      err as Error,
      Object.keys(spec).map((f) => `--${f}`),
      loc,
    );
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const format = (values.format as string | undefined) ?? "text";
  if (!formats.includes(format)) throw new UsageError(loc("CliFlagChoice", "--format", formats.join(", "), format));
  const result: Record<string, string> = {};
  for (const input of inputs) {
    const given = values[kebabCase(input.name)] as string | undefined;
    const fallback = input.defaultValue === undefined ? undefined : String(input.defaultValue);
    // A default that names a pipeline variable ($(zona), $(Agent.TempDirectory)/…) means nothing outside a pipeline.
    const value = given ?? (fallback !== undefined && !fallback.includes("$(") ? fallback : undefined);
    if (value !== undefined) result[input.name] = value;
    if (input.options && value !== undefined && value !== "" && !(value in input.options)) {
      throw new UsageError(
        loc("CliFlagChoice", `--${kebabCase(input.name)}`, Object.keys(input.options).join(", "), value),
      );
    }
  }
  const options: ParsedCommand["options"] = { ...values, format };
  for (const input of inputs) delete options[kebabCase(input.name)];
  return { inputs: result, options, positionals: parsed.positionals, lang, loc };
}

/** The parsed flags as core's input getter (core/inputs.ts): the same names the task reads. */
export function flagInputs(inputs: Record<string, string>): (name: string) => string | undefined {
  return (name) => inputs[name];
}

/**
 * What core found wrong with the flags: warnings on stderr, and the errors, all of them, as one
 * usage error (exit 2) — in the user's language, the same sentences the task prints, with the
 * input's name written as the flag the user typed (the problem's own input, and any of `inputNames` a
 * message names besides it).
 */
export function takeFlagProblems(
  problems: readonly Problem[],
  loc: Localizer,
  inputNames: readonly string[] = [],
): void {
  const isInput = (a: string, p: Problem) => a === p.field || inputNames.includes(a);
  const text = (p: Problem) =>
    loc(
      p.code,
      ...p.args.map((a) =>
        typeof a === "string" && isInput(a, p) && /^[a-z][A-Za-z0-9]*$/.test(a) ? `--${kebabCase(a)}` : a,
      ),
    );
  for (const p of problems) if (p.severity === "warning") process.stderr.write(`${text(p)}\n`);
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) throw new UsageError(errors.map(text).join("\n"));
}
