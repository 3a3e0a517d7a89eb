/** ReserveInventory's inputs (task or CLI flags) → a request; and the summary of what happened. */
import type { Localizer } from "../i18n/localizer";
import { table } from "../markdown";
import { Problem, problem } from "../problem";
import { DEFAULT_NAMING, InventoryKind } from "./naming";
import { SEVERITY_KEY } from "../i18n/severity";
import type { HuType, ReserveRequest, ReserveResult } from "./reserve";
import { inventoryTables } from "../api/cfgTables";

export function requestFromInputs(get: (name: string) => string | undefined): {
  request: ReserveRequest;
  problems: Problem[];
} {
  const problems: Problem[] = [];
  const value = (name: string, fallback = "") => (get(name) ?? fallback).trim();
  const periodicityCodes = { ...DEFAULT_NAMING.periodicityCodes };
  for (const line of value("periodicityCodes").split(/\r?\n/)) {
    if (!line.trim()) continue;
    const m = /^\s*([^=]+?)\s*=\s*([A-Za-z0-9]+)\s*$/.exec(line);
    if (!m) problems.push(problem("PeriodicityCodeInvalid", "error", "periodicityCodes", line.trim()));
    else periodicityCodes[m[1]] = m[2].toUpperCase();
  }
  const request: ReserveRequest = {
    huType: (value("huType", "nueva") || "nueva") as HuType,
    kind: (value("kind", "routine") || "routine") as InventoryKind,
    periodicity: value("periodicity"),
    app: value("app"),
    semilla: value("semilla"),
    tables: value("tables")
      .split(/\r?\n|,/)
      .map((t) => t.trim())
      .filter(Boolean),
    dataFolder: value("dataFolder"),
    descripcion: value("descripcion"),
    requestedBy: value("requestedBy"),
    runDay: value("runDay"),
    runTime: value("runTime"),
    prerequisite: value("prerequisite", "N/A"),
    dryRun: /^(true|1|yes)$/i.test(value("dryRun")),
    naming: {
      packagePrefix: value("packagePrefix", DEFAULT_NAMING.packagePrefix) || DEFAULT_NAMING.packagePrefix,
      processPrefix: value("processPrefix", DEFAULT_NAMING.processPrefix) || DEFAULT_NAMING.processPrefix,
      kindCodes: {
        routine: value("routineCode", "RTN") || "RTN",
        coordinator: value("coordinatorCode", "CRD") || "CRD",
      },
      periodicityCodes,
    },
  };
  // A coordinator's tables may come from the API's cfg folder (one number per <table>.json).
  const cfgFolder = value("cfgFolder");
  if (request.kind === "coordinator" && cfgFolder) {
    const fromCfg = inventoryTables(cfgFolder, request.tables);
    request.tables = fromCfg.tables;
    problems.push(...fromCfg.problems);
  }
  return { request, problems };
}

export function reserveSummary(result: ReserveResult, loc: Localizer, dryRun: boolean): string {
  const lines = [`### ${loc(dryRun ? "InventorySummaryTitleDryRun" : "InventorySummaryTitle")}`, ""];
  if (result.reservations.length) {
    lines.push(
      table(
        [
          loc("InventoryColumnTable"),
          loc("InventoryColumnPackage"),
          loc("InventoryColumnProcess"),
          loc("InventoryColumnConsecutive"),
          loc("InventoryColumnReused"),
        ],
        result.reservations.map((r) => [
          r.table,
          r.package,
          r.process,
          String(r.consecutive),
          loc(r.reused ? "Yes" : "No"),
        ]),
      ),
      "",
    );
    lines.push("```", ...result.reservations.map((r) => JSON.stringify(r.row)), "```");
  }
  for (const row of result.existing) lines.push(`- ${row.package} / ${row.proceso} (${row.semilla})`);
  for (const p of result.problems) lines.push(`- **${loc(SEVERITY_KEY[p.severity])}**: ${loc(p.code, ...p.args)}`);
  return lines.join("\n") + "\n";
}
