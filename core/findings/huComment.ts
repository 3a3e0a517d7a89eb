/**
 * Posting the findings on the HU (work item): one comment per release, updated on a rerun of the
 * stage (found by its marker line) instead of piling up, plus the SARIF file attached.
 * The REST calls go through WorkItemGateway; the task implements it with azure-devops-node-api.
 */
import { FindingsResult, ruleOf } from "./summary";
import { catalogueLocalizer } from "../i18n/localizer";
import { SEVERITY_KEY } from "../i18n/severity";
import { countsText, RESULT_KEY, routineSettingRows } from "./report";
import { escapeHtml } from "../html";

export interface WorkItemComment {
  id: number;
  text: string;
}

export interface WorkItemGateway {
  listComments(workItemId: number): Promise<WorkItemComment[]>;
  addComment(workItemId: number, html: string): Promise<number>;
  updateComment(workItemId: number, commentId: number, html: string): Promise<void>;
  attachFile(workItemId: number, fileName: string, content: Buffer, comment: string): Promise<void>;
  /** The work item's attached files (name and download URL). */
  listAttachments(workItemId: number): Promise<Array<{ name: string; url: string }>>;
  /** The attachment's content as it arrives (a response stream): the caller bounds what it reads. */
  download(url: string, name: string): Promise<AsyncIterable<Uint8Array>>;
}

/** The marker that identifies this task's comment for one release (the comment API keeps plain text). */
export function commentMarker(releaseId: string | undefined, buildId?: string): string {
  // A classic release has a release id; a YAML run has only its build id (no Release.* variables).
  if (releaseId) return `lz-validate-routine · release ${releaseId}`;
  return `lz-validate-routine${buildId ? ` · run ${buildId}` : ""}`;
}

const MAX_ROWS = 200;

/** `patch`: the fixes' section, already rendered as HTML (core/validator/fixes.ts). */
export function commentHtml(
  result: FindingsResult,
  routine: string,
  marker: string,
  releaseName?: string,
  patch?: string,
): string {
  const lang = result.options.lang;
  const t = catalogueLocalizer(lang);
  const s = result.summary;
  const rows = result.findings
    .filter((f) => f.severity !== "info")
    .slice(0, MAX_ROWS)
    .map(
      (f) =>
        `<tr><td>${escapeHtml(f.rule)}</td><td>${escapeHtml(t(SEVERITY_KEY[f.severity]))}</td><td>${escapeHtml(f.file || "-")}:${f.line}:${f.column}</td><td>${escapeHtml(f.message)}</td></tr>`,
    );
  const more = result.findings.filter((f) => f.severity !== "info").length - rows.length;
  const rulesUsed = [...new Set(result.findings.map((f) => f.rule))].map(
    (c) => `${c} ${escapeHtml(ruleOf(result, c)?.title[lang] ?? "")}`,
  );
  const head = [t("ReportRule"), t("ReportSeverity"), t("ReportWhere"), t("ReportFinding")];
  return [
    `<p><b>${escapeHtml(t("ReportTitle"))}</b>${releaseName ? ` — ${escapeHtml(releaseName)}` : ""}: <b>${escapeHtml(t(RESULT_KEY[result.result]))}</b> (${escapeHtml(countsText(s, lang))})</p>`,
    `<p><code>${escapeHtml(routine)}</code></p>`,
    rows.length
      ? `<table><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>${rows.join("")}</table>`
      : "",
    more > 0 ? `<p>… +${more}</p>` : "",
    patch ?? "",
    routineSettingsHtml(result),
    rulesUsed.length ? `<p>${rulesUsed.join("<br>")}</p>` : "",
    `<p><sub>${escapeHtml(marker)}</sub></p>`,
  ].join("");
}

/** The routine's own settings, so the reviewer on the HU sees what the routine silenced and why. */
function routineSettingsHtml(result: FindingsResult): string {
  if (!result.routineSettings.length) return "";
  const { title, head, rows } = routineSettingRows(result);
  const shown = rows.slice(0, MAX_ROWS);
  return (
    `<p><b>${escapeHtml(title)}</b></p><table><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>` +
    shown.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`).join("") +
    `</table>${rows.length > shown.length ? `<p>… +${rows.length - shown.length}</p>` : ""}`
  );
}

export interface PublishOutcome {
  commentId: number;
  updated: boolean;
}

export async function publishOnWorkItem(
  gateway: WorkItemGateway,
  workItemId: number,
  html: string,
  marker: string,
  sarif?: { fileName: string; content: Buffer },
): Promise<PublishOutcome> {
  const existing = (await gateway.listComments(workItemId)).find(
    (c) => c.text.includes(escapeHtml(marker)) || c.text.includes(marker),
  );
  let outcome: PublishOutcome;
  if (existing) {
    await gateway.updateComment(workItemId, existing.id, html);
    outcome = { commentId: existing.id, updated: true };
  } else {
    outcome = { commentId: await gateway.addComment(workItemId, html), updated: false };
  }
  if (sarif) await gateway.attachFile(workItemId, sarif.fileName, sarif.content, marker);
  return outcome;
}
