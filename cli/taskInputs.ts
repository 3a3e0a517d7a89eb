/**
 * The CLI convention shared by every command: its flags are the task's input names in
 * kebab-case (`pythonVersion` → `--python-version`), read from the task's own task.json so the
 * CLI and the task can never disagree; defaults are task.json's, except pipeline macros.
 */
import { parseArgs } from "util";

export interface TaskInputDefinition {
  name: string;
  type: string;
  defaultValue?: string | number | boolean;
  required?: boolean;
  options?: Record<string, string>;
}

export interface TaskDefinition {
  name: string;
  inputs?: TaskInputDefinition[];
  messages?: Record<string, string>;
}

export class UsageError extends Error {}

export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1-$2")
    .toLowerCase();
}

type OptionSpec = { type: "string" | "boolean"; multiple?: boolean; short?: string };

export interface ParsedCommand {
  /** Task inputs by their task.json name, defaults applied. */
  inputs: Record<string, string>;
  /** Extra options of the command (not task inputs), e.g. `var`, `format`. */
  options: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Parses argv for a task-backed command; unknown flags and bad `--format` values are usage errors. */
export function parseTaskCommand(
  task: TaskDefinition,
  argv: string[],
  extra: Record<string, OptionSpec> = {},
  formats: readonly string[] = ["text", "json"],
): ParsedCommand {
  const inputs = task.inputs ?? [];
  const spec: Record<string, OptionSpec> = {
    format: { type: "string" },
    lang: { type: "string" },
    help: { type: "boolean", short: "h" },
    ...extra,
  };
  for (const input of inputs) spec[kebabCase(input.name)] = { type: "string" };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: spec, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const format = (values.format as string | undefined) ?? "text";
  if (!formats.includes(format))
    throw new UsageError(`--format must be one of ${formats.join(", ")} (got '${format}')`);
  const result: Record<string, string> = {};
  for (const input of inputs) {
    const given = values[kebabCase(input.name)] as string | undefined;
    const fallback = input.defaultValue === undefined ? undefined : String(input.defaultValue);
    // A default that names a pipeline variable ($(zona), $(Agent.TempDirectory)/…) means nothing outside a pipeline.
    const value = given ?? (fallback !== undefined && !fallback.includes("$(") ? fallback : undefined);
    if (value !== undefined) result[input.name] = value;
    if (input.options && value !== undefined && value !== "" && !(value in input.options)) {
      throw new UsageError(
        `--${kebabCase(input.name)} must be one of ${Object.keys(input.options).join(", ")} (got '${value}')`,
      );
    }
  }
  const options: ParsedCommand["options"] = { ...values, format };
  for (const input of inputs) delete options[kebabCase(input.name)];
  return { inputs: result, options, positionals: parsed.positionals };
}

/** The flag list of a command, for `--help`. */
export function usageOf(command: string, task: TaskDefinition, extra: string[]): string {
  const flags = (task.inputs ?? []).map((i) => {
    const def =
      i.defaultValue !== undefined && String(i.defaultValue) !== "" ? ` (default: ${String(i.defaultValue)})` : "";
    return `  --${kebabCase(i.name)} <value>${def}`;
  });
  const format = extra.some((e) => e.startsWith("--format")) ? [] : ["  --format text|json"];
  return [`usage: lz ${command} [flags]`, ...extra.map((e) => `  ${e}`), ...flags, ...format, "  --lang en|es"].join(
    "\n",
  );
}
