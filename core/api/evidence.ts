/**
 * The evidence of the coordinators' runs on their HU (process note 001: "documentar en la HU la
 * ejecución y buen funcionamiento del coordinador"): one comment per release, updated by a rerun,
 * with each coordinator's result; the output logs are attached beside it.
 */
import type { CoordinatorsOutcome } from "./runCoordinators";
import { type Lang } from "../i18n/catalogue";
import { catalogueLocalizer } from "../i18n/localizer";
import { escapeHtml } from "../html";

/** The marker that identifies this task's comment for one release (or one run). */
export function coordinatorsMarker(releaseId: string | undefined, buildId?: string): string {
  if (releaseId) return `lz-run-coordinators · release ${releaseId}`;
  return `lz-run-coordinators${buildId ? ` · run ${buildId}` : ""}`;
}

export function coordinatorsHtml(
  outcome: CoordinatorsOutcome,
  api: string,
  where: string,
  marker: string,
  lang: Lang,
  releaseName?: string,
): string {
  const t = catalogueLocalizer(lang);
  const rows = outcome.coordinators.map((c) => {
    const errors = c.findings.filter((f) => f.rule === "RUN001" || f.rule === "RUN003" || f.rule === "RUN004").length;
    return `<tr><td>${escapeHtml(c.table)}</td><td>${c.failed ? `<b>${t("EvidenceRunFailed")}</b>` : t("EvidenceOk")}</td><td>${c.exitCode ?? "-"}</td><td>${(c.durationMs / 1000).toFixed(1)}</td><td>${errors}</td></tr>`;
  });
  const failed = outcome.coordinators.filter((c) => c.failed).length;
  const head = [t("EvidenceTable"), t("EvidenceResult"), t("EvidenceExitCode"), t("EvidenceTime"), t("EvidenceErrors")];
  return [
    `<p><b>${t("EvidenceTitle")}</b> — ${escapeHtml(api)}${releaseName ? ` — ${escapeHtml(releaseName)}` : ""}: <b>${outcome.coordinators.length - failed}/${outcome.coordinators.length} ${t("EvidenceOk")}</b></p>`,
    `<p><code>${escapeHtml(where)}</code></p>`,
    `<table><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>${rows.join("")}</table>`,
    `<p><sub>${escapeHtml(marker)}</sub></p>`,
  ].join("");
}
