/**
 * The inventory straight over Impala's HiveServer2 port (21050) with hive-driver (pure JavaScript
 * thrift): NOSASL or LDAP (PLAIN SASL with user and password), optionally TLS. Kerberos needs the
 * native `kerberos` module, which cannot travel inside a task bundle: use the impala-shell backend
 * (`-k`) for Kerberos.
 */
import * as fs from "fs";
import * as hive from "hive-driver";
import type { InventoryBackend } from "./reserve";
import { COLUMNS, insertStatement, InventoryRow, refreshStatement, RowFilter, selectPackagesStatement, selectRowsStatement } from "./sql";

export interface HiveServer2Options {
  host: string;
  port: number;
  auth: "nosasl" | "ldap";
  user?: string;
  password?: string;
  tls?: boolean;
  caCertFile?: string;
  settleMs?: number;
  onStatement?(sql: string): void;
}

interface Session {
  executeStatement(sql: string, options?: object): Promise<Operation>;
  close(): Promise<unknown>;
}
interface Operation {
  close(): Promise<unknown>;
}

export class HiveServer2Backend implements InventoryBackend {
  readonly name = "hiveserver2";
  readonly canDelete = false;
  readonly settleMs: number;
  private opened?: Promise<{ client: { close(): unknown }; session: Session }>;
  private readonly utils = new hive.HiveUtils(hive.thrift.TCLIService_types);

  constructor(private readonly options: HiveServer2Options) {
    this.settleMs = options.settleMs ?? 3000;
  }

  private open() {
    this.opened ??= (async () => {
      const o = this.options;
      const client = new hive.HiveClient(hive.thrift.TCLIService, hive.thrift.TCLIService_types);
      const auth = o.auth === "ldap" ? new hive.auth.PlainTcpAuthentication({ username: o.user ?? "", password: o.password ?? "" }) : new hive.auth.NoSaslAuthentication();
      const tls = o.tls ? { ssl: true, ...(o.caCertFile ? { ca: fs.readFileSync(o.caCertFile) } : {}) } : {};
      await client.connect({ host: o.host, port: o.port, options: tls }, new hive.connections.TcpConnection(), auth);
      const session = (await client.openSession({ client_protocol: hive.thrift.TCLIService_types.TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V6 })) as unknown as Session;
      return { client: client as unknown as { close(): unknown }, session };
    })();
    return this.opened;
  }

  private async query(sql: string): Promise<Array<Record<string, unknown>>> {
    this.options.onStatement?.(sql);
    const { session } = await this.open();
    const operation = await session.executeStatement(sql, { runAsync: true });
    try {
      await this.utils.waitUntilReady(operation as never, false, () => undefined);
      await this.utils.fetchAll(operation as never);
      const value = this.utils.getResult(operation as never).getValue();
      return Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
    } finally {
      await operation.close();
    }
  }

  async close(): Promise<void> {
    if (!this.opened) return;
    const { client, session } = await this.opened;
    this.opened = undefined;
    // Closing is best effort: the reservation is already decided.
    for (const closing of [() => session.close(), () => client.close()]) {
      try {
        await closing();
      } catch {
        /* connection already gone */
      }
    }
  }

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      await this.close();
    }
  }

  async packages(): Promise<string[]> {
    return (await this.query(selectPackagesStatement())).map((r) => String(Object.values(r)[0]));
  }

  async rows(filter: RowFilter): Promise<InventoryRow[]> {
    // Column names may come back qualified (table.column): read them by position.
    return (await this.query(selectRowsStatement(filter, "impala"))).map((r) => {
      const values = Object.values(r);
      return Object.fromEntries(COLUMNS.map((c, i) => [c, String(values[i] ?? "")])) as InventoryRow;
    });
  }

  async insert(row: InventoryRow): Promise<void> {
    await this.query(insertStatement(row, "impala"));
  }

  async deleteOwn(): Promise<void> {
    throw new Error("the hiveserver2 backend cannot delete rows");
  }

  async sync(): Promise<void> {
    await this.query(refreshStatement());
  }
}
