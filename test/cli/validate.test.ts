import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { zipBomb } from "../helpers/hostile";
import { goodRunStarts, logName, runLog, writeLogFolder } from "../helpers/logs";
import { repoRoot } from "../helpers/taskRun";

const EXAMPLE = path.join(repoRoot, "examples", "alm_demo_rutina");

function lz(args: string[]) {
  return spawnSync(process.execPath, [path.join(repoRoot, "bin", "lz.js"), ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", LANG: "C.UTF-8" },
  });
}

describe("lz validate", function () {
  this.timeout(30000);

  it("finds every planted finding of the example routine and exits 1", () => {
    const r = lz([
      "validate",
      EXAMPLE,
      "--zona",
      "proceso_demo_zona",
      "--artifact-version",
      "20240105.2",
      "--format",
      "json",
    ]);
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(report).sort(), [
      "failOn",
      "findings",
      "pythonVersion",
      "result",
      "routine",
      "routineSettings",
      "summary",
      "tool",
    ]);
    const got = report.findings.map((f: any) => `${f.rule} ${f.file}:${f.line}`);
    assert.deepEqual(got, [
      "PTH001 orquestador.py:10",
      "PY003 orquestador.py:20",
      "SQL001 orquestador.py:23",
      "PY004 orquestador.py:24",
      "CFG002 static/config/config.json:2",
      "SQL002 static/sql/carga.sql:8",
      "SQL003 static/sql/carga.sql:8",
      "SQL005 static/sql/carga.sql:9",
      "PTH001 utils/conexion.py:6",
      "SEC001 utils/conexion.py:7",
      "PY002 utils/conexion.py:15",
      "VER001 version.txt:1",
    ]);
    assert.deepEqual(report.summary, { errors: 10, warnings: 2, infos: 0 });
  });

  it("exits 0 when the gate passes, with the same flags as the task inputs", () => {
    const r = lz(["validate", EXAMPLE, "--fail-on", "never", "--python-version", "3.9"]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^SucceededWithIssues: 7 errors, 2 warnings/m);
  });

  it("prints SARIF and Markdown, and writes the report files on request", () => {
    const sarif = JSON.parse(lz(["validate", EXAMPLE, "--format", "sarif"]).stdout);
    assert.equal(sarif.version, "2.1.0");
    assert.match(lz(["validate", EXAMPLE, "--format", "markdown"]).stdout, /### Routine validation/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-cli-reports-"));
    lz(["validate", EXAMPLE, "--report-directory", dir]);
    assert.deepEqual(fs.readdirSync(dir).sort(), [
      "ValidateRoutine-report.json",
      "ValidateRoutine-summary.md",
      "ValidateRoutine.sarif",
    ]);
  });

  it("exits 2 on bad usage", () => {
    const none = lz(["validate"]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /give the routine folder: lz validate <path>\n/);
    assert.match(lz(["validate", EXAMPLE, EXAMPLE]).stderr, /one folder at a time/);
    assert.match(lz(["validate", "--routine-path", "/no/such/folder"]).stderr, /'\/no\/such\/folder' is not a folder/);
    assert.match(lz(["validate", "/no/such/folder"]).stderr, /'\/no\/such\/folder' is not a folder/);
    assert.equal(lz(["validate", EXAMPLE, "--format", "xml"]).status, 2);
    assert.equal(lz(["validate", EXAMPLE, "--fail-on", "sometimes"]).status, 2);
    assert.match(lz(["validate", EXAMPLE, "--work-item-id", "7"]).stderr, /only works inside a pipeline/);
  });
});

describe("lz validate on an API's infrastructure folder", function () {
  this.timeout(30000);
  it("runs the API rules, as lz api validate does, and says so", () => {
    const infra = fs.mkdtempSync(path.join(os.tmpdir(), "lz-infra-"));
    fs.cpSync(path.join(repoRoot, "test", "fixtures", "api", "infra"), infra, { recursive: true });
    const template = path.join(infra, "AlterCtraScoreDelta", "template.yaml");
    // A planted mistake: one table's /index/* left out of a policy (API002).
    const text = fs.readFileSync(template, "utf8");
    fs.writeFileSync(template, text.replace(/^.*\$\{DynamoAlterCtraapi\.Arn\}\/index\/\*\n/m, ""));
    const viaValidate = lz(["validate", infra, "--format", "json"]);
    const viaApi = lz(["api", "validate", infra, "--format", "json"]);
    assert.equal(viaValidate.status, 1, viaValidate.stderr);
    assert.equal(viaApi.status, 1);
    assert.match(viaValidate.stderr, /it is an API's infrastructure folder, checked with the API rules/);
    const rules = (r: { stdout: string }) =>
      JSON.parse(r.stdout).findings.map((f: any) => `${f.rule} ${f.file}:${f.line}`);
    assert.ok(
      rules(viaValidate).some((r: string) => r.startsWith("API002 ")),
      viaValidate.stdout,
    );
    assert.deepEqual(rules(viaValidate), rules(viaApi));
    // A routine (it has Python) stays a routine.
    assert.doesNotMatch(lz(["validate", EXAMPLE, "--format", "json"]).stderr, /infrastructure folder/);
  });
});

describe("lz logs", function () {
  this.timeout(30000);
  it("checks a folder of run logs with the ValidateRoutine report and exit codes", () => {
    const good = writeLogFolder(Object.fromEntries(goodRunStarts().map((d) => [logName(d), runLog(d)])));
    const ok = lz(["logs", good, "--format", "json"]);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout).summary, { errors: 0, warnings: 0, infos: 0 });
    const few = writeLogFolder(Object.fromEntries(goodRunStarts(3).map((d) => [logName(d), runLog(d)])));
    const bad = lz(["logs", few]);
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /LOG001 3 log file\(s\) found, at least 10 are required/);
    assert.equal(lz(["logs"]).status, 2);
  });

  it("reads within the limit flags: a zip bomb is LOG007, a bad limit is bad usage", () => {
    const dir = writeLogFolder(Object.fromEntries(goodRunStarts().map((d) => [logName(d), runLog(d)])));
    fs.writeFileSync(path.join(dir, "bomba.zip"), zipBomb());
    const r = lz(["logs", dir, "--max-log-file-mb", "10"]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /LOG007 bomba\.zip\/bomba\.log: the file's size is over the limit of 10 MB \(input maxLogFileMb\)/,
    );
    const bad = lz(["logs", dir, "--max-zip-mb", "mucho"]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /Input --max-zip-mb is 'mucho': give a whole number from 1 to 1000000\./);
  });

  it("--log-tolerated-patterns and --log-retry-patterns add to the defaults (LOG009 counts them)", () => {
    const starts = goodRunStarts();
    const logs = Object.fromEntries(starts.map((d) => [logName(d), runLog(d)]));
    logs[logName(starts[0])] = runLog(starts[0], [
      "2022-07-20 06:00:05 ERROR carga: cuota de HDFS excedida temporalmente",
      "2022-07-20 06:00:06 ERROR carga: fallo de escritura",
      "2022-07-20 06:00:09 INFO carga: escrito al segundo intento",
    ]);
    const dir = writeLogFolder(logs);
    const before = lz(["logs", dir, "--format", "json"]);
    assert.deepEqual(
      JSON.parse(before.stdout).findings.map((f: { rule: string; line: number }) => `${f.rule}:${f.line}`),
      ["LOG005:2", "LOG005:3"],
    );
    const after = lz([
      "logs",
      dir,
      "--format",
      "json",
      "--log-tolerated-patterns",
      "cuota de HDFS",
      "--log-retry-patterns",
      "al segundo intento",
    ]);
    assert.equal(after.status, 0, after.stdout + after.stderr);
    const found = JSON.parse(after.stdout).findings as Array<{ rule: string; message: string }>;
    assert.deepEqual(
      found.map((f) => f.rule),
      ["LOG009"],
    );
    assert.match(
      found[0].message,
      /1 known Impala intermittence\(s\) and 1 error\(s\) followed by a successful retry \(lines 2, 3\)/,
    );
  });

  it("lz validate checks --logs-path too, within the same limits", () => {
    const dir = writeLogFolder(Object.fromEntries(goodRunStarts().map((d) => [logName(d), runLog(d)])));
    fs.writeFileSync(path.join(dir, "20220801_060000_orquestador_linea.log"), "x".repeat(4096) + "\n");
    const r = lz(["validate", EXAMPLE, "--logs-path", dir, "--max-log-line-kb", "2", "--format", "json"]);
    const rules = JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule);
    assert.ok(rules.includes("LOG007") && rules.includes("LOG004"), rules.join());
  });
});
