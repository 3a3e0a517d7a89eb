/**
 * The inventory through the agent's own impala-shell, as the team runs it today
 * (`impala-shell -i <host> -k --ssl -B --output_delimiter …`). Kerberos works here because the
 * agent already has a ticket; an LDAP password is handed over through an environment variable read
 * by --ldap_password_cmd, never on the command line.
 */
import { execFile } from "child_process";
import type { InventoryBackend } from "./reserve";
import { COLUMNS, insertStatement, InventoryRow, refreshStatement, RowFilter, selectPackagesStatement, selectRowsStatement } from "./sql";

export interface ImpalaShellOptions {
  shellPath: string;
  host: string;
  port?: number;
  kerberos: boolean;
  ssl: boolean;
  caCertFile?: string;
  user?: string;
  password?: string;
  /** Wait before reading back a reserved number (see InventoryBackend.settleMs). */
  settleMs?: number;
  onStatement?(sql: string): void;
}

/** host and port from a connection's server: impala://host:21050, host:21050 or https://host. */
export function parseServer(text: string): { host: string; port?: number } | undefined {
  const m = /^(?:[a-z]+:\/\/)?([^/:\s]+)(?::(\d+))?/i.exec(text.trim());
  return m ? { host: m[1], port: m[2] ? Number(m[2]) : undefined } : undefined;
}

export class ImpalaShellError extends Error {
  constructor(readonly code: "ShellMissing" | "ShellFailed", readonly args: Array<string | number>) {
    super(`${code}: ${args.join(" | ")}`);
  }
}

/** ASCII unit separator: cannot appear in the inventory's text values, unlike | or tabs. */
const DELIMITER = "\u001f";
export const PASSWORD_ENV = "LZ_IMPALA_LDAP_PASSWORD";

export class ImpalaShellBackend implements InventoryBackend {
  readonly name = "impala-shell";
  /** resultados.inventario_lz is an HDFS table: Impala cannot DELETE its rows. */
  readonly canDelete = false;
  readonly settleMs: number;

  constructor(private readonly options: ImpalaShellOptions) {
    this.settleMs = options.settleMs ?? 3000;
  }

  /** The arguments, without the password (it travels in the environment). */
  args(statement: string): string[] {
    const o = this.options;
    const args = ["-i", o.port ? `${o.host}:${o.port}` : o.host];
    if (o.kerberos) args.push("-k");
    if (o.ssl) args.push("--ssl");
    if (o.ssl && o.caCertFile) args.push(`--ca_cert=${o.caCertFile}`);
    if (o.user) args.push("-u", o.user);
    if (o.password) args.push("-l", `--ldap_password_cmd=printenv ${PASSWORD_ENV}`);
    args.push("-B", `--output_delimiter=${DELIMITER}`, "--quiet", "-q", statement);
    return args;
  }

  run(statement: string): Promise<string[][]> {
    this.options.onStatement?.(statement);
    const env = { ...process.env, ...(this.options.password ? { [PASSWORD_ENV]: this.options.password } : {}) };
    return new Promise((resolve, reject) => {
      execFile(this.options.shellPath, this.args(statement), { env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
        if (err && (err as NodeJS.ErrnoException).code === "ENOENT") return reject(new ImpalaShellError("ShellMissing", [this.options.shellPath]));
        if (err) {
          const tail = String(stderr).trim().split("\n").slice(-3).join(" / ") || err.message;
          return reject(new ImpalaShellError("ShellFailed", [typeof err.code === "number" ? err.code : -1, tail]));
        }
        resolve(String(stdout).split("\n").filter((l) => l.length).map((l) => l.split(DELIMITER)));
      });
    });
  }

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    return work(); // Impala has no lock to take: the tie-break handles concurrent runs
  }

  async packages(): Promise<string[]> {
    return (await this.run(selectPackagesStatement())).map((r) => r[0]);
  }

  async rows(filter: RowFilter): Promise<InventoryRow[]> {
    return (await this.run(selectRowsStatement(filter, "impala"))).map((r) => Object.fromEntries(COLUMNS.map((c, i) => [c, r[i] ?? ""])) as InventoryRow);
  }

  async insert(row: InventoryRow): Promise<void> {
    await this.run(insertStatement(row, "impala"));
  }

  async deleteOwn(): Promise<void> {
    throw new Error("impala-shell backend cannot delete rows");
  }

  async sync(): Promise<void> {
    await this.run(refreshStatement());
  }
}
