import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawn } from "child_process";
import { checkStatement } from "../../core/sql/checks";
import { describeOnTaskNodes, runTask, uploadedSummary } from "../helpers/taskRun";

/** An impala-shell on PATH-free path: a wrapper running the fake with the installed node. */
function fakeShell(rows: object[] = []): { shell: string; db: string; log: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-impala-"));
  const shell = path.join(dir, "impala-shell");
  fs.writeFileSync(
    shell,
    `#!/bin/sh\nexec "${process.execPath}" "${path.join(__dirname, "..", "helpers", "fakeImpalaShell.js")}" "$@"\n`,
    { mode: 0o755 },
  );
  const db = path.join(dir, "rows.json");
  fs.writeFileSync(db, JSON.stringify(rows));
  return { shell, db, log: path.join(dir, "calls.jsonl") };
}

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
  prrequisito: "N/A",
});

function run(
  fake: ReturnType<typeof fakeShell>,
  inputs: Record<string, string> = {},
  auth: { scheme?: string; user?: string; password?: string } = {},
) {
  process.env.LZ_FAKE_IMPALA_DB = fake.db;
  process.env.LZ_FAKE_IMPALA_LOG = fake.log;
  process.env.ENDPOINT_URL_IMPALAPRD = "impala://impala.banco.local:21050";
  process.env.ENDPOINT_AUTH_SCHEME_IMPALAPRD = auth.scheme ?? "None";
  process.env.ENDPOINT_DATA_IMPALAPRD_TLS = "true";
  if (auth.user) process.env.ENDPOINT_AUTH_PARAMETER_IMPALAPRD_USERNAME = auth.user;
  if (auth.password) process.env.ENDPOINT_AUTH_PARAMETER_IMPALAPRD_PASSWORD = auth.password;
  return runTask("ReserveInventoryV1", {
    inputs: {
      backend: "impala-shell",
      impalaConnection: "IMPALAPRD",
      impalaShellPath: fake.shell,
      huType: "nueva",
      kind: "routine",
      periodicity: "Diaria",
      app: "CSD",
      semilla: "bana-vrie-calendarizacion-fco2",
      descripcion: "Calendario 'FCO2'); DROP TABLE resultados.inventario_lz; -- \\",
      requestedBy: "Daniel Varon",
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
  }).finally(() => {
    for (const k of Object.keys(process.env))
      if (k.startsWith("ENDPOINT_") || k.startsWith("LZ_FAKE_IMPALA")) delete process.env[k];
  });
}

const calls = (fake: ReturnType<typeof fakeShell>) =>
  fs
    .readFileSync(fake.log, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

describeOnTaskNodes("ReserveInventory task (impala-shell backend, fake impala-shell)", function () {
  this.timeout(60000);

  it("reserves the next number with the team's flags and valid Impala statements, and sets the outputs", async () => {
    const fake = fakeShell([seedRow("SQOOPDI1936", "otra"), seedRow("SQOOPME1937", "otra2")]);
    const r = await run(fake);
    assert.equal(r.result, "Succeeded", r.stdout);
    assert.equal(r.variables.get("Inventory.Package")?.message, "SQOOPDI1938");
    assert.equal(r.variables.get("Inventory.Process")?.message, "SQPDI1938RTNCSD");
    assert.equal(r.variables.get("Consecutive")?.properties.isOutput, "true");
    const received = calls(fake);
    assert.deepEqual(received[0].args.slice(0, 3), ["-i", "impala.banco.local:21050", "-k"]);
    assert.ok(received[0].args.includes("--ssl") && received[0].args.includes("-B"));
    // Valid Impala per the grammar (with its known gaps, such as \' in literals, handled as for routine SQL).
    const sql001 = (sql: string) =>
      checkStatement(sql, { isPlaceholder: () => false }).filter((f) => f.rule === "SQL001");
    for (const c of received) assert.deepEqual(sql001(c.statement), [], c.statement);
    assert.ok(
      received.some((c) => /^REFRESH resultados\.inventario_lz$/.test(c.statement)),
      "REFRESH before reading back",
    );
    const stored = JSON.parse(fs.readFileSync(fake.db, "utf8")).find(
      (x: { package: string }) => x.package === "SQOOPDI1938",
    );
    assert.equal(
      stored.descripcion,
      "Calendario 'FCO2'); DROP TABLE resultados.inventario_lz; -- \\",
      "an injection attempt is stored literally",
    );
    assert.equal(received.filter((c) => /^INSERT/.test(c.statement)).length, 1, "one statement, not two");
    assert.match(r.stdout, /SQL: INSERT INTO resultados\.inventario_lz/);
    assert.match(uploadedSummary(r), /SQOOPDI1938/);
  });

  it("a rerun reuses the row instead of inserting again", async () => {
    const fake = fakeShell();
    await run(fake);
    const again = await run(fake);
    assert.match(again.stdout, /Reused SQOOPDI1 \/ SQPDI1RTNCSD/);
    assert.equal(JSON.parse(fs.readFileSync(fake.db, "utf8")).length, 1);
  });

  it("LDAP: the password travels in the environment, never in the arguments, and is a secret", async () => {
    const fake = fakeShell();
    const r = await run(fake, {}, { scheme: "UsernamePassword", user: "svc_lz", password: "Pa$$w0rd'x" });
    assert.equal(r.result, "Succeeded", r.stdout);
    const first = calls(fake)[0];
    assert.ok(first.args.includes("-l") && first.args.includes("svc_lz"));
    assert.ok(!JSON.stringify(first.args).includes("Pa$$w0rd"));
    assert.equal(first.password, "Pa$$w0rd'x");
    assert.ok(r.vsoLines.includes("##vso[task.setsecret]Pa$$w0rd'x"));
  });

  it("fails with clear messages, writing nothing, on bad input, a missing shell and an Impala error", async () => {
    const fake = fakeShell();
    const bad = await run(fake, { periodicity: "Cada luna", prerequisite: "SQPX" });
    assert.match(bad.runner.errorIssues[0], /Periodicity 'Cada luna' has no code: use one of Diaria, Semanal/);
    assert.equal(fs.existsSync(fake.log), false, "impala-shell was never called");
    const missing = await run(fake, { impalaShellPath: "/nonexistent/impala-shell" });
    assert.match(missing.runner.errorIssues[0], /impala-shell was not found at '\/nonexistent\/impala-shell'/);
    process.env.LZ_FAKE_IMPALA_FAIL = "1";
    try {
      const denied = await run(fake);
      assert.match(denied.runner.errorIssues[0], /impala-shell failed \(exit 1\): ERROR: AuthorizationException/);
    } finally {
      delete process.env.LZ_FAKE_IMPALA_FAIL;
    }
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
      const fake = fakeShell();
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
      assert.equal(fs.existsSync(fake.log), false, "impala-shell was not used");
    } finally {
      server.kill();
    }
  });
});
