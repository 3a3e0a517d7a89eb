/**
 * Installs the faithful fake impala-shell (fake_impala_shell.py, which says which impala-shell it
 * follows) in a folder of its own, the way an agent has it: an `impala-shell` launcher, a `klist` on
 * PATH, a default Kerberos credentials cache (with or without a ticket), a home with no .impalarc,
 * and a stand-in for /etc/impalarc. The fake needs python3 (3.6 or later); `fakePython()` is
 * undefined on a machine without one, and the tests that need it say so and skip.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const FAKE = path.resolve(__dirname, "..", "..", "..", "..", "test", "helpers", "fake_impala_shell.py");

let python: string | null | undefined;
/** The python3 interpreter's own path (not a pyenv shim: a launcher starts faster without it). */
export function fakePython(): string | undefined {
  if (python === undefined) {
    const r = spawnSync("python3", ["-c", "import sys; assert sys.version_info >= (3, 6); print(sys.executable)"], {
      encoding: "utf8",
    });
    python = r.status === 0 ? r.stdout.trim() : null;
  }
  return python ?? undefined;
}

/** Every character the issue names, alone and together, plus what Impala's and impala-shell's parsers treat specially. */
export const HOSTILE_VALUES = [
  "O'Brien",
  'say "hi"',
  '"',
  "'",
  "back\\slash",
  "ends in backslash\\",
  "\\",
  "a; DROP TABLE resultados.inventario_lz; --",
  "-- not a comment",
  "/* not a comment */ # nor this",
  "Precio en ${USD}",
  "${var:x} y ${hivevar:y}",
  "\\${var:x} already escaped",
  "$",
  "$$dollar quoted$$",
  "100% de_algo \\% \\_",
  "tab\there",
  "two\nlines",
  "\nstarts and ends with newline\n",
  "mixed 'q' \"dq\" \\ ; -- ${x} $ \t \n end",
  "áéíóú ñ Ñ ü ç — “curly” €",
  "中文 日本語 😀",
  "\\u0041 \\101 \\n literal escapes",
  "NULL inside text",
  "null",
  "\u001f",
];

export const NO_PYTHON = "python3 (3.6 or later) is not on PATH: the faithful impala-shell fake needs it";

export type FakeRow = Record<string, string | null>;

export interface FakeImpalaOptions {
  /** impala-shell version to emulate (default 4.6.0). */
  version?: string;
  /** `tarball` (shell/packaging/impala-shell, sets PYTHONIOENCODING) or `pip` (console script). */
  entryPoint?: "tarball" | "pip";
  /** `3.6`: ASCII stdout under the C locale without PYTHONIOENCODING; `3.7`: UTF-8. */
  python?: "3.6" | "3.7";
  ldap?: { user: string; password: string };
  kerberosPrincipal?: string;
  /** Statement kinds the server refuses (INSERT, SELECT, REFRESH). */
  deny?: string[];
  /** Does the agent's default credentials cache hold a Kerberos ticket? */
  agentTicket?: boolean;
  rows?: FakeRow[];
}

export interface FakeRun {
  argv: string[];
  env: Record<string, string | null>;
  password: string | null;
  identity: string | null;
  verifies_certificate?: boolean;
  statements: Array<{ sql: string; ok: boolean }>;
}

export interface FakeImpala {
  dir: string;
  /** The `impala-shell` to run. */
  shell: string;
  /** The home whose ~/.impalarc impala-shell reads. */
  home: string;
  /** Stands for /etc/impalarc. */
  globalConfig: string;
  /** Environment for a run: PATH with klist, HOME, the agent's KRB5CCNAME, the server settings. */
  env: Record<string, string>;
  rows(): FakeRow[];
  runs(): FakeRun[];
}

const readLines = <T>(file: string): T[] =>
  fs.existsSync(file)
    ? fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as T)
    : [];

export function installFakeImpalaShell(options: FakeImpalaOptions = {}): FakeImpala {
  const exe = fakePython();
  if (!exe) throw new Error(NO_PYTHON);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-fake-impala-"));
  const bin = path.join(dir, "bin");
  const home = path.join(dir, "home");
  for (const d of [bin, home, path.join(dir, "etc")]) fs.mkdirSync(d);
  const rowsFile = path.join(dir, "rows.jsonl");
  const log = path.join(dir, "runs.jsonl");
  fs.writeFileSync(rowsFile, (options.rows ?? []).map((r) => JSON.stringify(r) + "\n").join(""));
  const server = path.join(dir, "server.json");
  fs.writeFileSync(
    server,
    JSON.stringify({
      rows: rowsFile,
      log,
      version: options.version ?? "4.6.0",
      python: options.python ?? "3.6",
      ldap: options.ldap ?? { user: "svc_lz", password: "secreto" },
      kerberos_principal: options.kerberosPrincipal ?? "agent_lz@BANCO.LOCAL",
      deny: Object.fromEntries((options.deny ?? []).map((k) => [k, true])),
      global_config_default_path: path.join(dir, "etc", "impalarc"),
    }),
  );
  const shell = path.join(bin, "impala-shell");
  if ((options.entryPoint ?? "tarball") === "tarball")
    // shell/packaging/impala-shell: PYTHONIOENCODING='utf-8' … exec python -m impala_shell.impala_shell "$@"
    fs.writeFileSync(shell, `#!/bin/sh\nPYTHONIOENCODING='utf-8' exec "${exe}" "${FAKE}" "$@"\n`, { mode: 0o755 });
  // The console script pip writes for setup.py's entry point impala_shell.impala_shell:impala_shell_main.
  else
    fs.writeFileSync(
      shell,
      `#!${exe}\nimport sys\nsys.path.insert(0, ${JSON.stringify(path.dirname(FAKE))})\n` +
        `from fake_impala_shell import impala_shell_main\nif __name__ == "__main__":\n    sys.exit(impala_shell_main())\n`,
      { mode: 0o755 },
    );
  // MIT klist -s: success when the cache (KRB5CCNAME, FILE: allowed) holds a ticket.
  fs.writeFileSync(
    path.join(bin, "klist"),
    `#!/bin/sh\n[ "$1" = "-s" ] || exit 2\ncache="\${KRB5CCNAME:-/tmp/krb5cc_$(id -u)}"\ncache="\${cache#FILE:}"\n[ -s "$cache" ]\n`,
    { mode: 0o755 },
  );
  const agentCache = path.join(dir, "krb5cc_agent");
  if (options.agentTicket ?? true) fs.writeFileSync(agentCache, "ticket for agent_lz@BANCO.LOCAL\n");
  return {
    dir,
    shell,
    home,
    globalConfig: path.join(dir, "etc", "impalarc"),
    env: {
      LZ_FAKE_IMPALA_SERVER: server,
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
      HOME: home,
      KRB5CCNAME: `FILE:${agentCache}`,
    },
    rows: () => readLines<FakeRow>(rowsFile),
    runs: () => readLines<FakeRun>(log),
  };
}

/** Runs `work` with the fake's environment in process.env (what a task's child processes inherit). */
export async function withFakeEnv<T>(
  fake: FakeImpala,
  work: () => Promise<T>,
  extra: Record<string, string> = {},
): Promise<T> {
  const saved = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries({ ...fake.env, ...extra })) {
    saved.set(k, process.env[k]);
    process.env[k] = v;
  }
  try {
    return await work();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
