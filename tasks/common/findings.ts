/** Findings as agent annotations: the first 10 errors and 10 warnings (the agent shows no more). */
import * as fs from "fs";
import * as path from "path";
import tl = require("azure-pipelines-task-lib/task");
import { neutralizeAgentCommands } from "../../core/logSafe";
import { formatTaskVersion } from "../../core/report";
import type { FindingsResult, Summary } from "../../core/findings/summary";
import { logLine, taskLoc } from "./taskKit";
import type { MessageKey } from "../../core/i18n/catalogue";
import type { FailOn, Finding } from "../../core/findings/types";

export const ANNOTATIONS_PER_SEVERITY = 10;

/** Returns how many findings were left out of the annotations. */
export function annotateFindings(findings: Finding[], root: string): number {
  let hidden = 0;
  for (const severity of ["error", "warning"] as const) {
    const list = findings.filter((f) => f.severity === severity);
    for (const f of list.slice(0, ANNOTATIONS_PER_SEVERITY)) {
      // The file name and the message quote the routine (its names, its code): neutralized (core/logSafe).
      const source = f.file ? neutralizeAgentCommands(path.join(root, f.file)) : undefined;
      tl.logIssue(
        severity === "error" ? tl.IssueType.Error : tl.IssueType.Warning,
        neutralizeAgentCommands(`${f.rule} ${f.file ? `${f.file}:${f.line}:${f.column} ` : ""}${f.message}`),
        source,
        f.line,
        f.column,
        f.rule,
      );
    }
    hidden += Math.max(0, list.length - ANNOTATIONS_PER_SEVERITY);
  }
  return hidden;
}

/** The failOn input every findings task has (pickList error | warning | never; default error). */
export function failOnInput(): FailOn {
  return (tl.getInput("failOn", false) || "error") as FailOn;
}

/** This task's version from the task.json beside the bundle, for the reports' tool field. */
export function taskVersion(dir: string): string {
  return formatTaskVersion(JSON.parse(fs.readFileSync(path.join(dir, "task.json"), "utf8")).version);
}

/** Findings that reach failOn: what the GateFailed message counts. */
export function blockingCount(summary: Summary, failOn: FailOn): number {
  return failOn === "warning" ? summary.errors + summary.warnings : summary.errors;
}

/**
 * The gate's verdict as the task's result, the same for every task reporting findings: Failed when
 * a finding reaches failOn (`failed` counts them), with issues when warnings remain below it (or
 * when `withIssues` says something else went wrong), else Succeeded with the task's passed message.
 */
export function setGateResult(
  result: FindingsResult,
  failOn: FailOn,
  messages: { failed: MessageKey; passed: MessageKey; warnings?: MessageKey },
  withIssues = false,
): void {
  const s = result.summary;
  if (result.result === "Failed")
    return tl.setResult(tl.TaskResult.Failed, taskLoc(messages.failed, blockingCount(s, failOn), failOn));
  if (result.result === "SucceededWithIssues" || withIssues) {
    if (s.warnings && messages.warnings) logLine(taskLoc(messages.warnings, s.warnings));
    return tl.setResult(tl.TaskResult.SucceededWithIssues, "");
  }
  logLine(taskLoc(messages.passed));
  tl.setResult(tl.TaskResult.Succeeded, "");
}
