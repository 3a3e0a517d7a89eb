/**
 * The embedded inventory: a real SQLite database file (sql.js, SQLite compiled to WebAssembly),
 * for the CLI, the README's demo and the tests — never shipped in the task bundle.
 *
 * Why sql.js and a lock: sql.js keeps the database in memory and writes the whole file back, so
 * every access runs under an exclusive lock file (proper-lockfile) and writes through a temporary
 * file and a rename: no writer can lose another's row, and a crash never leaves half a file.
 * DuckDB would need a native module; better-sqlite3 too (the machines install no prebuilt binary).
 * With `locking: "reservation"` (the default) a whole reservation holds the lock, like a
 * transaction; `locking: "statement"` holds it per statement only — Impala's behaviour, where two
 * runs can read the same last number — which is how the tests drive the collision path.
 */
import * as fs from "fs";
import * as path from "path";
import lockfile from "proper-lockfile";
import initSqlJs, { Database, SqlJsStatic } from "sql.js";
import type { InventoryBackend } from "./reserve";
import {
  COLUMNS,
  deleteOwnRowStatement,
  insertStatement,
  InventoryRow,
  RowFilter,
  selectPackagesStatement,
  selectRowsStatement,
} from "./sql";

let sqlJs: Promise<SqlJsStatic> | undefined;
const SQLITE_TABLE = "inventario_lz";

function engine(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs({ locateFile: (file: string) => path.join(path.dirname(require.resolve("sql.js")), file) });
  return sqlJs;
}

export interface EmbeddedOptions {
  locking?: "reservation" | "statement";
  settleMs?: number;
  /** Statements run, for the log (what Impala would have received). */
  onStatement?(sql: string): void;
}

export class EmbeddedBackend implements InventoryBackend {
  readonly name = "embedded";
  readonly canDelete = true;
  /** Per-statement locking races like Impala: wait for concurrent inserts before checking. */
  get settleMs(): number {
    return (this.options.locking ?? "reservation") === "statement" ? (this.options.settleMs ?? 200) : 0;
  }
  private held?: { db: Database; release: () => Promise<void> };

  constructor(
    private readonly file: string,
    private readonly options: EmbeddedOptions = {},
  ) {}

  private async lock(): Promise<() => Promise<void>> {
    fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
    return lockfile.lock(this.file, {
      realpath: false,
      stale: 15000,
      retries: { retries: 400, minTimeout: 10, maxTimeout: 100, randomize: true },
    });
  }

  private async load(): Promise<Database> {
    const SQL = await engine();
    const db =
      fs.existsSync(this.file) && fs.statSync(this.file).size
        ? new SQL.Database(fs.readFileSync(this.file))
        : new SQL.Database();
    db.run(`CREATE TABLE IF NOT EXISTS ${SQLITE_TABLE} (${COLUMNS.map((c) => `${c} TEXT NOT NULL`).join(", ")})`);
    return db;
  }

  private save(db: Database): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(db.export()));
    fs.renameSync(tmp, this.file);
  }

  /** One statement (or a reservation, when held) under the lock. */
  private async withDb<T>(work: (db: Database) => T, write: boolean): Promise<T> {
    if (this.held) {
      const value = work(this.held.db);
      if (write) this.save(this.held.db);
      return value;
    }
    const release = await this.lock();
    const db = await this.load();
    try {
      const value = work(db);
      if (write) this.save(db);
      return value;
    } finally {
      db.close();
      await release();
    }
  }

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    if ((this.options.locking ?? "reservation") === "statement" || this.held) return work();
    const release = await this.lock();
    const db = await this.load();
    this.held = { db, release };
    try {
      return await work();
    } finally {
      this.held = undefined;
      db.close();
      await release();
    }
  }

  /**
   * Logs what Impala would have received and runs the SQLite statement with bound parameters: the
   * table is named in SQLite's own statement, never found by rewriting text (a value may name it).
   */
  private query(db: Database, impala: string, statement: string, params: string[] = []): InventoryRow[] {
    this.options.onStatement?.(impala);
    const result = db.exec(statement, params);
    if (!result.length) return [];
    const { columns, values } = result[0];
    return values.map((v) => Object.fromEntries(columns.map((c, i) => [c, String(v[i])])) as InventoryRow);
  }

  packages(): Promise<string[]> {
    return this.withDb(
      (db) => this.query(db, selectPackagesStatement(), selectPackagesStatement(SQLITE_TABLE)).map((r) => r.package),
      false,
    );
  }

  rows(filter: RowFilter): Promise<InventoryRow[]> {
    const where = Object.entries(filter).filter(([, v]) => v !== undefined) as Array<[string, string]>;
    for (const [column] of where)
      if (!(COLUMNS as readonly string[]).includes(column)) throw new Error(`unknown column ${column}`);
    const statement =
      `SELECT ${COLUMNS.join(",")} FROM ${SQLITE_TABLE}` +
      (where.length ? ` WHERE ${where.map(([c]) => `${c} = ?`).join(" AND ")}` : "");
    return this.withDb(
      (db) =>
        this.query(
          db,
          selectRowsStatement(filter, "impala"),
          statement,
          where.map(([, v]) => v),
        ),
      false,
    );
  }

  insert(row: InventoryRow): Promise<void> {
    return this.withDb((db) => {
      this.options.onStatement?.(insertStatement(row, "impala"));
      // Bound parameters: the values never become SQL text.
      db.run(
        `INSERT INTO ${SQLITE_TABLE} (${COLUMNS.join(",")}) VALUES (${COLUMNS.map(() => "?").join(",")})`,
        COLUMNS.map((c) => row[c]),
      );
    }, true);
  }

  deleteOwn(row: InventoryRow): Promise<void> {
    return this.withDb((db) => {
      this.options.onStatement?.(deleteOwnRowStatement(row, "impala"));
      db.run(`DELETE FROM ${SQLITE_TABLE} WHERE package = ? AND semilla = ? AND table_name = ?`, [
        row.package,
        row.semilla,
        row.table_name,
      ]);
    }, true);
  }

  async sync(): Promise<void> {
    // One file, read fresh by every statement: nothing to refresh.
  }

  /** Every row, for reports and tests. */
  all(): Promise<InventoryRow[]> {
    return this.rows({});
  }
}
