import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawn } from "child_process";
import { checkStatement } from "../../core/sql/checks";
import { FakeImpala, fakePython, installFakeImpalaShell, NO_PYTHON, withFakeEnv } from "../helpers/fakeImpalaShell";
import { describeOnTaskNodes, runTask, uploadedSummary } from "../helpers/taskRun";
import { ANALYTICS_REPO } from "../helpers/apiTemplates";

const seedRow = (pkg: string, semilla: string) => ({
  package: pkg,
  table_name: "N/A",
  semilla,
  proceso: pkg.replace("SQOOP", "SQP") + "RTNX",
  origen_fuente: "Rutina",
  data_folder: "N/A",
  periodicidad: "Diaria",
  descripcion: "",
  solicita_ingestion: "",
  dia_ejecucion: "",
  hora_ejecucion: "",
  prerrequisito: "N/A",
});

const DESCRIPCION =
  "Calendario 'FCO2'); DROP TABLE resultados.inventario_lz; -- \\ ${var:x} $HOME \"dq\"\nlínea 2\tfin" +
  "\n##vso[task.setvariable variable=INJECTED]pwned";

function run(
  fake: FakeImpala,
  inputs: Record<string, string> = {},
  auth: { scheme?: string; user?: string; password?: string } = {},
) {
  const endpoint: Record<string, string> = {
    ENDPOINT_URL_IMPALAPRD: "impala://impala.banco.local:21050",
    ENDPOINT_AUTH_SCHEME_IMPALAPRD: auth.scheme ?? "None",
    ENDPOINT_DATA_IMPALAPRD_TLS: "true",
    ...(auth.user ? { ENDPOINT_AUTH_PARAMETER_IMPALAPRD_USERNAME: auth.user } : {}),
    ...(auth.password ? { ENDPOINT_AUTH_PARAMETER_IMPALAPRD_PASSWORD: auth.password } : {}),
  };
  return withFakeEnv(
    fake,
    () =>
      runTask("ReserveInventoryV1", {
        inputs: {
          backend: "impala-shell",
          impalaConnection: "IMPALAPRD",
          impalaShellPath: fake.shell,
          huType: "nueva",
          kind: "routine",
          periodicity: "Diaria",
          app: "CSD",
          semilla: "bana-vrie-calendarizacion-fco2",
          descripcion: DESCRIPCION,
          requestedBy: "Daniel Varón",
          runDay: "L-V",
          runTime: "06:00",
          prerequisite: "N/A",
          packagePrefix: "SQOOP",
          processPrefix: "SQP",
          routineCode: "RTN",
          coordinatorCode: "CRD",
          ...inputs,
        },
        variables: { LZ_INVENTORY_SETTLE_MS: "1" },
      }),
    endpoint,
  ).finally(() => {
    for (const k of Object.keys(endpoint)) delete process.env[k];
  });
}

const statements = (fake: FakeImpala) => fake.runs().flatMap((r) => r.statements.map((s) => s.sql));

describeOnTaskNodes("ReserveInventory task (impala-shell backend, faithful fake impala-shell)", function () {
  this.timeout(120000);
  before(function () {
    if (!fakePython()) {
      console.log(`      (skipped: ${NO_PYTHON})`);
      this.skip();
    }
  });

  it("Kerberos: reserves the next number with the team's flags and valid Impala statements, and sets the outputs", async () => {
    const fake = installFakeImpalaShell({ rows: [seedRow("SQOOPDI1936", "otra"), seedRow("SQOOPME1937", "otra2")] });
    const r = await run(fake);
    assert.equal(r.result, "Succeeded", r.stdout);
    assert.equal(r.variables.get("Inventory.Package")?.message, "SQOOPDI1938");
    assert.equal(r.variables.get("Inventory.Process")?.message, "SQPDI1938RTNCSD");
    assert.equal(r.variables.get("Consecutive")?.properties.isOutput, "true");
    const runs = fake.runs().filter((x) => x.statements.length);
    const argv = runs[0].argv.filter((a) => !a.startsWith("--config_file="));
    assert.deepEqual(argv, [
      "-i",
      "impala.banco.local:21050",
      "-k",
      "--ssl",
      "--verify_cert",
      "-B",
      "--output_delimiter=\u001f",
      "--quiet",
      "-f",
      "-",
    ]);
    assert.ok(runs.every((x) => x.identity === "agent_lz@BANCO.LOCAL" && x.env.KRB5CCNAME === fake.env.KRB5CCNAME));
    assert.ok(runs.every((x) => x.env.PYTHONIOENCODING === "utf-8"));
    // Valid Impala per the grammar (with its known gaps, such as \' in literals, handled as for routine SQL).
    const sql001 = (sql: string) =>
      checkStatement(sql, { isPlaceholder: () => false }).filter((f) => f.rule === "SQL001");
    for (const sql of statements(fake)) assert.deepEqual(sql001(sql), [], sql);
    assert.ok(statements(fake).includes("REFRESH resultados.inventario_lz"), "REFRESH before reading back");
    const stored = fake.rows().find((x) => x.package === "SQOOPDI1938")!;
    assert.equal(stored.descripcion, DESCRIPCION, "an injection attempt, ${…} and $ are stored literally");
    assert.equal(stored.solicita_ingestion, "Daniel Varón");
    assert.equal(statements(fake).filter((x) => /^INSERT/.test(x)).length, 1, "one statement, not two");
    assert.match(r.stdout, /SQL: INSERT INTO resultados\.inventario_lz/);
    // The value's own line in the logged SQL cannot issue an agent command.
    assert.equal(r.variables.has("INJECTED"), false);
    assert.ok(!/^##vso\[task\.setvariable variable=INJECTED/m.test(r.stdout), "neutralized in the SQL log line");
    assert.match(uploadedSummary(r), /SQOOPDI1938/);
    assert.deepEqual(
      fs.readdirSync(r.tempDir).filter((f) => f.startsWith("lz-impala-shell-")),
      [],
      "cleaned up",
    );
  });

  it("a rerun reuses the row (read back with its newlines and quotes) instead of inserting again", async () => {
    const fake = installFakeImpalaShell();
    assert.equal((await run(fake)).result, "Succeeded");
    const again = await run(fake);
    assert.equal(again.result, "Succeeded", again.stdout);
    assert.match(again.stdout, /Reused SQOOPDI1 \/ SQPDI1RTNCSD/);
    assert.equal(fake.rows().length, 1);
  });

  it("LDAP: user and password command in the arguments, the exact password received, a secret, never echoed", async () => {
    const password = "Pa$$w0rd'x\"y\\z %s";
    const fake = installFakeImpalaShell({ ldap: { user: "svc_lz", password }, agentTicket: true });
    const r = await run(fake, {}, { scheme: "UsernamePassword", user: "svc_lz", password });
    assert.equal(r.result, "Succeeded", r.stdout);
    const runs = fake.runs().filter((x) => x.statements.length);
    assert.deepEqual(runs[0].argv.slice(0, 8), [
      "-i",
      "impala.banco.local:21050",
      "--ssl",
      "--verify_cert",
      "-u",
      "svc_lz",
      "-l",
      `--ldap_password_cmd=sh -c 'printf %s "$LZ_IMPALA_LDAP_PASSWORD"'`,
    ]);
    assert.ok(
      runs.every((x) => x.password === password && x.identity === "svc_lz"),
      "as svc_lz, not the agent",
    );
    assert.ok(!JSON.stringify(runs.map((x) => x.argv)).includes("w0rd"));
    assert.ok(r.vsoLines.includes(`##vso[task.setsecret]${password.replace(/%/g, "%AZP25")}`));
    // Beside setsecret, only task-lib's own debug line of getEndpointAuthorizationParameter shows it (the agent
    // masks a service connection's secrets by itself): never the task's messages nor impala-shell's output.
    assert.deepEqual(
      r.stdout
        .split("\n")
        .filter((l) => l.includes("w0rd"))
        .map((l) => l.slice(0, l.indexOf("]") + 1)),
      ["##vso[task.debug]", "##vso[task.setsecret]"],
    );
  });

  it("LDAP with a wrong password fails the login and never falls back to the agent's Kerberos ticket", async () => {
    const fake = installFakeImpalaShell({ agentTicket: true });
    const r = await run(fake, {}, { scheme: "UsernamePassword", user: "svc_lz", password: "vieja" });
    assert.equal(r.result, "Failed");
    assert.match(r.runner.errorIssues[0], /impala-shell failed \(exit 1\): Error connecting TTransportException/);
    assert.equal(fake.rows().length, 0);
    assert.ok(
      fake.runs().every((x) => x.identity === null),
      "nothing ran as anyone",
    );
  });

  it("coordinators (#16): one number per <table>.json of the API's cfg folder; a listed table without its file is refused", async () => {
    const cfgFolder = path.join(ANALYTICS_REPO, "AlterCtraScoreDelta", "API", "cfg");
    const fake = installFakeImpalaShell();
    const coordinator = {
      kind: "coordinator",
      cfgFolder,
      semilla: "proceso_bana_vp_riesgos",
      dataFolder: "/opt/gitDevops/ProductizarLaAnalitica/AlterCtraScoreDelta",
    };
    const r = await run(fake, coordinator);
    assert.equal(r.result, "Succeeded", r.stdout);
    assert.deepEqual(
      fake.rows().map((x) => [x.table_name, x.proceso, x.origen_fuente]),
      [
        ["alter_ctra", "SQPDI1CRDCSD", "Coordinador"],
        ["delta_productos", "SQPDI2CRDCSD", "Coordinador"],
        ["scores_clientes", "SQPDI3CRDCSD", "Coordinador"],
      ],
    );
    assert.equal(r.variables.get("Inventory.scores_clientes.Process")?.message, "SQPDI3CRDCSD");
    const refused = await run(installFakeImpalaShell(), { ...coordinator, tables: "alter_ctra\nsaldos_cartera" });
    assert.equal(refused.result, "Failed");
    assert.match(
      refused.runner.errorIssues[0],
      /Input tables names saldos_cartera, which have no coordinator file in .*API\/cfg/,
    );
  });

  it("fails with clear messages, writing nothing, on bad input, a missing shell and a denied INSERT", async () => {
    const fake = installFakeImpalaShell();
    const bad = await run(fake, { periodicity: "Cada luna", prerequisite: "SQPX" });
    assert.match(bad.runner.errorIssues[0], /Periodicity 'Cada luna' has no code: use one of Diaria, Semanal/);
    const control = await run(fake, { descripcion: "uno\u0007dos", runDay: "NULL" });
    assert.deepEqual(control.runner.errorIssues[0].split("\n"), [
      "Input descripcion has a control character (U+0007) at character 4: remove it; a text input may hold tabs and line breaks, no other control character.",
      "Input runDay is the text NULL, which impala-shell prints exactly as an empty SQL value (NULL), so the row could not be read back as written: write it another way (e.g. N/A or null).",
    ]);
    assert.deepEqual(fake.runs(), [], "impala-shell was never called");
    const missing = await run(fake, { impalaShellPath: "/nonexistent/impala-shell" });
    assert.match(missing.runner.errorIssues[0], /impala-shell was not found at '\/nonexistent\/impala-shell'/);
    for (const entryPoint of ["tarball", "pip"] as const) {
      const denying = installFakeImpalaShell({ deny: ["INSERT"], entryPoint });
      const denied = await run(denying);
      assert.equal(denied.result, "Failed");
      assert.equal(
        denied.runner.errorIssues[0],
        "impala-shell failed (exit 1): ERROR: AuthorizationException: User 'agent_lz@BANCO.LOCAL' does not have privileges to execute 'INSERT' on: resultados.inventario_lz",
        entryPoint,
      );
      assert.equal(denying.rows().length, 0);
    }
  });

  it("an .impalarc with print_header or ignore_query_failure, in the home or the global file, changes nothing", async () => {
    const settings = "[impala]\nprint_header=true\nignore_query_failure=true\nvar=x=otro\n";
    const fake = installFakeImpalaShell({ rows: [seedRow("SQOOPDI1936", "otra")] });
    fs.writeFileSync(path.join(fake.home, ".impalarc"), settings);
    fs.writeFileSync(fake.globalConfig, settings);
    const r = await run(fake);
    assert.equal(r.result, "Succeeded", r.stdout);
    assert.equal(r.variables.get("Inventory.Package")?.message, "SQOOPDI1937", "no header taken for a package");
    assert.equal(fake.rows()[1].descripcion, DESCRIPCION);
    const denying = installFakeImpalaShell({ deny: ["INSERT"] });
    fs.writeFileSync(path.join(denying.home, ".impalarc"), settings);
    const denied = await run(denying);
    assert.equal(denied.result, "Failed", "a refused INSERT is not a reservation");
    assert.match(denied.runner.errorIssues[0], /AuthorizationException/);
  });

  it("warns in the log when the installed impala-shell cannot verify the certificate", async () => {
    const fake = installFakeImpalaShell({ version: "4.5.0" });
    const r = await run(fake);
    assert.equal(r.result, "Succeeded", r.stdout);
    assert.deepEqual(r.runner.warningIssues, [
      "impala-shell 4.5.0 does not verify the Impala server's TLS certificate without a CA file (--verify_cert exists from 4.6.0): set the CA certificate file in the Impala service connection, or upgrade impala-shell to 4.6.0 or later.",
    ]);
    assert.ok(fake.runs().every((x) => !x.argv.includes("--verify_cert")));
  });
});

describeOnTaskNodes("ReserveInventory task (hiveserver2 backend, test server on 127.0.0.1)", function () {
  this.timeout(60000);

  it("reserves over HiveServer2 with the connection's host and port", async () => {
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-hs2-")), "state.json");
    const server = spawn(process.execPath, [path.join(__dirname, "..", "helpers", "hs2Process.js"), log]);
    try {
      const port = await new Promise<number>((resolve) =>
        server.stdout!.once("data", (d: Buffer) => resolve(Number(/listening (\d+)/.exec(d.toString())![1]))),
      );
      process.env.ENDPOINT_URL_IMPALAPRD = `127.0.0.1:${port}`;
      process.env.ENDPOINT_AUTH_SCHEME_IMPALAPRD = "None";
      process.env.ENDPOINT_DATA_IMPALAPRD_TLS = "false";
      const r = await runTask("ReserveInventoryV1", {
        inputs: {
          backend: "hiveserver2",
          impalaConnection: "IMPALAPRD",
          huType: "nueva",
          kind: "routine",
          periodicity: "Semanal",
          app: "CSD",
          semilla: "repo-hs2",
          descripcion: "d",
          requestedBy: "r",
          runDay: "L",
          runTime: "6",
          prerequisite: "N/A",
          packagePrefix: "SQOOP",
          processPrefix: "SQP",
          routineCode: "RTN",
          coordinatorCode: "CRD",
        },
        variables: { LZ_INVENTORY_SETTLE_MS: "1" },
      }).finally(() => {
        for (const k of Object.keys(process.env)) if (k.startsWith("ENDPOINT_")) delete process.env[k];
      });
      assert.equal(r.result, "Succeeded", r.stdout);
      assert.equal(r.variables.get("Inventory.Package")?.message, "SQOOPSE1");
      await new Promise((res) => setTimeout(res, 150));
      const state = JSON.parse(fs.readFileSync(log, "utf8"));
      assert.ok(state.statements.some((s: string) => s.startsWith("INSERT INTO resultados.inventario_lz")));
      assert.equal(state.rows[0].proceso, "SQPSE1RTNCSD");
    } finally {
      server.kill();
    }
  });
});
