/**
 * ReserveInventory's decision logic over any backend (Impala via impala-shell or HiveServer2, or
 * the embedded SQLite file of the CLI and the tests).
 *
 * Impala has no transactions and no unique keys, so two releases can read the same "last number"
 * at once. The reservation therefore inserts, makes every coordinator's writes visible (REFRESH),
 * and reads the rows holding its number back: when another routine holds it too, a fixed
 * tie-break (the smaller semilla keeps the number) decides who moves; the one that moves deletes
 * its own row and takes the next number when the backend allows deletes, otherwise it fails
 * naming both rows. Nothing is left as a silent duplicate.
 */
import { Problem, problem } from "../problem";
import {
  consecutiveOf,
  DEFAULT_NAMING,
  InventoryKind,
  NamingOptions,
  nextConsecutive,
  packageName,
  periodicityCode,
  processName,
} from "./naming";
import { msg } from "../i18n/catalogue";
import type { InventoryRow, RowFilter } from "./sql";

export interface InventoryBackend {
  readonly name: string;
  /** Can this run remove its own row (Kudu/SQLite yes; an HDFS-backed Impala table no). */
  readonly canDelete: boolean;
  /** Runs `work` holding the backend's lock when it has one (the embedded file); Impala has none. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  packages(): Promise<string[]>;
  rows(filter: RowFilter): Promise<InventoryRow[]>;
  insert(row: InventoryRow): Promise<void>;
  deleteOwn(row: InventoryRow): Promise<void>;
  /** Make every coordinator's writes visible (REFRESH / SYNC_DDL). */
  sync(): Promise<void>;
  /**
   * How long a run waits after its insert before reading who holds its number: a concurrent run
   * that read the same last number inserts within this time, so both see each other and the
   * tie-break decides once. 0 where the backend serializes reservations (the locked file).
   */
  readonly settleMs: number;
}

export type HuType = "nueva" | "modificacion";

export interface ReserveRequest {
  huType: HuType;
  kind: InventoryKind;
  periodicity: string;
  app: string;
  /** Routine: the repository. Coordinators: the zona (process note 001 §4). */
  semilla: string;
  tables: string[];
  dataFolder: string;
  descripcion: string;
  requestedBy: string;
  runDay: string;
  runTime: string;
  prerequisite: string;
  dryRun: boolean;
  naming?: Partial<NamingOptions>;
}

export interface Reservation {
  table: string;
  package: string;
  process: string;
  consecutive: number;
  reused: boolean;
  row: InventoryRow;
}

export interface ReserveResult {
  ok: boolean;
  reservations: Reservation[];
  problems: Problem[];
  /** For a modification HU: the existing rows found. */
  existing: InventoryRow[];
}

const MAX_ATTEMPTS = 10;

/** The first control character (Unicode Cc) other than tab and newline, which a text input may hold. */
function firstControl(value: string): { index: number; code: number } | undefined {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f)) return { index, code };
  }
  return undefined;
}

/**
 * The text inputs that become columns of the row: no control character other than tab and newline
 * (they corrupt the log and the readback), and not the text `NULL`, which impala-shell prints
 * exactly as it prints an SQL NULL, so the row could never be read back as written.
 */
function checkText(req: ReserveRequest): Problem[] {
  const problems: Problem[] = [];
  const values: Array<[field: string, label: string, value: string]> = [
    ["semilla", "semilla", req.semilla],
    ...req.tables.map((t, i): [string, string, string] => ["tables", `tables (table ${i + 1})`, t]),
    ["dataFolder", "dataFolder", req.dataFolder],
    ["descripcion", "descripcion", req.descripcion],
    ["requestedBy", "requestedBy", req.requestedBy],
    ["runDay", "runDay", req.runDay],
    ["runTime", "runTime", req.runTime],
    ["prerequisite", "prerequisite", req.prerequisite],
  ];
  for (const [field, label, value] of values) {
    const control = firstControl(value);
    if (control) {
      const code = control.code.toString(16).toUpperCase().padStart(4, "0");
      problems.push(problem("ControlCharacter", "error", field, label, `U+${code}`, control.index + 1));
    }
    if (value.trim() === "NULL") problems.push(problem("NullText", "error", field, label));
  }
  return problems;
}

export function checkRequest(
  req: ReserveRequest,
  naming: NamingOptions,
): { problems: Problem[]; period?: { name: string; code: string } } {
  const problems: Problem[] = checkText(req);
  if (!["nueva", "modificacion"].includes(req.huType))
    problems.push(problem("HuTypeInvalid", "error", "huType", req.huType));
  if (!["routine", "coordinator"].includes(req.kind)) problems.push(problem("KindInvalid", "error", "kind", req.kind));
  if (!req.semilla.trim())
    problems.push(
      problem(
        "FieldMissing",
        "error",
        "semilla",
        "semilla",
        msg(req.kind === "coordinator" ? "HintSemillaCoordinator" : "HintSemillaRoutine"),
      ),
    );
  if (req.huType === "modificacion") return { problems };
  const period = periodicityCode(req.periodicity, naming.periodicityCodes);
  if (!period)
    problems.push(
      problem(
        "PeriodicityUnknown",
        "error",
        "periodicity",
        req.periodicity,
        Object.keys(naming.periodicityCodes).join(", "),
      ),
    );
  if (!req.app.trim() || !/^[A-Za-z0-9]+$/.test(req.app.trim()))
    problems.push(problem("AppInvalid", "error", "app", req.app));
  for (const [field, value] of [
    ["descripcion", req.descripcion],
    ["requestedBy", req.requestedBy],
    ["runDay", req.runDay],
    ["runTime", req.runTime],
  ] as const) {
    if (!value.trim()) problems.push(problem("FieldMissing", "error", field, field, msg("HintNewHuNeedsIt")));
  }
  if (period?.name === "Intradiaria" && req.prerequisite.trim() && req.prerequisite.trim().toUpperCase() !== "N/A") {
    problems.push(problem("IntradiariaPrerequisite", "error", "prerequisite", req.prerequisite));
  }
  if (req.kind === "coordinator" && !req.tables.length) problems.push(problem("TablesMissing", "error", "tables"));
  if (req.kind === "coordinator" && !req.dataFolder.trim())
    problems.push(problem("FieldMissing", "error", "dataFolder", "dataFolder", msg("HintDataFolder")));
  return { problems, period };
}

/** Every column and where it comes from (documented in the README). */
export function buildRow(
  req: ReserveRequest,
  period: { name: string; code: string },
  naming: NamingOptions,
  table: string | undefined,
  consecutive: number,
): InventoryRow {
  const routine = req.kind === "routine";
  return {
    package: packageName(naming, period.code, consecutive),
    table_name: routine ? "N/A" : table!,
    semilla: req.semilla.trim(),
    proceso: processName(naming, period.code, consecutive, req.kind, req.app),
    origen_fuente: routine ? "Rutina" : "Coordinador",
    data_folder: routine ? "N/A" : req.dataFolder.trim(),
    periodicidad: period.name,
    descripcion: req.descripcion.trim(),
    solicita_ingestion: req.requestedBy.trim(),
    dia_ejecucion: req.runDay.trim(),
    hora_ejecucion: req.runTime.trim(),
    prerrequisito: req.prerequisite.trim() || "N/A",
  };
}

/** The row that names the same reservation: same semilla, kind and table. */
function ownFilter(req: ReserveRequest, table: string | undefined): RowFilter {
  return {
    semilla: req.semilla.trim(),
    origen_fuente: req.kind === "routine" ? "Rutina" : "Coordinador",
    table_name: req.kind === "routine" ? "N/A" : table,
  };
}

export async function reserve(
  backend: InventoryBackend,
  req: ReserveRequest,
  log: (message: string) => void = () => undefined,
): Promise<ReserveResult> {
  const naming: NamingOptions = {
    ...DEFAULT_NAMING,
    ...(req.naming ?? {}),
    kindCodes: { ...DEFAULT_NAMING.kindCodes, ...(req.naming?.kindCodes ?? {}) },
    periodicityCodes: { ...DEFAULT_NAMING.periodicityCodes, ...(req.naming?.periodicityCodes ?? {}) },
  };
  const checked = checkRequest(req, naming);
  const result: ReserveResult = { ok: false, reservations: [], problems: checked.problems, existing: [] };
  if (checked.problems.length) return result;

  if (req.huType === "modificacion") {
    result.existing = await backend.exclusive(() =>
      backend.rows({ semilla: req.semilla.trim(), origen_fuente: req.kind === "routine" ? "Rutina" : "Coordinador" }),
    );
    if (!result.existing.length)
      result.problems.push(
        problem(
          "ModificationNotFound",
          "error",
          "semilla",
          req.semilla,
          req.kind === "routine" ? "Rutina" : "Coordinador",
        ),
      );
    result.ok = !result.problems.length;
    return result;
  }

  const period = checked.period!;
  const targets: Array<string | undefined> = req.kind === "routine" ? [undefined] : req.tables;
  await backend.exclusive(async () => {
    for (const table of targets) {
      const existing = await backend.rows(ownFilter(req, table));
      if (existing.length) {
        const row = existing[0];
        result.reservations.push({
          table: table ?? "N/A",
          package: row.package,
          process: row.proceso,
          consecutive: consecutiveOf(row.package) ?? 0,
          reused: true,
          row,
        });
        log(`reuse ${row.package} / ${row.proceso}`);
        continue;
      }
      const reservation = await reserveOne(backend, req, period, naming, table, log, result.problems);
      if (!reservation) return;
      result.reservations.push(reservation);
    }
  });
  result.ok = !result.problems.length;
  return result;
}

async function reserveOne(
  backend: InventoryBackend,
  req: ReserveRequest,
  period: { name: string; code: string },
  naming: NamingOptions,
  table: string | undefined,
  log: (message: string) => void,
  problems: Problem[],
): Promise<Reservation | undefined> {
  let floor = 0;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const consecutive = Math.max(nextConsecutive(await backend.packages()), floor);
    const row = buildRow(req, period, naming, table, consecutive);
    if (req.dryRun) {
      log(`dry run: would insert ${row.package} / ${row.proceso}`);
      return { table: table ?? "N/A", package: row.package, process: row.proceso, consecutive, reused: false, row };
    }
    await backend.insert(row);
    if (backend.settleMs) await new Promise((resolve) => setTimeout(resolve, backend.settleMs));
    await backend.sync();
    const holders = (await backend.rows({ package: row.package })).filter(
      (r) => !(r.semilla === row.semilla && r.table_name === row.table_name),
    );
    if (!holders.length)
      return { table: table ?? "N/A", package: row.package, process: row.proceso, consecutive, reused: false, row };
    // Collision: the smaller semilla (then table) keeps the number; the other moves.
    const rival = holders.sort((a, b) => (a.semilla + a.table_name < b.semilla + b.table_name ? -1 : 1))[0];
    if (row.semilla + row.table_name < rival.semilla + rival.table_name) {
      log(`${row.package} also taken by ${rival.semilla} (${rival.table_name}); this run keeps it (smaller semilla)`);
      return { table: table ?? "N/A", package: row.package, process: row.proceso, consecutive, reused: false, row };
    }
    if (!backend.canDelete) {
      problems.push(
        problem(
          "Collision",
          "error",
          "inventory",
          row.package,
          `${row.semilla}/${row.table_name}`,
          `${rival.semilla}/${rival.table_name}`,
        ),
      );
      return undefined;
    }
    log(`${row.package} collided with ${rival.semilla}; moving to the next number`);
    await backend.deleteOwn(row);
    await backend.sync();
    floor = consecutive + 1;
  }
  problems.push(problem("TooManyAttempts", "error", "inventory", MAX_ATTEMPTS));
  return undefined;
}
