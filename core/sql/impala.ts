/**
 * The Impala grammar (dt-sql-parser's ImpalaSQL, ANTLR). Its package is ES modules without
 * "type": "module", so plain node cannot load it: this file is always bundled by esbuild (task
 * bundles, and build/ts/core/sql/impala.js for the tests, see scripts/build.mjs).
 */
import { ImpalaSQL } from "dt-sql-parser";

export interface SqlError {
  /** 1-based, relative to the statement text. */
  line: number;
  column: number;
  message: string;
}

export interface SqlSlice {
  text: string;
  startIndex: number;
}

export interface SqlEntity {
  type: string;
  text: string;
  /** Offset in the statement text. */
  startIndex: number;
  statement: string;
}

let parser: ImpalaSQL | undefined;
const impala = () => (parser ??= new ImpalaSQL());

/** ANTLR prints recovery noise on the console during entity collection: keep the log clean. */
function quietly<T>(work: () => T): T {
  const saved = { error: console.error, warn: console.warn, log: console.log };
  console.error = console.warn = console.log = () => undefined;
  try {
    return work();
  } finally {
    Object.assign(console, saved);
  }
}

export function validateStatement(sql: string): SqlError[] {
  return quietly(() => impala().validate(sql)).map((e) => ({
    line: e.startLine,
    column: e.startColumn,
    message: e.message,
  }));
}

export function splitStatements(sql: string): SqlSlice[] {
  const slices = quietly(() => impala().splitSQLByStatement(sql)) ?? [];
  return slices.map((s) => ({ text: sql.slice(s.startIndex, s.endIndex + 1), startIndex: s.startIndex }));
}

export function entities(sql: string): SqlEntity[] {
  const found = quietly(() => impala().getAllEntities(sql)) ?? [];
  return found.map((e) => ({
    type: String(e.entityContextType),
    text: e.text,
    startIndex: e.position.startIndex,
    statement: String(e.belongStmt.stmtContextType),
  }));
}
