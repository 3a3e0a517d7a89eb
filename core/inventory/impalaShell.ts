/**
 * The inventory through the agent's own impala-shell, as the team runs it today
 * (`impala-shell -i <host> -k --ssl -B --output_delimiter …`). Kerberos works here because the
 * agent already has a ticket; an LDAP password is handed over through an environment variable read
 * by --ldap_password_cmd, never on the command line.
 */
import { execFile } from "child_process";
import { ImpalaSqlBackend, ImpalaSqlOptions } from "./impalaSql";

export interface ImpalaShellOptions extends ImpalaSqlOptions {
  shellPath: string;
  host: string;
  port?: number;
  kerberos: boolean;
  ssl: boolean;
  caCertFile?: string;
  user?: string;
  password?: string;
}

/** host and port from a connection's server: impala://host:21050, host:21050 or https://host. */
export function parseServer(text: string): { host: string; port?: number } | undefined {
  const m = /^(?:[a-z]+:\/\/)?([^/:\s]+)(?::(\d+))?/i.exec(text.trim());
  return m ? { host: m[1], port: m[2] ? Number(m[2]) : undefined } : undefined;
}

export class ImpalaShellError extends Error {
  constructor(
    readonly code: "ShellMissing" | "ShellFailed",
    readonly args: Array<string | number>,
  ) {
    super(`${code}: ${args.join(" | ")}`);
  }
}

/** ASCII unit separator: cannot appear in the inventory's text values, unlike | or tabs. */
const DELIMITER = "\u001f";
export const PASSWORD_ENV = "LZ_IMPALA_LDAP_PASSWORD";

export class ImpalaShellBackend extends ImpalaSqlBackend {
  readonly name = "impala-shell";

  constructor(private readonly options: ImpalaShellOptions) {
    super(options);
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

  protected execute(statement: string): Promise<string[][]> {
    const env = { ...process.env, ...(this.options.password ? { [PASSWORD_ENV]: this.options.password } : {}) };
    return new Promise((resolve, reject) => {
      execFile(
        this.options.shellPath,
        this.args(statement),
        { env, maxBuffer: 64 * 1024 * 1024 },
        (err, stdout, stderr) => {
          if (err && (err as NodeJS.ErrnoException).code === "ENOENT")
            return reject(new ImpalaShellError("ShellMissing", [this.options.shellPath]));
          if (err) {
            const tail = String(stderr).trim().split("\n").slice(-3).join(" / ") || err.message;
            return reject(new ImpalaShellError("ShellFailed", [typeof err.code === "number" ? err.code : -1, tail]));
          }
          resolve(
            String(stdout)
              .split("\n")
              .filter((l) => l.length)
              .map((l) => l.split(DELIMITER)),
          );
        },
      );
    });
  }
}
