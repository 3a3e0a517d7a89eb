/**
 * The inventory straight over Impala's HiveServer2 port (21050) with hive-driver (pure JavaScript
 * thrift): NOSASL or LDAP (PLAIN SASL with user and password), optionally TLS. Kerberos needs the
 * native `kerberos` module, which cannot travel inside a task bundle: use the impala-shell backend
 * (`-k`) for Kerberos.
 */
import * as fs from "fs";
import * as hive from "hive-driver";
import { ImpalaSqlBackend, ImpalaSqlOptions } from "./impalaSql";

export interface HiveServer2Options extends ImpalaSqlOptions {
  host: string;
  port: number;
  auth: "nosasl" | "ldap";
  user?: string;
  password?: string;
  tls?: boolean;
  caCertFile?: string;
}

interface Session {
  executeStatement(sql: string, options?: object): Promise<Operation>;
  close(): Promise<unknown>;
}
interface Operation {
  close(): Promise<unknown>;
}

export class HiveServer2Backend extends ImpalaSqlBackend {
  readonly name = "hiveserver2";
  private opened?: Promise<{ client: { close(): unknown }; session: Session }>;
  private readonly utils = new hive.HiveUtils(hive.thrift.TCLIService_types);

  constructor(private readonly options: HiveServer2Options) {
    super(options);
  }

  private open() {
    this.opened ??= (async () => {
      const o = this.options;
      const client = new hive.HiveClient(hive.thrift.TCLIService, hive.thrift.TCLIService_types);
      const auth =
        o.auth === "ldap"
          ? new hive.auth.PlainTcpAuthentication({ username: o.user ?? "", password: o.password ?? "" })
          : new hive.auth.NoSaslAuthentication();
      const tls = o.tls ? { ssl: true, ...(o.caCertFile ? { ca: fs.readFileSync(o.caCertFile) } : {}) } : {};
      await client.connect({ host: o.host, port: o.port, options: tls }, new hive.connections.TcpConnection(), auth);
      const session = (await client.openSession({
        client_protocol: hive.thrift.TCLIService_types.TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V6,
      })) as unknown as Session;
      return { client: client as unknown as { close(): unknown }, session };
    })();
    return this.opened;
  }

  /** Column names may come back qualified (table.column): values are read by position. */
  protected async execute(sql: string): Promise<string[][]> {
    const { session } = await this.open();
    const operation = await session.executeStatement(sql, { runAsync: true });
    try {
      await this.utils.waitUntilReady(operation as never, false, () => undefined);
      await this.utils.fetchAll(operation as never);
      const value = this.utils.getResult(operation as never).getValue();
      const rows = Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
      return rows.map((r) => Object.values(r).map((v) => String(v ?? "")));
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
}
