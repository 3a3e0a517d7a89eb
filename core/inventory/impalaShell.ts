/**
 * The inventory through the agent's own impala-shell, as the team runs it by hand
 * (`impala-shell -i <host> -k --ssl -B …`), run so that nothing on the agent changes what it does and
 * every value comes back as it went in:
 *
 * - Configuration shut out. impala-shell always reads ~/.impalarc (or `--config_file`) and, from 3.3.0,
 *   /etc/impalarc (or `$IMPALA_SHELL_GLOBAL_CONFIG_FILE`); `print_header`, `ignore_query_failure`,
 *   `var=`, `output_file` or an unknown query option there change what it prints or how it exits. Each
 *   run points both at empty files of its own.
 * - LDAP. impala-shell runs `--ldap_password_cmd` without a shell and sends its whole output, a trailing
 *   newline included: `sh -c 'printf %s "$VAR"'` prints the password and nothing else. When a login fails
 *   and `klist -s` finds a ticket, impala-shell retries with Kerberos as another identity: LDAP runs get
 *   `KRB5CCNAME` at an empty cache of their own, and the retry's line fails the run should it appear.
 * - Text. The statement goes in on standard input (`-f -`) and rows come out of print(), both in the
 *   encoding `PYTHONIOENCODING=utf-8` sets: under a C locale, Python before 3.7 would read stdin and
 *   print as ASCII, and it decodes a `-q` argument as ASCII whatever the variable says.
 * - Output. `-B --output_delimiter=<US>` is CSV (Python's csv writer, minimal quoting: a value with a
 *   newline or a quote is quoted, `"` doubled) and SQL NULL prints as `NULL`: parsed with csv-parse.
 * - TLS. Without a CA file `--ssl` does not verify the server: `--verify_cert` where the installed
 *   impala-shell has it (4.6.0 and later, told by `impala-shell --version`), else a warning.
 *
 * Statements never carry a password; string literals escape `$` (sql.ts) because impala-shell
 * substitutes `${…}` everywhere in a statement, literals included.
 */
import { spawn } from "child_process";
import { parse } from "csv-parse/sync";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { MessageArg, MessageKey } from "../i18n/catalogue";
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
  /** Where each run's empty config files and credentials cache live (the agent's temp directory). */
  tempDir?: string;
  /** Longest one impala-shell run may take. */
  timeoutMs?: number;
  /** Something the log should say without stopping the reservation (message key and arguments). */
  onWarning?(code: MessageKey, ...args: MessageArg[]): void;
}

/** host and port from a connection's server: impala://host:21050, host:21050 or https://host. */
export function parseServer(text: string): { host: string; port?: number } | undefined {
  const m = /^(?:[a-z]+:\/\/)?([^/:\s]+)(?::(\d+))?/i.exec(text.trim());
  return m ? { host: m[1], port: m[2] ? Number(m[2]) : undefined } : undefined;
}

export type ImpalaShellErrorCode =
  | "ShellMissing"
  | "ShellFailed"
  | "ShellTimeout"
  | "ShellOutputTooLarge"
  | "ShellOutputUnexpected"
  | "KerberosFallback";

export class ImpalaShellError extends Error {
  constructor(
    readonly code: ImpalaShellErrorCode,
    readonly args: Array<string | number>,
  ) {
    super(`${code}: ${args.join(" | ")}`);
  }
}

/** ASCII unit separator: a delimiter no inventory value holds (control characters are rejected). */
const DELIMITER = "\u001f";
export const PASSWORD_ENV = "LZ_IMPALA_LDAP_PASSWORD";
/** Prints the variable's value exactly: no newline, no backslash or % interpretation (printf %s). */
export const PASSWORD_CMD = `sh -c 'printf %s "$${PASSWORD_ENV}"'`;
/** What impala-shell prints when it retries a failed login with the agent's Kerberos ticket. */
const KERBEROS_RETRY = "Kerberos ticket found in the credentials cache, retrying";
const MAX_OUTPUT = 64 * 1024 * 1024;

export type ShellVersion = [major: number, minor: number, patch: number];

/** `Impala Shell v4.6.0 (872fc53) built on …`, also `v3.4.0-RELEASE`, `v4.0.0.7.2.16.0-287`. */
export function parseShellVersion(text: string): ShellVersion | undefined {
  const m = /Impala Shell v(\d+)\.(\d+)\.(\d+)/i.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

const atLeast = (v: ShellVersion | undefined, major: number, minor: number) =>
  !!v && (v[0] > major || (v[0] === major && v[1] >= minor));

/** impala-shell's own chatter on stderr, which says nothing about why a statement failed. */
const CHATTER = [
  /^Starting Impala Shell/,
  /^Opened TCP connection/,
  /^Connected to /,
  /^Server version: /,
  /^Query: /,
  /^Query submitted at/,
  /^Query (state|progress) can be monitored/,
  /^(Fetched|Modified|Deleted) \d+ row/,
  /^Time elapsed: /,
  /^SSL is enabled/,
  /^Loading in options from/,
  /^Using service name/,
  // The statement again, values included: the task has logged it already.
  /^Could not execute command: /,
];

/**
 * The lines of impala-shell's stderr that carry the reason (Impala's `ERROR: …`, a login or option
 * error), without its chatter and without the Python traceback the pip-installed entry point prints
 * for FatalShellException; on one line, bounded, and unable to pass for an agent command.
 */
export function shellErrorText(stderr: string): string {
  const lines = stderr.split(/\r?\n/);
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith("Traceback (most recent call last):")) {
      while (i + 1 < lines.length && /^\s/.test(lines[i + 1])) i++;
      const exception = lines[++i] ?? "";
      if (exception.trim() && !/FatalShellException\s*$/.test(exception)) kept.push(exception);
      continue;
    }
    const line = lines[i].replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[\w+\]\s*/, "");
    if (line.trim() && !CHATTER.some((re) => re.test(line))) kept.push(line.trim());
  }
  const chosen = kept.length ? kept : lines.filter((l) => l.trim()).slice(-3);
  return oneLine(chosen.slice(0, 12).join(" / "), 12 * 500);
}

/** Text from impala-shell for a message: one line, bounded, unable to pass for an agent command. */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/\r?\n/g, " / ").replace(/##(?=vso\[|\[)/gi, "# #");
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** -B output: records of `columns` values; SQL NULL (printed NULL) reads as empty, as HiveServer2's null. */
export function parseDelimitedOutput(stdout: string, columns: number): string[][] {
  let records: string[][];
  try {
    records = parse(stdout, {
      delimiter: DELIMITER,
      quote: '"',
      escape: '"',
      record_delimiter: "\n",
      relax_column_count: true,
      skip_empty_lines: true,
    });
  } catch (err) {
    throw new ImpalaShellError("ShellOutputUnexpected", [columns, oneLine((err as Error).message, 300)]);
  }
  records.forEach((r, i) => {
    if (r.length !== columns)
      throw new ImpalaShellError("ShellOutputUnexpected", [columns, `row ${i + 1} has ${r.length} values`]);
  });
  return records.map((r) => r.map((v) => (v === "NULL" ? "" : v)));
}

interface Isolation {
  configFile: string;
  globalConfigFile: string;
  credentialsCache: string;
}

export class ImpalaShellBackend extends ImpalaSqlBackend {
  readonly name = "impala-shell";
  private version?: Promise<ShellVersion | undefined>;

  constructor(private readonly options: ImpalaShellOptions) {
    super(options);
  }

  /** The arguments of a run, without the statement (stdin) and the password (the environment). */
  args(isolation: Pick<Isolation, "configFile">, version: ShellVersion | undefined): string[] {
    const o = this.options;
    const args = ["-i", o.port ? `${o.host}:${o.port}` : o.host];
    if (o.kerberos) args.push("-k");
    if (o.ssl) args.push("--ssl");
    if (o.ssl && o.caCertFile) args.push(`--ca_cert=${o.caCertFile}`);
    if (o.ssl && atLeast(version, 4, 6)) args.push("--verify_cert");
    if (o.user) args.push("-u", o.user);
    if (o.password) args.push("-l", `--ldap_password_cmd=${PASSWORD_CMD}`);
    args.push(`--config_file=${isolation.configFile}`);
    args.push("-B", `--output_delimiter=${DELIMITER}`, "--quiet", "-f", "-");
    return args;
  }

  /** The environment of a run: the agent's, with the isolation and the LDAP password added. */
  env(isolation: Isolation): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PYTHONIOENCODING: "utf-8",
      IMPALA_SHELL_GLOBAL_CONFIG_FILE: isolation.globalConfigFile,
    };
    delete env[PASSWORD_ENV];
    if (this.options.password) {
      env[PASSWORD_ENV] = this.options.password;
      env.KRB5CCNAME = `FILE:${isolation.credentialsCache}`;
    }
    return env;
  }

  /** The installed version (once), and what it means for this connection, said once in the log. */
  private shellVersion(): Promise<ShellVersion | undefined> {
    this.version ??= this.isolated(async (isolation) => {
      const { stdout, stderr, code } = await this.run(
        [`--config_file=${isolation.configFile}`, "--version"],
        this.env(isolation),
      );
      const text = `${stdout}\n${stderr}`;
      const version = parseShellVersion(text);
      const warn = this.options.onWarning ?? (() => undefined);
      const shown = version ? version.join(".") : "?";
      if (!version)
        warn(
          "ShellVersionUnknown",
          this.options.shellPath,
          code === 0 ? oneLine(text.trim().split("\n")[0] ?? "", 200) : shellErrorText(stderr),
        );
      else if (!atLeast(version, 3, 3)) warn("ShellVersionOld", shown);
      if (this.options.ssl && !this.options.caCertFile && !atLeast(version, 4, 6))
        warn("CertificateNotVerified", shown);
      return version;
    });
    return this.version;
  }

  protected async execute(statement: string, columns: number): Promise<string[][]> {
    const version = await this.shellVersion();
    return this.isolated(async (isolation) => {
      const { stdout, stderr, code } = await this.run(this.args(isolation, version), this.env(isolation), statement);
      if (stderr.includes(KERBEROS_RETRY)) throw new ImpalaShellError("KerberosFallback", [this.options.user ?? ""]);
      if (code !== 0 || /^Could not execute command: /m.test(stderr))
        throw new ImpalaShellError("ShellFailed", [code, shellErrorText(stderr) || `exit ${code}`]);
      return columns ? parseDelimitedOutput(stdout, columns) : [];
    });
  }

  /** Runs `work` with a private folder holding two empty config files and an empty credentials cache. */
  private async isolated<T>(work: (isolation: Isolation) => Promise<T>): Promise<T> {
    const dir = fs.mkdtempSync(path.join(this.options.tempDir || os.tmpdir(), "lz-impala-shell-"));
    const isolation: Isolation = {
      configFile: path.join(dir, "impalarc"),
      globalConfigFile: path.join(dir, "impalarc-global"),
      credentialsCache: path.join(dir, "krb5cc-empty"),
    };
    try {
      for (const file of Object.values(isolation)) fs.writeFileSync(file, "", { mode: 0o600 });
      return await work(isolation);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  /** One impala-shell run with `input` as its whole stdin, bounded in time and output. */
  private run(
    args: string[],
    env: NodeJS.ProcessEnv,
    input = "",
  ): Promise<{ stdout: string; stderr: string; code: number }> {
    const timeoutMs = this.options.timeoutMs ?? 10 * 60 * 1000;
    return new Promise((resolve, reject) => {
      const child = spawn(this.options.shellPath, args, { env, stdio: ["pipe", "pipe", "pipe"] });
      child.stdin.on("error", () => undefined); // a shell that exits without reading: its exit code tells
      child.stdin.end(input, "utf8");
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let size = 0;
      let failure: ImpalaShellError | undefined;
      let settled = false;
      const stop = (error: ImpalaShellError) => {
        failure ??= error;
        child.kill("SIGKILL");
      };
      const timer = setTimeout(
        () => stop(new ImpalaShellError("ShellTimeout", [Math.round(timeoutMs / 1000)])),
        timeoutMs,
      );
      const collect = (into: Buffer[]) => (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_OUTPUT) return stop(new ImpalaShellError("ShellOutputTooLarge", [MAX_OUTPUT / 1024 / 1024]));
        into.push(chunk);
      };
      child.stdout.on("data", collect(out));
      child.stderr.on("data", collect(err));
      child.on("error", (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        reject(
          e.code === "ENOENT"
            ? new ImpalaShellError("ShellMissing", [this.options.shellPath])
            : new ImpalaShellError("ShellFailed", [-1, e.message]),
        );
      });
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        if (failure) return reject(failure);
        resolve({
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(err).toString("utf8"),
          code: code ?? (signal ? 128 : -1),
        });
      });
    });
  }
}
