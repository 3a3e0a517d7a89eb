import type { Rule } from "../findings/rule";

export const SQL_RULES = [
  {
    code: "SQL001",
    name: "invalid-impala-sql",
    severity: "error",
    category: "sql",
    title: { en: "The statement is not valid Impala SQL.", es: "La sentencia no es SQL de Impala válido." },
    message: { en: "Impala would reject this statement: %s.", es: "Impala rechazaría esta sentencia: %s." },
    fix: {
      en: "Correct the statement at this position (a PostgreSQL cast monto::INT is CAST(monto AS INT) in Impala); run it in HUE (Impala editor) on dev to confirm.",
      es: "Corrija la sentencia en esta posición (una conversión de PostgreSQL monto::INT es CAST(monto AS INT) en Impala); ejecútela en HUE (editor de Impala) en dev para confirmar.",
    },
    why: "A statement Impala rejects stops the routine at run time; today that is found only when someone runs it by hand. The check uses a real Impala grammar (dt-sql-parser); impala-shell variables and Python placeholders are replaced by identifiers before parsing. Where that grammar rejects valid Impala (the if() function, join hints, STRUCT<name: type>, multi-key partition specs in COMPUTE INCREMENTAL STATS, the bitwise operators and DIV, a bare INVALIDATE METADATA) the statement is rewritten or accepted first; still unsupported: references to complex-type collections in FROM (t, t.items) and GROUPING SETS — silence such a line with `-- lz: ignore[SQL001]`.",
    example: {
      language: "sql",
      bad: "SELEC cliente, FROM proceso_x.pagos",
      good: "SELECT cliente FROM proceso_x.pagos",
    },
  },
  {
    code: "SQL002",
    name: "write-outside-zone",
    severity: "error",
    category: "sql",
    title: {
      en: "A write into a database that is not the routine's results zone.",
      es: "Una escritura en una base de datos que no es la zona de resultados de la rutina.",
    },
    message: {
      en: "%s writes into '%s', but the routine's results zone is '%s'.",
      es: "%s escribe en '%s', pero la zona de resultados de la rutina es '%s'.",
    },
    fix: {
      en: "Write only into the routine's own zone (the zona release variable / config.json); read other teams' tables, never write them.",
      es: "Escriba solo en la zona propia de la rutina (variable zona del release / config.json); las tablas de otros equipos se leen, nunca se escriben.",
    },
    why: "Routines run with shared service accounts on shared clusters: a write into another team's database can destroy their data.",
    example: {
      language: "sql",
      bad: "INSERT INTO resultados.pagos SELECT …",
      good: "INSERT INTO proceso_x.pagos SELECT …",
    },
  },
  {
    code: "SQL003",
    name: "select-star-persisted",
    severity: "warning",
    category: "sql",
    title: {
      en: "SELECT * in a query whose result is stored.",
      es: "SELECT * en una consulta cuyo resultado se guarda.",
    },
    message: {
      en: "SELECT * in %s: a new column upstream changes or breaks what is stored.",
      es: "SELECT * en %s: una columna nueva en el origen cambia o rompe lo que se guarda.",
    },
    fix: { en: "List the columns explicitly.", es: "Liste las columnas explícitamente." },
    why: "INSERT … SELECT * and CREATE TABLE AS SELECT * depend on the source's column order and count, which change without notice.",
  },
  {
    code: "SQL004",
    name: "table-without-database",
    severity: "warning",
    category: "sql",
    title: { en: "A table referenced without its database.", es: "Una tabla referenciada sin su base de datos." },
    message: {
      en: "Table '%s' has no database: the routine then depends on the session's USE.",
      es: "La tabla '%s' no tiene base de datos: la rutina depende entonces del USE de la sesión.",
    },
    fix: { en: "Write database.table.", es: "Escriba base_de_datos.tabla." },
    why: "The default database differs between sessions and servers; an unqualified name reads or writes the wrong table.",
  },
  {
    code: "SQL005",
    name: "not-rerunnable-ddl",
    severity: "warning",
    category: "sql",
    title: {
      en: "DDL that fails when the routine runs again.",
      es: "DDL que falla cuando la rutina se ejecuta de nuevo.",
    },
    message: { en: "%s without %s fails on the second run.", es: "%s sin %s falla en la segunda ejecución." },
    fix: {
      en: "Add IF EXISTS to DROP and IF NOT EXISTS to CREATE.",
      es: "Agregue IF EXISTS a DROP e IF NOT EXISTS a CREATE.",
    },
    why: "Scheduled routines are rerun (retries, reprocessing): DDL must be idempotent.",
    example: {
      language: "sql",
      bad: "DROP TABLE proceso_x.tmp_pagos;",
      good: "DROP TABLE IF EXISTS proceso_x.tmp_pagos;",
    },
  },
  {
    code: "SQL006",
    name: "hardcoded-date-or-environment",
    severity: "warning",
    category: "sql",
    title: {
      en: "A hard-coded date or environment-specific database name.",
      es: "Una fecha quemada o un nombre de base de datos propio de un ambiente.",
    },
    message: { en: "Hard-coded %s '%s' in the query.", es: "%s quemado(a) en la consulta: '%s'." },
    fix: {
      en: "Compute dates (now(), a parameter) and use the same database names in every environment.",
      es: "Calcule las fechas (now(), un parámetro) y use los mismos nombres de base de datos en todos los ambientes.",
    },
    why: "A fixed date makes a scheduled routine process the same day forever; a _dev/_prd database name breaks when the routine is promoted.",
  },
  {
    code: "SQL007",
    name: "templated-target",
    severity: "info",
    category: "sql",
    title: {
      en: "The database of a write comes from a template.",
      es: "La base de datos de una escritura viene de una plantilla.",
    },
    message: {
      en: "%s writes into a database given by '%s': it could not be checked against the results zone.",
      es: "%s escribe en una base de datos dada por '%s': no se pudo comparar con la zona de resultados.",
    },
    fix: { en: "Nothing, if the value is the results zone.", es: "Nada, si el valor es la zona de resultados." },
    why: "The value is only known at run time; the finding records that SQL002 could not apply.",
  },
] satisfies Rule[];
