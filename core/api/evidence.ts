/**
 * The evidence of the coordinators' runs on their HU (process note 001: "documentar en la HU la
 * ejecución y buen funcionamiento del coordinador"): one comment per release, updated by a rerun,
 * with each coordinator's result; the output logs are attached beside it.
 */
import type { CoordinatorsOutcome } from "./runCoordinators";
import type { Lang } from "../validator/types";

const escape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The marker that identifies this task's comment for one release (or one run). */
export function coordinatorsMarker(releaseId: string | undefined, buildId?: string): string {
  if (releaseId) return `lz-run-coordinators · release ${releaseId}`;
  return `lz-run-coordinators${buildId ? ` · run ${buildId}` : ""}`;
}

const TEXT = {
  en: {
    title: "Coordinators run",
    table: "Table",
    result: "Result",
    exit: "Exit code",
    time: "Time (s)",
    errors: "Errors",
    ok: "OK",
    failed: "FAILED",
  },
  es: {
    title: "Ejecución de coordinadores",
    table: "Tabla",
    result: "Resultado",
    exit: "Código de salida",
    time: "Tiempo (s)",
    errors: "Errores",
    ok: "OK",
    failed: "FALLÓ",
  },
};

export function coordinatorsHtml(
  outcome: CoordinatorsOutcome,
  api: string,
  where: string,
  marker: string,
  lang: Lang,
  releaseName?: string,
): string {
  const t = TEXT[lang];
  const rows = outcome.coordinators.map((c) => {
    const errors = c.findings.filter((f) => f.rule === "RUN001" || f.rule === "RUN003" || f.rule === "RUN004").length;
    return `<tr><td>${escape(c.table)}</td><td>${c.failed ? `<b>${t.failed}</b>` : t.ok}</td><td>${c.exitCode ?? "-"}</td><td>${(c.durationMs / 1000).toFixed(1)}</td><td>${errors}</td></tr>`;
  });
  const failed = outcome.coordinators.filter((c) => c.failed).length;
  return [
    `<p><b>${t.title}</b> — ${escape(api)}${releaseName ? ` — ${escape(releaseName)}` : ""}: <b>${outcome.coordinators.length - failed}/${outcome.coordinators.length} ${t.ok}</b></p>`,
    `<p><code>${escape(where)}</code></p>`,
    `<table><tr><th>${t.table}</th><th>${t.result}</th><th>${t.exit}</th><th>${t.time}</th><th>${t.errors}</th></tr>${rows.join("")}</table>`,
    `<p><sub>${escape(marker)}</sub></p>`,
  ].join("");
}
