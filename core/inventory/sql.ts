/**
 * The statements of the inventory, built once and quoted in each backend's dialect: Impala
 * escapes quotes with a backslash inside single-quoted literals, SQLite doubles them. A value is
 * never pasted unquoted; an injection attempt in descripcion is stored literally.
 */
export const INVENTORY_TABLE = "resultados.inventario_lz";

export const COLUMNS = [
  "package",
  "table_name",
  "semilla",
  "proceso",
  "origen_fuente",
  "data_folder",
  "periodicidad",
  "descripcion",
  "solicita_ingestion",
  "dia_ejecucion",
  "hora_ejecucion",
  "prerrequisito",
] as const;
export type Column = (typeof COLUMNS)[number];
export type InventoryRow = Record<Column, string>;

export type Dialect = "impala" | "sqlite";

export function quote(value: string, dialect: Dialect): string {
  if (dialect === "sqlite") return `'${value.replace(/'/g, "''")}'`;
  // Impala string literals: backslash escapes (Impala unescapes them as Hive does), control characters
  // written as escapes too, and `$` as `\$`: impala-shell replaces `${…}` anywhere in a statement,
  // literals included, unless the `$` follows a backslash; Impala reads `\$` back as `$`.
  return `'${value
    .replace(/\\/g, "\\\\")
    .replace(/'/g, "\\'")
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t")
    .replace(/\0/g, "")
    .replace(/\$/g, "\\$")}'`;
}

export function insertStatement(row: InventoryRow, dialect: Dialect, table = INVENTORY_TABLE): string {
  return `INSERT INTO ${table} (${COLUMNS.join(",")}) VALUES (${COLUMNS.map((c) => quote(row[c], dialect)).join(",")})`;
}

export function selectPackagesStatement(table = INVENTORY_TABLE): string {
  return `SELECT DISTINCT package FROM ${table}`;
}

export interface RowFilter {
  package?: string;
  semilla?: string;
  origen_fuente?: string;
  table_name?: string;
}

export function selectRowsStatement(filter: RowFilter, dialect: Dialect, table = INVENTORY_TABLE): string {
  const where = Object.entries(filter)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k} = ${quote(String(v), dialect)}`);
  return `SELECT ${COLUMNS.join(",")} FROM ${table}${where.length ? ` WHERE ${where.join(" AND ")}` : ""}`;
}

/** Only the reserving run's own row: package, semilla and table together. */
export function deleteOwnRowStatement(row: InventoryRow, dialect: Dialect, table = INVENTORY_TABLE): string {
  return `DELETE FROM ${table} WHERE package = ${quote(row.package, dialect)} AND semilla = ${quote(row.semilla, dialect)} AND table_name = ${quote(row.table_name, dialect)}`;
}

export function refreshStatement(table = INVENTORY_TABLE): string {
  return `REFRESH ${table}`;
}
