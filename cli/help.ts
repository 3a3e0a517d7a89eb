/**
 * `lz help`, `lz help <command>`, `lz <command> --help` and `lz --version`, written from the
 * commands' descriptions (cli/command.ts): each task input is a flag with the task's own label
 * (Spanish from its es-ES resjson), choices (pickList options) and default, so the help says what
 * the task editor says.
 */
import { catalogueLocalizer } from "../core/i18n/localizer";
import type { CommandSpec } from "./command";
import { kebabCase, type TaskInputDefinition } from "./taskInputs";

/** Rows of flag → description, the descriptions aligned on one column (long flags wrap to the next line). */
function table(rows: Array<[string, string]>): string[] {
  const width = Math.min(34, Math.max(...rows.map(([flag]) => flag.length)));
  return rows.map(([flag, text]) =>
    flag.length > width ? `  ${flag}\n  ${" ".repeat(width)}  ${text}` : `  ${flag.padEnd(width)}  ${text}`,
  );
}

/** How the help writes an input's value: its choices, true|false, or <value>. */
function valueOf(input: TaskInputDefinition): string {
  if (input.options) return Object.keys(input.options).join("|");
  if (input.type === "boolean") return "true|false";
  return "<value>";
}

/** The input's label in the user's language (the task editor's text). */
function labelOf(spec: CommandSpec, input: TaskInputDefinition, lang: "en" | "es"): string {
  const spanish = lang === "es" ? spec.spanish?.[`loc.input.label.${input.name}`] : undefined;
  return spanish ?? input.label ?? input.name;
}

export function commandHelp(spec: CommandSpec, lang: "en" | "es"): string {
  const t = catalogueLocalizer(lang);
  const args = spec.args ?? [];
  const usage = t("CliHelpUsage", [spec.name, ...args.map((a) => a.usage)].join(" "));
  const rows: Array<[string, string]> = [];
  for (const input of spec.task.inputs ?? []) {
    if (spec.pipelineOnly?.includes(input.name)) continue;
    // A multiLine default (one pattern per line) is written on the row's one line.
    const def = input.defaultValue === undefined ? "" : String(input.defaultValue).split("\n").join("; ");
    // A pipeline macro ($(zona)) is no default outside a pipeline.
    const shownDefault = def && !def.includes("$(") ? ` (${t("CliHelpDefault", def)})` : "";
    rows.push([`--${kebabCase(input.name)} ${valueOf(input)}`, `${labelOf(spec, input, lang)}${shownDefault}`]);
  }
  for (const [name, flag] of Object.entries(spec.flags ?? {}))
    rows.push([`--${name}${flag.type === "string" ? ` ${flag.value ?? "<value>"}` : ""}`, t(flag.text)]);
  rows.push([`--format ${(spec.formats ?? ["text", "json"]).join("|")}`, t("CliHelpFormat")]);
  rows.push(["--lang en|es", t("CliHelpLang")]);
  const argRows = table(args.map((a) => [a.usage, t(a.text)]));
  return [
    usage,
    t(spec.summary),
    ...(spec.note ? [t(spec.note)] : []),
    "",
    ...(argRows.length ? [...argRows, ""] : []),
    t("CliHelpFlags"),
    ...table(rows),
    ...(spec.pipelineOnly?.length
      ? [
          "",
          t(
            spec.pipelineOnlyHelp ?? "CliHelpPipelineOnly",
            spec.pipelineOnly.map((name) => `--${kebabCase(name)}`).join(", "),
          ),
        ]
      : []),
  ].join("\n");
}

export function mainHelp(specs: readonly CommandSpec[], lang: "en" | "es"): string {
  const t = catalogueLocalizer(lang);
  return [t("CliHelpMain"), "", t("CliHelpCommands"), ...table(specs.map((s) => [s.name, t(s.summary)]))].join("\n");
}

/** `lz api`: the commands of a group (named by two words, `api add-table`). */
export function groupHelp(specs: readonly CommandSpec[], group: string, lang: "en" | "es"): string {
  const t = catalogueLocalizer(lang);
  const members = specs.filter((s) => s.name.startsWith(`${group} `));
  return [t("CliApiCommands"), ...table(members.map((s) => [s.name, t(s.summary)]))].join("\n");
}

/** `lz --version`: the CLI's version, then each task's (what a pipeline would run). */
export function versionText(cliVersion: string, specs: readonly CommandSpec[]): string {
  const tasks = new Map<string, string>();
  for (const { task } of specs)
    if (task.version) tasks.set(task.name, `${task.version.Major}.${task.version.Minor}.${task.version.Patch}`);
  return [`lz ${cliVersion}`, ...[...tasks].map(([name, v]) => `  ${name} ${v}`)].join("\n");
}
