/**
 * The report every task writes beside its summary and that the CLI prints with `--format json`:
 * one shape, so a script can read either.
 */
import type { Localizer } from "./i18n/localizer";
import type { Problem, Severity } from "./problem";

export type TaskResultName = "Succeeded" | "SucceededWithIssues" | "Failed";

export interface ReportedProblem {
  code: string;
  severity: Severity;
  field: string;
  message: string;
}

export interface TaskReport {
  task: string;
  result: TaskResultName;
  summary: { errors: number; warnings: number; infos: number };
  problems: ReportedProblem[];
  /** Variables the task set (empty when it failed: a failing task sets nothing). */
  variables: Record<string, string>;
}

export function resultOf(problems: readonly Problem[]): TaskResultName {
  if (problems.some((p) => p.severity === "error")) return "Failed";
  if (problems.some((p) => p.severity === "warning")) return "SucceededWithIssues";
  return "Succeeded";
}

export function buildReport(
  task: string,
  problems: readonly Problem[],
  variables: ReadonlyArray<readonly [string, string]>,
  loc: Localizer,
): TaskReport {
  const count = (s: Severity) => problems.filter((p) => p.severity === s).length;
  return {
    task,
    result: resultOf(problems),
    summary: { errors: count("error"), warnings: count("warning"), infos: count("info") },
    problems: problems.map((p) => ({
      code: p.code,
      severity: p.severity,
      field: p.field,
      message: loc(p.code, ...p.args),
    })),
    variables: Object.fromEntries(variables),
  };
}

/** A task.json version as the reports' tool version: 1.2.0. */
export function formatTaskVersion(version: { Major: number; Minor: number; Patch: number }): string {
  return `${version.Major}.${version.Minor}.${version.Patch}`;
}
