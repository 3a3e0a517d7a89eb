import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  ImpalaShellBackend,
  ImpalaShellError,
  ImpalaShellOptions,
  parseDelimitedOutput,
  parseShellVersion,
  shellErrorText,
} from "../../../core/inventory/impalaShell";
import { reserve, ReserveRequest } from "../../../core/inventory/reserve";
import { COLUMNS, InventoryRow } from "../../../core/inventory/sql";
import {
  FakeImpala,
  FakeImpalaOptions,
  fakePython,
  HOSTILE_VALUES,
  installFakeImpalaShell,
  NO_PYTHON,
  withFakeEnv,
} from "../../helpers/fakeImpalaShell";

const row = (i: number, value: string): InventoryRow =>
  Object.fromEntries(
    COLUMNS.map((c) => [c, c === "package" ? `SQOOPDI${i + 1}` : c === "proceso" ? `SQPDI${i + 1}RTNCSD` : value]),
  ) as InventoryRow;

describe("impala-shell output and messages", () => {
  it("parses -B output as the CSV Python's csv writer makes, NULL as empty", () => {
    // What csv.writer(delimiter=US, lineterminator='\n', quoting=QUOTE_MINIMAL) prints (see the fake).
    const out = 'a\x1f"two\nlines"\x1fNULL\n""\x1f"say ""hi"""\x1f\r\n';
    assert.deepEqual(parseDelimitedOutput(out, 3), [
      ["a", "two\nlines", ""],
      ["", 'say "hi"', "\r"],
    ]);
    assert.throws(
      () => parseDelimitedOutput("package\x1fproceso\n", 1),
      (e: ImpalaShellError) => e.code === "ShellOutputUnexpected" && e.args[1] === "row 1 has 2 values",
    );
  });

  it("reads the version from impala-shell --version", () => {
    assert.deepEqual(parseShellVersion("Impala Shell v4.6.0 (872fc53) built on Thu Jun 18 2026"), [4, 6, 0]);
    assert.deepEqual(parseShellVersion("Impala Shell v3.4.0-RELEASE (b1f2a1c) built on x"), [3, 4, 0]);
    assert.deepEqual(parseShellVersion("Impala Shell v4.0.0.7.2.16.0-287 (5ae1fb9) built on x"), [4, 0, 0]);
    assert.equal(parseShellVersion("impala shell build version not available"), undefined);
  });

  it("keeps the server's message from stderr, without traceback, chatter or agent commands", () => {
    const pip = [
      "Starting Impala Shell with LDAP-based authentication using Python 3.8.10",
      "Opened TCP connection to impala.banco.local:21050",
      "Query: INSERT INTO resultados.inventario_lz (package) VALUES ('x')",
      "2026-05-04 10:11:12 [Exception]  ERROR: AuthorizationException: User 'svc_lz' does not have privileges to execute 'INSERT' on: resultados.inventario_lz",
      "",
      "Could not execute command: INSERT INTO resultados.inventario_lz (package) VALUES ('x')",
      "Traceback (most recent call last):",
      '  File "/usr/local/bin/impala-shell", line 8, in <module>',
      "    sys.exit(impala_shell_main())",
      '  File "/usr/local/lib/python3.8/site-packages/impala_shell/impala_shell.py", line 2569, in impala_shell_main',
      "    raise FatalShellException()",
      "impala_shell.impala_shell.FatalShellException",
    ].join("\n");
    assert.equal(
      shellErrorText(pip),
      "ERROR: AuthorizationException: User 'svc_lz' does not have privileges to execute 'INSERT' on: resultados.inventario_lz",
    );
    assert.equal(
      shellErrorText("Error: x ##vso[task.setvariable variable=A]b"),
      "Error: x # #vso[task.setvariable variable=A]b",
    );
    assert.equal(shellErrorText("Query: x\n"), "Query: x", "nothing else: the last lines");
  });

  it("fails when impala-shell says it retried with a Kerberos ticket, even on exit 0", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-retry-"));
    const shell = path.join(dir, "impala-shell");
    fs.writeFileSync(
      shell,
      `#!/bin/sh\ncase "$*" in *--version*) echo "Impala Shell v4.6.0 (872fc53) built on x"; exit 0;; esac\n` +
        `echo "Kerberos ticket found in the credentials cache, retrying the connection with a secure transport." >&2\n`,
      { mode: 0o755 },
    );
    await assert.rejects(
      new ImpalaShellBackend({
        shellPath: shell,
        host: "h",
        ssl: true,
        kerberos: false,
        user: "svc_lz",
        password: "x",
      }).sync(),
      (e: ImpalaShellError) => e.code === "KerberosFallback" && e.args[0] === "svc_lz",
    );
  });

  it("runs an impala-shell whose version it cannot tell without --verify_cert, and says so once", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-noversion-"));
    const shell = path.join(dir, "impala-shell");
    fs.writeFileSync(
      shell,
      `#!/bin/sh\ncase "$*" in *--version*) echo "impala shell build version not available"; exit 0;; esac\n` +
        `echo "$*" >> "${dir}/args"\n`,
      { mode: 0o755 },
    );
    const warnings: string[] = [];
    const b = new ImpalaShellBackend({
      shellPath: shell,
      host: "h",
      kerberos: true,
      ssl: true,
      onWarning: (code, ...args) => warnings.push([code, ...args].join(" | ")),
    });
    await b.sync();
    await b.sync();
    assert.deepEqual(warnings, [
      `ShellVersionUnknown | ${shell} | impala shell build version not available`,
      "CertificateNotVerified | ?",
    ]);
    assert.ok(!fs.readFileSync(path.join(dir, "args"), "utf8").includes("--verify_cert"));
  });
});

describe("impala-shell backend through the faithful fake impala-shell", function () {
  this.timeout(120000);
  before(function () {
    if (!fakePython()) {
      console.log(`      (skipped: ${NO_PYTHON})`);
      this.skip();
    }
  });

  const backend = (fake: FakeImpala, extra: Partial<ImpalaShellOptions> = {}) =>
    new ImpalaShellBackend({
      shellPath: fake.shell,
      host: "impala.banco.local",
      port: 21050,
      kerberos: true,
      ssl: true,
      settleMs: 0,
      ...extra,
    });
  const ldap = { kerberos: false, user: "svc_lz", password: "secreto" };

  async function roundTrip(options: FakeImpalaOptions, extra: Partial<ImpalaShellOptions>, env = {}) {
    const fake = installFakeImpalaShell(options);
    return withFakeEnv(
      fake,
      async () => {
        const b = backend(fake, extra);
        const differences: string[] = [];
        for (const [i, value] of HOSTILE_VALUES.entries()) await b.insert(row(i, value));
        for (const [i, value] of HOSTILE_VALUES.entries()) {
          const back = await b.rows({ semilla: value, package: `SQOOPDI${i + 1}` });
          if (JSON.stringify(back) !== JSON.stringify([row(i, value)]))
            differences.push(`${JSON.stringify(value)} → ${JSON.stringify(back)}`);
        }
        const stored = fake.rows();
        for (const [i, value] of HOSTILE_VALUES.entries())
          if (JSON.stringify(stored[i]) !== JSON.stringify(row(i, value)))
            differences.push(`stored ${JSON.stringify(stored[i])}`);
        return { fake, differences, packages: await b.packages() };
      },
      env,
    );
  }

  it("stores and reads back every value byte-identical: quotes, backslashes, ;, --, ${x}, $, tab, newline, non-ASCII", async () => {
    const { fake, differences, packages } = await roundTrip({}, {});
    assert.deepEqual(differences, [], "0 differences between inserted and read back");
    assert.deepEqual(packages.sort(), HOSTILE_VALUES.map((_, i) => `SQOOPDI${i + 1}`).sort());
    const first = fake.runs().find((r) => r.statements.length)!;
    assert.ok(first.argv.includes("-k") && !first.argv.includes("-l"), "Kerberos: -k, no LDAP");
    assert.equal(first.identity, "agent_lz@BANCO.LOCAL");
    assert.equal(first.env.KRB5CCNAME, fake.env.KRB5CCNAME, "Kerberos uses the agent's own ticket cache");
  });

  it("reads non-ASCII back through a pip-installed impala-shell on Python 3.6 under the C locale", async () => {
    const { differences } = await roundTrip({ entryPoint: "pip", python: "3.6" }, ldap, { LC_ALL: "C", LANG: "C" });
    assert.deepEqual(differences, []);
  });

  it("LDAP: the password arrives exactly, without a newline, and no Kerberos fallback is possible", async () => {
    const password = "Pa$$ w0rd'\"\\n%s`x` ñ";
    const fake = installFakeImpalaShell({ ldap: { user: "svc_lz", password }, agentTicket: true });
    const warnings: unknown[][] = [];
    await withFakeEnv(fake, () => backend(fake, { ...ldap, password, onWarning: (...w) => warnings.push(w) }).sync());
    const run = fake.runs().find((r) => r.statements.length)!;
    assert.equal(run.password, password, "received byte for byte");
    assert.equal(run.identity, "svc_lz");
    assert.deepEqual(
      run.argv.filter((a) => !a.startsWith("--config_file=")),
      [
        "-i",
        "impala.banco.local:21050",
        "--ssl",
        "--verify_cert",
        "-u",
        "svc_lz",
        "-l",
        `--ldap_password_cmd=sh -c 'printf %s "$LZ_IMPALA_LDAP_PASSWORD"'`,
        "-B",
        "--output_delimiter=\u001f",
        "--quiet",
        "-f",
        "-",
      ],
    );
    assert.deepEqual(run.statements, [{ sql: "REFRESH resultados.inventario_lz", ok: true }], "read from stdin");
    assert.ok(!JSON.stringify(run.argv).includes("w0rd"), "never on the command line");
    assert.match(run.env.KRB5CCNAME!, /^FILE:.*krb5cc-empty$/);
    assert.notEqual(run.env.KRB5CCNAME, fake.env.KRB5CCNAME);
    assert.equal(run.verifies_certificate, true);
    assert.deepEqual(warnings, []);

    // A wrong password with a ticket in the agent's cache: the login fails, and nothing runs as the agent.
    const wrong = installFakeImpalaShell({ agentTicket: true });
    await assert.rejects(
      withFakeEnv(wrong, () => backend(wrong, { ...ldap, password: "otra" }).sync()),
      (e: ImpalaShellError) =>
        e.code === "ShellFailed" && /Error connecting TTransportException/.test(String(e.args[1])),
    );
    assert.ok(wrong.runs().every((r) => r.identity === null));
  });

  it("a user's ~/.impalarc, /etc/impalarc or IMPALA_SHELL_GLOBAL_CONFIG_FILE changes nothing", async () => {
    const fake = installFakeImpalaShell({ deny: ["INSERT"] });
    const settings = [
      "[impala]",
      "print_header=true",
      "ignore_query_failure=true",
      "var=x=cambiado,var=USD=dolares",
      `output_file=${path.join(fake.dir, "rows-elsewhere.txt")}`,
      "[impala.query_options]",
      "OPCION_DE_OTRA_VERSION=1",
      "",
    ].join("\n");
    fs.writeFileSync(path.join(fake.home, ".impalarc"), settings);
    fs.writeFileSync(fake.globalConfig, settings);
    const agentGlobal = path.join(fake.dir, "agent-global-impalarc");
    fs.writeFileSync(agentGlobal, settings);
    await withFakeEnv(
      fake,
      async () => {
        const b = backend(fake);
        await assert.rejects(b.insert(row(0, "Precio en ${var:x}")), (e: ImpalaShellError) => {
          assert.equal(e.code, "ShellFailed", "ignore_query_failure did not turn the refusal into success");
          assert.match(String(e.args[1]), /^ERROR: AuthorizationException: User 'agent_lz@BANCO\.LOCAL'/);
          return true;
        });
      },
      { IMPALA_SHELL_GLOBAL_CONFIG_FILE: agentGlobal },
    );
    const allowed = installFakeImpalaShell({ rows: [row(0, "Precio en ${var:x}")] });
    fs.writeFileSync(path.join(allowed.home, ".impalarc"), settings);
    fs.writeFileSync(allowed.globalConfig, settings);
    await withFakeEnv(allowed, async () => {
      const b = backend(allowed);
      assert.deepEqual(await b.packages(), ["SQOOPDI1"], "no header row, no query-option line, not sent to a file");
      assert.deepEqual(await b.rows({ semilla: "Precio en ${var:x}" }), [row(0, "Precio en ${var:x}")]);
    });
  });

  it("passes --verify_cert from 4.6.0 only, and warns when the certificate goes unverified", async () => {
    const cases: Array<[string, Partial<ImpalaShellOptions>, boolean, string[]]> = [
      ["4.6.0", {}, true, []],
      ["4.5.0", {}, false, ["CertificateNotVerified 4.5.0"]],
      ["4.5.0", { caCertFile: "/etc/pki/ca.pem" }, true, []],
      ["3.2.0", {}, false, ["ShellVersionOld 3.2.0", "CertificateNotVerified 3.2.0"]],
      ["4.5.0", { ssl: false }, false, []],
    ];
    for (const [version, extra, verified, expected] of cases) {
      const fake = installFakeImpalaShell({ version });
      const warnings: string[] = [];
      await withFakeEnv(fake, async () => {
        const b = backend(fake, { ...extra, onWarning: (code, ...args) => warnings.push([code, ...args].join(" ")) });
        await b.sync();
        await b.sync();
      });
      const runs = fake.runs().filter((r) => r.statements.length);
      assert.equal(runs.length, 2, `${version}: ran (an unknown option would have exited 2)`);
      assert.equal(runs[0].verifies_certificate, verified, `${version} ${JSON.stringify(extra)}`);
      assert.deepEqual(warnings, expected, "said once");
    }
  });

  it("two releases racing for the same number: the smaller semilla keeps it, with newlines and quotes in the values", async () => {
    const fake = installFakeImpalaShell({ rows: [row(0, "existente")].map((r) => ({ ...r, package: "SQOOPDI1936" })) });
    const request = (semilla: string): ReserveRequest => ({
      huType: "nueva",
      kind: "routine",
      periodicity: "Diaria",
      app: "CSD",
      semilla,
      tables: [],
      dataFolder: "",
      descripcion: `Calendario "FCO2"\nsegunda línea con 'comillas' y ${"${var:x}"}`,
      requestedBy: 'Ana "la jefa"',
      runDay: "L-V",
      runTime: "06:00",
      prerequisite: "",
      dryRun: false,
    });
    // Both read the last number before either inserts: the first packages() of each waits for the other.
    let arrived = 0;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const racing = () => {
      const b = backend(fake, { settleMs: 400 });
      let first = true;
      const packages = b.packages.bind(b);
      return Object.assign(b, {
        async packages() {
          const list = await packages();
          if (first) {
            first = false;
            if (++arrived === 2) open();
            await gate;
          }
          return list;
        },
      });
    };
    const semillas = ['repo-b\n"dos"', "repo-a 'uno'\n\"1\""];
    const [b, a] = await withFakeEnv(fake, () => Promise.all(semillas.map((s) => reserve(racing(), request(s)))));
    assert.deepEqual(a.problems, [], "the smaller semilla keeps the number");
    assert.equal(a.reservations[0].package, "SQOOPDI1937");
    assert.deepEqual(
      b.problems.map((p) => [p.code, ...p.args]),
      [["Collision", "SQOOPDI1937", `${semillas[0]}/N/A`, `${semillas[1]}/N/A`]],
    );
    const stored = fake.rows().filter((r) => r.package === "SQOOPDI1937");
    assert.deepEqual(stored.map((r) => r.semilla).sort(), [...semillas].sort(), "read back as written");
    assert.ok(stored.every((r) => r.descripcion === request("").descripcion));
  });
});
