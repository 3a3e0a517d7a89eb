/**
 * Findings as plain text (the `lz` commands' default output): one line per finding, what the routine
 * set about its own gate, and the verdict with its counts, in the reader's language. One writer for
 * every command; `tail` is what a command adds to the verdict line (files analyzed, exit code…).
 */
import { catalogueLocalizer } from "../i18n/localizer";
import { SEVERITY_KEY } from "../i18n/severity";
import { countsText, RESULT_KEY, routineSettingRows } from "./report";
import type { FindingsResult } from "./summary";

export function findingsText(result: FindingsResult, options: { before?: string[]; tail?: string } = {}): string {
  const t = catalogueLocalizer(result.options.lang);
  const lines = result.findings.map(
    (f) =>
      `${f.file || "."}:${f.line}:${f.column}: ${t(SEVERITY_KEY[f.severity])} ${f.rule}${f.suppressed ? " (lz: ignore)" : ""} ${f.message}`,
  );
  if (result.routineSettings.length) {
    const settings = routineSettingRows(result);
    lines.push("", `${settings.title}:`, ...settings.rows.map((r) => `  ${r[0]}: ${r[1]} — ${r[2]} (${r[3]})`));
  }
  lines.push(...(options.before ?? []));
  const verdict = `${t(RESULT_KEY[result.result])}: ${countsText(result.summary, result.options.lang)}`;
  lines.push("", options.tail ? `${verdict} ${options.tail}` : verdict);
  return lines.join("\n");
}
