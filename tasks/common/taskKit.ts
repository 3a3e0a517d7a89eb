/**
 * Glue every task shares with azure-pipelines-task-lib: localized messages, the report file
 * and the summary tab. Not a task itself; tasks import it, never each other.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import tl = require("azure-pipelines-task-lib/task");
import { renderArg, type Lang } from "../../core/i18n/catalogue";
import { cultureFromLocale, languageOf } from "../../core/i18n/culture";
import type { Localizer } from "../../core/i18n/localizer";
import { describeUnexpected } from "../../core/errorReport";
import { neutralizeAgentCommands } from "../../core/logSafe";
import type { InputGetter } from "../../core/inputs";
import type { Problem } from "../../core/problem";
import { unresolvedVariables } from "../../core/text";
import type { TaskReport } from "../../core/report";

/**
 * Prints a line of the task's log. Task messages carry text from outside (file and attachment names,
 * HU titles, SQL with the user's values, the routine's output): each line of it is neutralized
 * (core/logSafe) so that none can issue an agent command or format the log. Every task prints
 * through here, never with console.log.
 */
export function logLine(text: string): void {
  process.stdout.write(
    text
      .split(/\r\n|\r|\n/)
      .map((line) => neutralizeAgentCommands(line) + os.EOL)
      .join(""),
  );
}

/**
 * The task's inputs for core's `…FromInputs(get)` parsers (core/inputs.ts): a filePath input the user
 * left empty is undefined (task-lib hands the working folder for it), any other input its text.
 */
export function taskInputs(taskDir: string): InputGetter {
  const task = JSON.parse(fs.readFileSync(path.join(taskDir, "task.json"), "utf8")) as {
    inputs?: Array<{ name: string; type: string }>;
  };
  const filePaths = new Set((task.inputs ?? []).filter((i) => i.type === "filePath").map((i) => i.name));
  return (name) => (filePaths.has(name) ? optionalFilePath(name) : tl.getInput(name, false));
}

/**
 * What core found wrong with the inputs: each warning shown, and the errors, all of them in one
 * message, end the task (InputError) before it does anything.
 */
export function takeInputProblems(problems: readonly Problem[]): void {
  for (const p of problems) if (p.severity === "warning") tl.warning(taskLoc(p.code, ...p.args));
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) throw new InputError(errors.map((p) => taskLoc(p.code, ...p.args)).join("\n"));
}

/** A problem with what the user gave: its message, already localized, is shown as it is. */
export class InputError extends Error {}

/**
 * Ends the task as Failed on an error: an InputError's own message; anything else as unexpected, with
 * its message and our own frames (repository paths, core/errorReport). The whole stack, with the
 * agent's paths, goes to the debug output only (shown when the pipeline runs with System.Debug).
 */
export function failTask(err: unknown): void {
  if (err instanceof InputError) return tl.setResult(tl.TaskResult.Failed, err.message);
  if (err instanceof Error && err.stack) tl.debug(err.stack);
  tl.setResult(tl.TaskResult.Failed, taskLoc("UnexpectedError", describeUnexpected(err)));
}

/**
 * Sets each value twice, as the README documents: `<prefix>.<Name>`, a job variable for the later
 * tasks of the job, and `<Name>`, the output declared in task.json (its name must be undotted).
 */
export function setTaskOutputs(prefix: string, outputs: Array<[name: string, value: string]>): void {
  for (const [name, value] of outputs) {
    tl.setVariable(`${prefix}.${name}`, value);
    tl.setVariable(name, value, false, true);
  }
}

/**
 * Loads the task's messages in the agent's language. task-lib picks `Strings/resources.resjson/<culture>`
 * by exact name, and the tasks ship en-US and es-ES: every Spanish culture (`es-CO` is the bank's, `es`,
 * `es-MX`…) is mapped to es-ES first, or those agents would get English.
 */
export function loadTaskStrings(taskDir: string): void {
  process.env.SYSTEM_CULTURE = cultureFromLocale(tl.getVariable("System.Culture"));
  tl.setResourcePath(path.join(taskDir, "task.json"));
}

/**
 * tl.loc as a core Localizer (after loadTaskStrings). The message template is ours; its arguments
 * are often text from outside (names, paths, values, server messages), so each is neutralized
 * (core/logSafe): whether the message is printed, shown as a warning or ends the task, it cannot
 * issue an agent command.
 */
export const taskLoc: Localizer = (key, ...args) =>
  tl.loc(
    key,
    ...args.map((a) => {
      const value = renderArg(taskLanguage(), a); // an argument that is itself a message, in the task's language
      return typeof value === "string" ? neutralizeAgentCommands(value) : value;
    }),
  );

/** The language of the agent's culture (System.Culture), as loadTaskStrings chose the task's strings. */
export function taskLanguage(): Lang {
  return languageOf(tl.getVariable("System.Culture"));
}

/** A folder for this run's report and summary under the agent's temp directory. */
export function reportFolder(task: string): string {
  const base = tl.getVariable("Agent.TempDirectory") || os.tmpdir();
  const folder = path.join(base, "lz", `${task}-${process.pid}`);
  fs.mkdirSync(folder, { recursive: true });
  return folder;
}

/** Writes `<task>-report.json` and `<task>-summary.md`, uploads the summary; returns the report path. */
export function publishReport(report: TaskReport, summaryMarkdown: string, folder = reportFolder(report.task)): string {
  const reportPath = path.join(folder, `${report.task}-report.json`);
  fs.writeFileSync(reportPath, JSON.stringify(report, null, 2) + "\n", "utf8");
  const summaryPath = path.join(folder, `${report.task}-summary.md`);
  fs.writeFileSync(summaryPath, summaryMarkdown, "utf8");
  tl.uploadSummary(summaryPath);
  return reportPath;
}

/** A filePath input the user really filled (task-lib returns the working directory for an empty one). */
export function optionalFilePath(name: string): string | undefined {
  if (!tl.filePathSupplied(name)) return undefined;
  return tl.getPathInput(name, false, false) || undefined;
}

/**
 * An input the release really gave: trimmed, or undefined when empty or when it still holds an
 * unexpanded `$(variable)` (a variable the release does not define); that raw value goes to
 * `onUnresolved` so the task can say which variable is missing.
 */
export function definedInput(name: string, onUnresolved?: (raw: string) => void): string | undefined {
  const value = tl.getInput(name, false)?.trim();
  if (!value) return undefined;
  if (unresolvedVariables(value).length) {
    onUnresolved?.(value);
    return undefined;
  }
  return value;
}
