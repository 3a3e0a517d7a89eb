/**
 * The Impala grammar (dt-sql-parser's ImpalaSQL, ANTLR). Its package is ES modules without
 * "type": "module", so plain node cannot load it: this file is always bundled by esbuild (task
 * bundles, and build/ts/core/sql/impala.js for the tests, see scripts/build.mjs).
 */
import type { ImpalaSQL } from "dt-sql-parser";

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
/**
 * The grammar is loaded on the first statement, not with the bundle: loading it rebuilds the lexer's and
 * the parser's ATN (ANTLR's state machine), 0.1 s and as much again in garbage collection, and of the
 * validator's workers only the one given the files with SQL uses it (pool.ts). Only the Impala module is
 * required: the package's index would bring every dialect into the bundle.
 */
const impala = (): ImpalaSQL => {
  if (!parser) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an import would build the ATN at load
    const grammar = require("dt-sql-parser/dist/parser/impala") as typeof import("dt-sql-parser/dist/parser/impala");
    parser = new grammar.ImpalaSQL();
  }
  return parser;
};

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
