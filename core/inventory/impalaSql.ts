/**
 * What the two Impala backends (impala-shell, HiveServer2) share: the same Impala statements
 * (sql.ts) on the same HDFS-backed table. A backend only says how one statement runs.
 */
import type { InventoryBackend } from "./reserve";
import {
  COLUMNS,
  insertStatement,
  InventoryRow,
  refreshStatement,
  RowFilter,
  selectPackagesStatement,
  selectRowsStatement,
} from "./sql";

export interface ImpalaSqlOptions {
  /** Wait before reading back a reserved number (see InventoryBackend.settleMs). */
  settleMs?: number;
  /** Called with every statement before it runs (the task logs them). */
  onStatement?(sql: string): void;
}

export abstract class ImpalaSqlBackend implements InventoryBackend {
  abstract readonly name: string;
  /** resultados.inventario_lz is an HDFS table: Impala cannot DELETE its rows. */
  readonly canDelete = false;
  readonly settleMs: number;

  constructor(private readonly sqlOptions: ImpalaSqlOptions) {
    this.settleMs = sqlOptions.settleMs ?? 3000;
  }

  /** Runs one statement; the rows it returns (each `columns` values, by position; none for 0). */
  protected abstract execute(statement: string, columns: number): Promise<string[][]>;

  private statement(sql: string, columns: number): Promise<string[][]> {
    this.sqlOptions.onStatement?.(sql);
    return this.execute(sql, columns);
  }

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    return work(); // Impala has no lock to take: the tie-break handles concurrent runs
  }

  async packages(): Promise<string[]> {
    return (await this.statement(selectPackagesStatement(), 1)).map((r) => r[0]);
  }

  async rows(filter: RowFilter): Promise<InventoryRow[]> {
    return (await this.statement(selectRowsStatement(filter, "impala"), COLUMNS.length)).map(
      (r) => Object.fromEntries(COLUMNS.map((c, i) => [c, r[i] ?? ""])) as InventoryRow,
    );
  }

  async insert(row: InventoryRow): Promise<void> {
    await this.statement(insertStatement(row, "impala"), 0);
  }

  async deleteOwn(): Promise<void> {
    throw new Error(`the ${this.name} backend cannot delete rows`);
  }

  async sync(): Promise<void> {
    await this.statement(refreshStatement(), 0);
  }
}
