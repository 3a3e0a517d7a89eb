import type { Localizer } from "../i18n/localizer";
import { table } from "../markdown";
import { SEVERITY_KEY } from "../i18n/severity";
import type { OcResult } from "./ocVariables";

export interface ReleaseContext {
  releaseName?: string;
  releaseId?: string;
}

/** The Markdown summary tab of CreateOCVars: what it set, or every problem when it set nothing. */
export function renderOcSummary(result: OcResult, loc: Localizer, release: ReleaseContext): string {
  const lines: string[] = [];
  const releaseLabel = release.releaseName
    ? `${release.releaseName}${release.releaseId ? ` (#${release.releaseId})` : ""}`
    : "";
  lines.push(`### ${loc("OcSummaryTitle")}${releaseLabel ? ` — ${releaseLabel}` : ""}`, "");
  if (result.ok) {
    lines.push(loc("SummarySet", result.variables.length), "");
    lines.push(
      table(
        [loc("SummaryVariable"), loc("SummaryValue")],
        result.variables.map(([name, value]) => [`$(${name})`, value]),
      ),
    );
    if (result.dependencySource) lines.push("", loc("SummaryDependencySource", result.dependencySource));
  } else {
    lines.push(loc("SummaryNothingSet"), "");
  }
  const shown = result.problems.filter((p) => p.severity !== "info");
  if (shown.length) {
    lines.push("", `#### ${loc("SummaryProblems")}`, "");
    for (const p of shown)
      lines.push(`- **${loc(SEVERITY_KEY[p.severity])}** \`${p.field}\`: ${loc(p.code, ...p.args)}`);
  }
  return lines.join("\n") + "\n";
}
