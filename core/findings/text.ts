/**
 * Findings as plain text (the `lz` commands' default output): one line per finding, what the routine
 * set about its own gate, and the verdict with its counts, in the reader's language. One writer for
 * every command; `tail` is what a command adds to the verdict line (files analyzed, exit code…).
 */
import { catalogueLocalizer } from "../i18n/localizer";
import type { Severity } from "../problem";
import { SEVERITY_KEY } from "../i18n/severity";
import { countsText, RESULT_KEY, routineSettingRows } from "./report";
import type { FindingsResult } from "./summary";

/** Highlights a severity's word (the CLI's colours on a terminal); the text is unchanged without it. */
export type SeverityPainter = (severity: Severity, text: string) => string;

/** The severity the verdict is painted with. */
const VERDICT_SEVERITY = { Failed: "error", SucceededWithIssues: "warning", Succeeded: "info" } as const;

export function findingsText(
  result: FindingsResult,
  options: { before?: string[]; tail?: string; paint?: SeverityPainter } = {},
): string {
  const t = catalogueLocalizer(result.options.lang);
  const paint = options.paint ?? ((_: Severity, text: string) => text);
  const lines = result.findings.map(
    (f) =>
      `${f.file || "."}:${f.line}:${f.column}: ${paint(f.severity, t(SEVERITY_KEY[f.severity]))} ${f.rule}${f.suppressed ? " (lz: ignore)" : ""} ${f.message}`,
  );
  if (result.routineSettings.length) {
    const settings = routineSettingRows(result);
    lines.push("", `${settings.title}:`, ...settings.rows.map((r) => `  ${r[0]}: ${r[1]} — ${r[2]} (${r[3]})`));
  }
  lines.push(...(options.before ?? []));
  const verdict = `${paint(VERDICT_SEVERITY[result.result], t(RESULT_KEY[result.result]))}: ${countsText(result.summary, result.options.lang)}`;
  lines.push("", options.tail ? `${verdict} ${options.tail}` : verdict);
  return lines.join("\n");
}
