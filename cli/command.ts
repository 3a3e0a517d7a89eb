import type { TaskReport } from "../core/report";

export interface CommandResult {
  /** What to print on stdout, already in the `--format` the user asked for. */
  output: string;
  /** 0 success, 1 the check failed (2, bad usage, comes from UsageError). */
  exitCode: 0 | 1;
}

/** The text form of a report: problems first, then what was set. */
export function reportAsText(report: TaskReport): string {
  const lines: string[] = [];
  for (const p of report.problems) lines.push(`${p.severity.toUpperCase()} [${p.code}] ${p.field}: ${p.message}`);
  const vars = Object.entries(report.variables);
  if (vars.length) {
    if (lines.length) lines.push("");
    for (const [name, value] of vars) lines.push(`${name} = ${value.replace(/\n/g, "\n    ")}`);
  }
  lines.push(
    "",
    `${report.task}: ${report.result} (${report.summary.errors} errors, ${report.summary.warnings} warnings)`,
  );
  return lines.join("\n");
}
