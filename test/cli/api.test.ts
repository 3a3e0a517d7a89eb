/** `lz api add-table | add-coordinator | validate`, `lz run-coordinators`, `lz reserve --cfg-folder`: the built CLI. */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ANALYTICS_REPO, INFRA_FOLDER } from "../helpers/apiTemplates";
import { fakeDeployedApi } from "../helpers/fakeCoordinator";
import { repoRoot } from "../helpers/taskRun";

const lz = (args: string[], lang = "C.UTF-8") =>
  spawnSync(process.execPath, [path.join(repoRoot, "bin", "lz.js"), ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", LANG: lang },
  });

/** A copy of the infrastructure folder, and a snapshot of its files' bytes. */
function infra(): { dir: string; bytes: () => Record<string, string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-cli-infra-"));
  fs.cpSync(INFRA_FOLDER, dir, { recursive: true });
  return {
    dir,
    bytes: () => Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), "latin1")])),
  };
}

const addTable = (dir: string, ...extra: string[]) =>
  lz([
    "api",
    "add-table",
    "--template",
    path.join(dir, "template.yaml"),
    "--params",
    path.join(dir, "params-dev.json"),
    "--params",
    path.join(dir, "params-pdn.json"),
    "--api",
    "AlterCtraScoreDelta",
    "--table",
    "saldos_cartera",
    "--partition-key",
    "num_documento:S",
    ...extra,
  ]);

describe("lz api", function () {
  this.timeout(30000);

  it("add-table writes the template and both params files, and says which library variables it reuses", () => {
    const { dir, bytes } = infra();
    const before = bytes();
    const r = addTable(dir, "--sort-key", "fecha:N");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Added table saldos_cartera as DynamoSaldosCarteraapi \(PascalCase names\)\./);
    assert.match(r.stdout, /Reuses the library variable dy-alter-ctra-score-delta-api-tables-read-cu\./);
    const after = bytes();
    for (const f of ["template.yaml", "params-dev.json", "params-pdn.json"]) {
      assert.notEqual(after[f], before[f], f);
      // Everything that was there is still there, in order (add-table only inserts; a flow list grows before its `]`).
      let at = 0;
      for (const line of before[f].split("\n")) {
        const found = after[f].indexOf(line.replace(/\]$/, ""), at);
        assert.ok(found >= 0, `${f}: lost ${JSON.stringify(line)}`);
        at = found + line.length;
      }
    }
    assert.deepEqual(
      fs.readdirSync(dir).sort(),
      ["params-dev.json", "params-pdn.json", "template.yaml"],
      "no temporary file left",
    );
    // The same table again: refused, naming the file and line; nothing written.
    const again = addTable(dir);
    assert.equal(again.status, 2);
    assert.match(
      again.stderr,
      /template\.yaml:\d+: the template already has DynamoSaldosCarteraapi \(table saldos_cartera\)/,
    );
    assert.deepEqual(bytes(), after);
  });

  it("add-table --dry-run prints the diff and writes nothing; bad input is refused in the user's language", () => {
    const { dir, bytes } = infra();
    const before = bytes();
    const dry = addTable(dir, "--dry-run");
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /^\+\+\+ .*template\.yaml/m);
    assert.match(dry.stdout, /^\+ {2}DynamoSaldosCarteraapi:$/m);
    assert.match(
      dry.stdout,
      /^- {4}DependsOn: \[DynamoScoresClientesapi, DynamoAlterCtraapi, DynamoDeltaProductosapi\]$/m,
    );
    assert.match(
      dry.stdout,
      /^\+ {4}DependsOn: \[DynamoScoresClientesapi, DynamoAlterCtraapi, DynamoDeltaProductosapi, DynamoSaldosCarteraapi\]$/m,
    );
    assert.match(dry.stdout, /Would add table saldos_cartera/);
    assert.deepEqual(bytes(), before);

    const badKey = lz([
      "api",
      "add-table",
      "--template",
      path.join(dir, "template.yaml"),
      "--api",
      "X",
      "--table",
      "t",
      "--partition-key",
      "id:B",
      "--lang",
      "es",
    ]);
    assert.equal(badKey.status, 2);
    assert.match(badKey.stderr, /--partition-key 'id:B' debe ser nombre:S o nombre:N/);

    fs.writeFileSync(
      path.join(dir, "template.yaml"),
      before["template.yaml"].replace("TargetKeyId: !Ref s3KeyEncript", "TargetKeyId: !Referencia s3KeyEncript"),
    );
    const broken = addTable(dir);
    assert.equal(broken.status, 2);
    const line = before["template.yaml"]
      .slice(0, before["template.yaml"].indexOf("TargetKeyId: !Ref s3KeyEncript"))
      .split("\n").length;
    assert.match(
      broken.stderr,
      new RegExp(
        `template\\.yaml:${line}: the template is not valid CloudFormation YAML: Unresolved tag: !Referencia\\. Fix that line; the template was not written\\.`,
      ),
    );
    assert.equal(fs.readFileSync(path.join(dir, "params-dev.json"), "latin1"), before["params-dev.json"]);
  });

  it("add-coordinator creates the table's cfg from another's", () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), "lz-cli-analytics-"));
    fs.cpSync(ANALYTICS_REPO, repo, { recursive: true });
    const example = path.join(repo, "AlterCtraScoreDelta", "API", "cfg", "alter_ctra.json");
    const r = lz([
      "api",
      "add-coordinator",
      "--analytics",
      repo,
      "--api",
      "AlterCtraScoreDelta",
      "--table",
      "saldos_cartera",
      "--zone",
      "proceso_bana_vp_riesgos",
      "--example",
      example,
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /alter_ctra → saldos_cartera \(2 time\(s\)\)/);
    const created = JSON.parse(
      fs.readFileSync(path.join(repo, "AlterCtraScoreDelta", "API", "cfg", "saldos_cartera.json"), "utf8"),
    );
    assert.equal(created.origen.tabla, "saldos_cartera");
    const validate = lz([
      "api",
      "validate",
      "--analytics-path",
      repo,
      "--api-name",
      "AlterCtraScoreDelta",
      "--tables",
      "scores_clientes,alter_ctra,delta_productos,saldos_cartera",
    ]);
    assert.equal(validate.status, 0, validate.stdout);
  });

  it("validate: exit 0 on both repositories, 1 with the findings' file:line when a piece is missing", () => {
    const ok = lz([
      "api",
      "validate",
      INFRA_FOLDER,
      "--analytics-path",
      ANALYTICS_REPO,
      "--api-name",
      "AlterCtraScoreDelta",
    ]);
    assert.equal(ok.status, 0, ok.stdout);
    assert.match(
      ok.stdout,
      /Succeeded: 0 errors, 0 warnings, 0 info \(1 template\(s\), 2 params file\(s\), 3 coordinator\(s\)\)/,
    );
    const { dir } = infra();
    const file = path.join(dir, "template.yaml");
    fs.writeFileSync(
      file,
      fs.readFileSync(file, "utf8").replace("              - !Sub ${DynamoAlterCtraapi.Arn}/stream/*\n", ""),
    );
    const bad = lz(["api", "validate", dir, "--format", "json"]);
    assert.equal(bad.status, 1);
    const report = JSON.parse(bad.stdout);
    assert.deepEqual(
      report.findings.map((f: { rule: string; file: string }) => `${f.rule} ${f.file}`),
      ["API002 template.yaml"],
    );
  });

  it("run-coordinators: exit 1 naming the coordinator that failed, the report on stdout", () => {
    const deployed = fakeDeployedApi("AlterCtraScoreDelta", { alter_ctra: {}, scores_clientes: { fail: true } });
    const r = lz([
      "run-coordinators",
      "--api-name",
      "AlterCtraScoreDelta",
      "--deploy-path",
      deployed.root,
      "--temp-data-root",
      path.join(deployed.root, "data01"),
      "--report-directory",
      path.join(deployed.root, "report"),
      "--format",
      "json",
    ]);
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(
      report.coordinators.map((c: { table: string; failed: boolean }) => [c.table, c.failed]),
      [
        ["alter_ctra", false],
        ["scores_clientes", true],
      ],
    );
    assert.match(r.stderr, /^\[scores_clientes\] KeyError: 'clave_primaria'$/m);
  });

  it("lz reserve --kind coordinator --cfg-folder: one number per table of the API", () => {
    const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-cli-inv-")), "inventario.sqlite");
    const r = lz([
      "reserve",
      "--backend",
      "embedded",
      "--db",
      db,
      "--kind",
      "coordinator",
      "--cfg-folder",
      path.join(ANALYTICS_REPO, "AlterCtraScoreDelta", "API", "cfg"),
      "--periodicity",
      "Diaria",
      "--app",
      "CSD",
      "--semilla",
      "proceso_bana_vp_riesgos",
      "--data-folder",
      "/opt/gitDevops/ProductizarLaAnalitica/AlterCtraScoreDelta",
      "--descripcion",
      "Coordinadores AlterCtraScoreDelta",
      "--requested-by",
      "Daniel Varon",
      "--run-day",
      "L-V",
      "--run-time",
      "06:00",
      "--format",
      "json",
    ]);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const out = JSON.parse(r.stdout);
    const reservations = Array.isArray(out) ? out : (out.reservations ?? [out]);
    assert.deepEqual(
      reservations.map((x: { table?: string; process: string }) => x.process),
      ["SQPDI1CRDCSD", "SQPDI2CRDCSD", "SQPDI3CRDCSD"],
    );
  });
});
