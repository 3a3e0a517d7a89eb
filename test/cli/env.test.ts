import { strict as assert } from "assert";
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { makeEnvironment } from "../helpers/envLayout";
import { fakePython, installFakeImpalaShell, NO_PYTHON } from "../helpers/fakeImpalaShell";
import { repoRoot } from "../helpers/taskRun";

const lz = (args: string[]) =>
  spawnSync(process.execPath, [path.join(repoRoot, "bin", "lz.js"), ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", LANG: "C.UTF-8" },
  });

describe("lz verify-env and lz switch-dsn", function () {
  this.timeout(30000);

  it("verify-env prints the site-package and exits 0, or 1 with VER001", () => {
    const env = makeEnvironment({ version: "1.0" });
    const ok = lz([
      "verify-env",
      "--base-directory",
      env.base,
      "--zona",
      "proceso_x",
      "--repository-name",
      "alm-bana-fco2",
      "--artifact-version",
      "1.0",
      "--format",
      "json",
    ]);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.equal(JSON.parse(ok.stdout).sitePackagePath, env.sitePackage);
    const bad = lz([
      "verify-env",
      "--base-directory",
      env.base,
      "--zona",
      "proceso_x",
      "--repository-name",
      "alm-bana-fco2",
      "--artifact-version",
      "2.0",
    ]);
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /VER001 The artifact does not have the updated routine version/);
    assert.equal(lz(["verify-env", "--zona", "x"]).status, 2);
  });

  it("switch-dsn switches and restores byte for byte; a wrong dsn exits 1 and changes nothing", () => {
    const env = makeEnvironment({ files: { "static/config/config.json": '{ "dsn":"impala-virtual-prd" }\n' } });
    const config = path.join(env.sitePackage, "static", "config", "config.json");
    assert.equal(lz(["switch-dsn", "--site-package-path", env.sitePackage]).status, 0);
    assert.equal(fs.readFileSync(config, "utf8"), '{ "dsn":"impala-virtual-dev" }\n');
    const again = lz(["switch-dsn", "--config-path", config, "--from", "impala-virtual-qa", "--lang", "es"]);
    assert.equal(again.status, 1);
    assert.match(again.stdout, /no se cambió nada/);
    assert.equal(lz(["switch-dsn", "--config-path", config, "--mode", "restore"]).status, 0);
    assert.equal(fs.readFileSync(config, "utf8"), '{ "dsn":"impala-virtual-prd" }\n');
    assert.equal(lz(["switch-dsn", "--mode", "sideways", "--config-path", config]).status, 2);
  });

  it("switch-dsn refuses a read-only config.json (exit 1, the input named) unless --allow-read-only true", () => {
    const env = makeEnvironment({ files: { "static/config/config.json": '{ "dsn":"impala-virtual-prd" }\n' } });
    const config = path.join(env.sitePackage, "static", "config", "config.json");
    fs.chmodSync(config, 0o440);
    const refused = lz(["switch-dsn", "--config-path", config, "--lang", "es"]);
    assert.equal(refused.status, 1);
    assert.match(refused.stdout, /es de solo lectura para el agente \(modo 0440\).*allowReadOnly/);
    assert.equal(fs.readFileSync(config, "utf8"), '{ "dsn":"impala-virtual-prd" }\n');
    assert.equal(lz(["switch-dsn", "--config-path", config, "--allow-read-only", "true"]).status, 0);
    assert.equal(fs.readFileSync(config, "utf8"), '{ "dsn":"impala-virtual-dev" }\n');
    assert.equal(fs.statSync(config).mode & 0o777, 0o440);
  });
});

describe("lz run", function () {
  this.timeout(30000);
  it("runs a command, streams it to stderr, prints the report and exits 1 on a traceback", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-clirun-"));
    fs.writeFileSync(path.join(dir, "r.py"), "print('hola')\nraise ValueError('mala fecha')\n");
    const r = lz(["run", "--command", "python3 r.py", "--working-directory", dir, "--format", "json"]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /^hola$/m);
    const report = JSON.parse(r.stdout);
    assert.equal(report.exitCode, 1);
    assert.deepEqual(
      report.findings.map((f: any) => `${f.rule} ${f.file}:${f.line}`),
      ["RUN003 :1", "RUN001 r.py:2"],
    );
    assert.equal(lz(["run"]).status, 2);
    assert.equal(lz(["run", "--command", "python3 $(runner)"]).status, 2);
  });

  it("classifies the log files the routine wrote in --logs-path, as the task does; a bad pattern is a usage error", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-clirun-"));
    fs.mkdirSync(path.join(dir, "logs"));
    fs.writeFileSync(path.join(dir, "logs", "20200101_000000_old.log"), "ERROR: AnalysisException: an earlier run\n");
    fs.utimesSync(path.join(dir, "logs", "20200101_000000_old.log"), new Date("2020-01-01"), new Date("2020-01-01"));
    fs.writeFileSync(
      path.join(dir, "r.py"),
      "open('logs/20240105_101010_orquestador_x.log', 'w').write('INFO ok\\nERROR: AnalysisException: Syntax error\\n')\nprint('listo')\n",
    );
    const args = ["run", "--command", "python3 r.py", "--working-directory", dir, "--format", "json"];
    const without = lz(args);
    assert.equal(without.status, 0, without.stderr);
    const r = lz([...args, "--logs-path", path.join(dir, "logs")]);
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(
      report.findings.map((f: any) => f.file),
      ["logs/20240105_101010_orquestador_x.log"],
      "only the log this run wrote",
    );
    assert.equal(report.logFiles, 1);
    const bad = lz([...args, "--expected-error-patterns", "([a-z"]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /Input --expected-error-patterns, line '\(\[a-z', is not a regular expression/);
  });
});

describe("lz reserve", function () {
  this.timeout(60000);
  it("reserves distinct numbers from concurrent processes on the embedded file, and reuses them on a rerun", async () => {
    const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-clires-")), "inv.sqlite");
    const once = (i: number) =>
      new Promise<{ package: string; reused: boolean }>((resolve, reject) => {
        const child = spawn(process.execPath, [
          path.join(repoRoot, "bin", "lz.js"),
          "reserve",
          "--backend",
          "embedded",
          "--db",
          db,
          "--periodicity",
          "Mensual",
          "--app",
          "COMI",
          "--semilla",
          `repo-${i}`,
          "--descripcion",
          "d",
          "--requested-by",
          "r",
          "--run-day",
          "1",
          "--run-time",
          "05:00",
          "--format",
          "json",
        ]);
        let out = "";
        child.stdout.on("data", (d: Buffer) => (out += d));
        child.on("close", (code: number) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(out))));
      });
    const first = await Promise.all([0, 1, 2, 3, 4, 5].map(once));
    assert.deepEqual(first.map((r) => r.package).sort(), [
      "SQOOPME1",
      "SQOOPME2",
      "SQOOPME3",
      "SQOOPME4",
      "SQOOPME5",
      "SQOOPME6",
    ]);
    const again = await Promise.all([0, 1, 2, 3, 4, 5].map(once));
    assert.deepEqual(
      again.map((r) => [r.package, r.reused]),
      first.map((r) => [r.package, true]),
    );
    const bad = lz([
      "reserve",
      "--backend",
      "embedded",
      "--db",
      db,
      "--periodicity",
      "Nunca",
      "--app",
      "X",
      "--semilla",
      "s",
      "--descripcion",
      "d",
      "--requested-by",
      "r",
      "--run-day",
      "1",
      "--run-time",
      "1",
    ]);
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /Periodicity 'Nunca' has no code/);
    assert.equal(lz(["reserve", "--backend", "embedded"]).status, 2);
  });

  it("reserves through impala-shell (the faithful fake), values read back intact, and warns on stderr", function () {
    if (!fakePython()) {
      console.log(`      (skipped: ${NO_PYTHON})`);
      return this.skip();
    }
    const fake = installFakeImpalaShell({ version: "4.5.0" });
    const reserveOnce = () =>
      spawnSync(
        process.execPath,
        [
          path.join(repoRoot, "bin", "lz.js"),
          "reserve",
          "--impala-connection",
          "impala.banco.local:21050",
          "--impala-shell-path",
          fake.shell,
          "--periodicity",
          "Diaria",
          "--app",
          "CSD",
          "--semilla",
          'repo "uno"\n${var:x}',
          "--descripcion",
          "línea 1\n'línea 2' $ \\",
          "--requested-by",
          "r",
          "--run-day",
          "L-V",
          "--run-time",
          "06:00",
          "--format",
          "json",
        ],
        { encoding: "utf8", env: { ...fake.env, LANG: "C.UTF-8" } },
      );
    const first = reserveOnce();
    assert.equal(first.status, 0, first.stdout + first.stderr);
    assert.deepEqual(JSON.parse(first.stdout), {
      package: "SQOOPDI1",
      process: "SQPDI1RTNCSD",
      consecutive: 1,
      reused: false,
    });
    assert.match(first.stderr, /^warning: impala-shell 4\.5\.0 does not verify the Impala server's TLS certificate/);
    assert.equal(JSON.parse(reserveOnce().stdout).reused, true);
    assert.deepEqual(
      fake.rows().map((r) => [r.semilla, r.descripcion]),
      [['repo "uno"\n${var:x}', "línea 1\n'línea 2' $ \\"]],
    );
  });
});
