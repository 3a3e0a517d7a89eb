/**
 * The coordinators of an API in the analytics repository (API020–API026), add-coordinator, the
 * params checks (API007–API011) and ValidateApiInfra's whole run on both realistic repositories.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { addCoordinator } from "../../../core/api/addCoordinator";
import { ApiFileError } from "../../../core/api/cfnYaml";
import { inventoryTables } from "../../../core/api/cfgTables";
import { checkCoordinatorFolder, CoordinatorCheckOptions } from "../../../core/api/coordinators";
import { apiValidationResult } from "../../../core/api/gate";
import { ApiInfraInputs, validateApiInfra, VariableGroupGateway } from "../../../core/api/validateApiInfra";
import type { Lang, RawFinding } from "../../../core/findings/types";
import { renderArg } from "../../../core/i18n/catalogue";
import { ANALYTICS_REPO, API_FIXTURES, INFRA_FOLDER } from "../../helpers/apiTemplates";

/** A copy of the analytics repository to plant mistakes in. */
function analyticsCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-analytics-"));
  fs.cpSync(ANALYTICS_REPO, dir, { recursive: true });
  return dir;
}
/** Findings with their arguments as a reader of `lang` sees them (nested messages rendered). */
const rendered = (lang: Lang, findings: RawFinding[]) =>
  findings.map((f) => ({ ...f, args: f.args.map((a) => renderArg(lang, a)) }));
function checkFolder(apiFolder: string, root: string, { lang, ...options }: CoordinatorCheckOptions & { lang: Lang }) {
  const result = checkCoordinatorFolder(apiFolder, root, options);
  return { ...result, findings: rendered(lang, result.findings) };
}
async function validate({ lang, ...inputs }: ApiInfraInputs & { lang: Lang }) {
  const result = await validateApiInfra(inputs);
  return { ...result, findings: rendered(lang, result.findings) };
}
const API = "AlterCtraScoreDelta";
const TABLES = ["scores_clientes", "alter_ctra", "delta_productos"];
const brief = (f: RawFinding[]) =>
  [...f]
    .sort((a, b) => (a.file < b.file ? -1 : 1) || a.line - b.line)
    .map((x) => `${x.rule} ${x.file}:${x.line}:${x.column} ${x.args.join(" | ")}`);

describe("the API's coordinators (analytics repository)", () => {
  it("the realistic folder: one cfg per table, naming its table and zone — no finding", () => {
    const result = checkFolder(path.join(ANALYTICS_REPO, API), ANALYTICS_REPO, {
      lang: "en",
      tables: TABLES,
      zone: "proceso_bana_vp_riesgos",
    });
    assert.deepEqual(brief(result.findings), []);
    assert.deepEqual(result.cfgTables, ["alter_ctra", "delta_productos", "scores_clientes"]);
  });

  it("a cfg copied from another table that still names it (value and qualified name), with its position", () => {
    const repo = analyticsCopy();
    const cfg = path.join(repo, API, "API", "cfg", "delta_productos.json");
    const text = fs.readFileSync(path.join(repo, API, "API", "cfg", "alter_ctra.json"), "utf8");
    fs.writeFileSync(cfg, text.replace('"tabla": "alter_ctra"', '"tabla": "delta_productos"'));
    const found = checkFolder(path.join(repo, API), repo, { lang: "en", tables: TABLES }).findings;
    const lines = text.split("\n");
    const row = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    assert.deepEqual(
      found.map((f) => [f.rule, f.line]),
      [
        ["API025", row('"query"')],
        ["API025", row('"tabla_dynamo"')],
      ],
    );
    assert.match(String(found[0].args[2]), /FROM proceso_bana_vp_riesgos\.alter_ctra/);
    assert.equal(found[0].file, `${API}/API/cfg/delta_productos.json`);
    assert.equal(found[0].column, lines[row('"query"') - 1].indexOf('"SELECT') + 1);
  });

  it("a cfg of another zone than the others, and one that is not JSON (with its position)", () => {
    const repo = analyticsCopy();
    const dir = path.join(repo, API, "API", "cfg");
    const scores = fs.readFileSync(path.join(dir, "scores_clientes.json"), "utf8");
    fs.writeFileSync(
      path.join(dir, "scores_clientes.json"),
      scores.replace(/proceso_bana_vp_riesgos/g, "proceso_otra_zona"),
    );
    const zones = brief(checkFolder(path.join(repo, API), repo, { lang: "es", tables: TABLES }).findings);
    assert.deepEqual(
      zones.map((f) => f.split(" | ").slice(1).join(" | ")),
      [
        "la zona (zona) | proceso_otra_zona | proceso_bana_vp_riesgos",
        "la zona (proceso_otra_zona.scores_clientes) | proceso_otra_zona | proceso_bana_vp_riesgos",
      ],
    );
    fs.writeFileSync(path.join(dir, "alter_ctra.json"), '{\n    "tabla": "alter_ctra",\n    "zona": proceso\n}\n');
    const found = brief(
      checkFolder(path.join(repo, API), repo, { lang: "es", tables: TABLES, zone: "proceso_otra_zona" }).findings,
    );
    assert.equal(
      found[0],
      `API024 ${API}/API/cfg/alter_ctra.json:3:13 ${API}/API/cfg/alter_ctra.json | línea 3, columna 13: InvalidSymbol`,
    );
    assert.equal(found.length, 3, found.join("\n"));
  });

  it("a missing cfg, one not named as its table, no test.txt, a folder not in PascalCase", () => {
    const repo = analyticsCopy();
    const dir = path.join(repo, API, "API", "cfg");
    fs.renameSync(path.join(dir, "alter_ctra.json"), path.join(dir, "Alter_Ctra.json"));
    fs.rmSync(path.join(repo, API, "TMP_FILES", "logs", "test.txt"));
    fs.renameSync(path.join(repo, API), path.join(repo, "alter_ctra_score_delta"));
    const found = checkFolder(path.join(repo, "alter_ctra_score_delta"), repo, {
      lang: "en",
      tables: TABLES,
    }).findings;
    assert.deepEqual(
      found.map((f) => `${f.rule} ${f.args.join(" | ")}`),
      [
        "API020 alter_ctra_score_delta | AlterCtraScoreDelta",
        "API026 alter_ctra_score_delta/TMP_FILES/logs/test.txt",
        "API023 alter_ctra_score_delta/API/cfg/Alter_Ctra.json |  (it differs from table alter_ctra in case only)",
        "API022 alter_ctra | API/cfg/alter_ctra.json",
      ],
    );
  });

  it("add-coordinator: a new table's cfg from another's, table, zone and API replaced, every other byte kept", () => {
    const repo = analyticsCopy();
    const example = path.join(repo, API, "API", "cfg", "scores_clientes.json");
    const result = addCoordinator({
      analyticsPath: repo,
      api: API,
      table: "saldos_cartera",
      zone: "proceso_bana_vp_riesgos",
      example,
    });
    assert.deepEqual(
      result.files.map((f) => path.relative(repo, f.path)),
      [`${API}/API/cfg/saldos_cartera.json`],
    );
    const before = fs.readFileSync(example, "utf8");
    const after = result.files[0].text;
    assert.equal(
      after,
      before.replace(/scores_clientes/g, "saldos_cartera").replace(/scores-clientes/g, "saldos-cartera"),
    );
    // Checked as the folder would be: it names its own table only.
    fs.writeFileSync(result.cfgPath, after);
    assert.deepEqual(
      brief(checkFolder(path.join(repo, API), repo, { lang: "en", tables: [...TABLES, "saldos_cartera"] }).findings),
      [],
    );
    // Another API and zone: every spelling of both replaced; the new API folder gets its test.txt.
    const other = addCoordinator({
      analyticsPath: repo,
      api: "ScoresPyme",
      table: "pymes",
      zone: "proceso_pyme",
      example,
      exampleTable: "scores_clientes",
    });
    assert.deepEqual(
      other.files.map((f) => path.relative(repo, f.path)),
      ["ScoresPyme/API/cfg/pymes.json", "ScoresPyme/TMP_FILES/logs/test.txt"],
    );
    const json = JSON.parse(other.files[0].text);
    assert.deepEqual(
      [json.proyecto, json.origen.zona, json.origen.tabla, json.rutas.tmp, json.glue_job],
      ["ScoresPyme", "proceso_pyme", "pymes", "/data01/Cloud/TMP_FILES/ScoresPyme", "glue-scores-pyme"],
    );
  });

  it("add-coordinator refuses a table that has its cfg, an example that is not JSON, or that never names its table", () => {
    const repo = analyticsCopy();
    const dir = path.join(repo, API, "API", "cfg");
    const refused = (over: Partial<Parameters<typeof addCoordinator>[0]>) => {
      try {
        addCoordinator({
          analyticsPath: repo,
          api: API,
          table: "nueva",
          zone: "proceso_x",
          example: path.join(dir, "alter_ctra.json"),
          ...over,
        });
      } catch (err) {
        return err instanceof ApiFileError ? `${err.code}:${err.line}` : String(err);
      }
      return "accepted";
    };
    assert.equal(refused({ table: "Scores_Clientes" }), "CfgExists:0");
    fs.writeFileSync(path.join(repo, "roto.json"), '{\n  "tabla": "roto",\n}\n');
    assert.equal(refused({ example: path.join(repo, "roto.json") }), "ExampleInvalid:3");
    fs.writeFileSync(path.join(repo, "otra.json"), '{ "tabla": "x" }');
    assert.equal(refused({ example: path.join(repo, "otra.json") }), "ExampleNoTable:0");
    assert.equal(refused({ zone: "proceso-x" }), "ZoneInvalid:0");
    assert.equal(fs.readdirSync(dir).length, 3, "nothing was written");
  });

  it("ReserveInventory's coordinator tables from the cfg folder", () => {
    const dir = path.join(ANALYTICS_REPO, API, "API", "cfg");
    assert.deepEqual(inventoryTables(dir, []), {
      tables: ["alter_ctra", "delta_productos", "scores_clientes"],
      problems: [],
    });
    assert.deepEqual(inventoryTables(dir, ["alter_ctra"]).tables, ["alter_ctra"]);
    assert.deepEqual(
      inventoryTables(dir, ["alter_ctra", "otra"]).problems.map((p) => [p.code, ...p.args]),
      [["CfgTablesMissing", "tables", "otra", dir]],
    );
    assert.equal(inventoryTables(path.join(dir, "nada"), []).problems[0].code, "CfgFolderUnreadable");
  });
});

describe("ValidateApiInfra on both repositories (core/api/validateApiInfra)", () => {
  const group = (names: string[] | undefined): VariableGroupGateway => ({
    variableNames: async () => (names ? new Set(names) : undefined),
  });

  it("finds the template and both params files, checks the library variables (case-insensitive), and passes", async () => {
    const found = await validate({
      root: API_FIXTURES,
      infraPath: INFRA_FOLDER,
      analyticsPath: ANALYTICS_REPO,
      apiName: API,
      lang: "en",
      variableGroup: {
        name: "productizar-variables-informacion-dy-aws",
        gateway: group([
          "DY-ALTER-CTRA-SCORE-DELTA-API-TABLES-READ-CU",
          "dy-alter-ctra-score-delta-api-tables-write-cu",
        ]),
      },
    });
    assert.deepEqual(found.templates, ["infra/AlterCtraScoreDelta/template.yaml"]);
    assert.deepEqual(found.params, [
      "infra/AlterCtraScoreDelta/params-dev.json",
      "infra/AlterCtraScoreDelta/params-pdn.json",
    ]);
    assert.deepEqual(found.cfgTables, ["alter_ctra", "delta_productos", "scores_clientes"]);
    assert.deepEqual(brief(found.findings), []);
    assert.equal(found.variableGroupFound, true);
  });

  it("API007–API011: a missing entry, a literal capacity, a misspelled key, a variable not in the group, a params file that is not JSON", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-infra-"));
    fs.cpSync(INFRA_FOLDER, dir, { recursive: true });
    const dev = path.join(dir, "params-dev.json");
    let text = fs.readFileSync(dev, "utf8");
    text = text.replace(
      '  { "ParameterKey": "DyAlterCtraApiWriteCapacityUnits", "ParameterValue": "#{dy-alter-ctra-score-delta-api-tables-write-cu}#" },\n',
      "",
    );
    text = text.replace(
      '"ParameterKey": "DyDeltaProductosApiReadCapacityUnits", "ParameterValue": "#{dy-alter-ctra-score-delta-api-tables-read-cu}#"',
      '"ParameterKey": "DyDeltaProductosApiReadCapacityUnits", "ParameterValue": "1,50"',
    );
    text = text.replace('"ParameterKey": "dynamoalterctraapi"', '"ParameterKey": "dynamoAlterCtraapi"');
    fs.writeFileSync(dev, text);
    fs.writeFileSync(path.join(dir, "params-qa.json"), '{ "Parameters": { "Environment": "qa", }\n}');
    const found = await validate({
      root: dir,
      infraPath: dir,
      apiName: API,
      lang: "en",
      variableGroup: { name: "g", gateway: group(["dy-alter-ctra-score-delta-api-tables-read-cu"]) },
    });
    const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;
    assert.deepEqual(
      [...brief(found.findings)].sort(),
      [
        `API007 params-dev.json:1:1 dynamoalterctraapi | params-dev.json`,
        `API007 params-dev.json:1:1 DyAlterCtraApiWriteCapacityUnits | params-dev.json`,
        `API009 params-dev.json:${lineOf("DyScoresClientesApiWriteCapacityUnits")}:1 dy-alter-ctra-score-delta-api-tables-write-cu | DyScoresClientesApiWriteCapacityUnits | g`,
        `API011 params-dev.json:${lineOf('"dynamoAlterCtraapi"')}:1 dynamoAlterCtraapi | params-dev.json |  (did you mean dynamoalterctraapi?)`,
        `API008 params-dev.json:${lineOf('"1,50"')}:1 DyDeltaProductosApiReadCapacityUnits | "1,50" | params-dev.json | #{dy-alter-ctra-score-delta-api-tables-read-cu}#`,
        `API010 params-qa.json:1:1 not valid JSON (PropertyNameExpected)`,
      ].sort(),
    );
  });

  it("API001: a template that cannot be read is a finding with its line, and the rest is still checked", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-infra-"));
    fs.cpSync(INFRA_FOLDER, dir, { recursive: true });
    const file = path.join(dir, "template.yaml");
    const text = fs
      .readFileSync(file, "utf8")
      .replace("TableName: !Ref dynamoalterctraapi", "TableName: !Reff dynamoalterctraapi");
    fs.writeFileSync(file, text);
    const found = await validate({ root: dir, infraPath: dir, lang: "en" });
    assert.deepEqual(found.templates, ["template.yaml"]);
    assert.deepEqual(brief(found.findings), [
      `API001 template.yaml:${text.slice(0, text.indexOf("!Reff")).split("\n").length}:1 Unresolved tag: !Reff`,
    ]);
    assert.deepEqual(found.params, ["params-dev.json", "params-pdn.json"]);
  });

  it("a read of the variable group that fails checks nothing and says why; a group that does not exist is said", async () => {
    const failing: VariableGroupGateway = { variableNames: async () => Promise.reject(new Error("401 Unauthorized")) };
    const found = await validate({
      root: API_FIXTURES,
      infraPath: INFRA_FOLDER,
      lang: "en",
      variableGroup: { name: "g", gateway: failing },
    });
    assert.deepEqual(brief(found.findings), []);
    assert.equal(found.variableGroupError, "401 Unauthorized");
    const missing = await validate({
      root: API_FIXTURES,
      infraPath: INFRA_FOLDER,
      lang: "en",
      variableGroup: { name: "g", gateway: group(undefined) },
    });
    assert.equal(missing.variableGroupFound, false);
    assert.deepEqual([...new Set(missing.findings.map((f) => f.rule))], ["API009"]);
  });

  it("the gate: a template line's `# lz: ignore[API004] <why>` and the LZ team's severities apply", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-infra-"));
    fs.cpSync(INFRA_FOLDER, dir, { recursive: true });
    const file = path.join(dir, "template.yaml");
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(
      file,
      text.replace(
        "              - !GetAtt DynamoDeltaProductosapi.Arn\n              - !Sub ${DynamoDeltaProductosapi.Arn}/index/*\n\nOutputs",
        "              - !GetAtt DynamoDeltaProductosapi.Arn\n              - !Sub ${DynamoDeltaProductosapi.Arn}/index/*\n              - !GetAtt DynamoHistoricaapi.Arn # lz: ignore[API004] tabla de otro stack, se borra en la HU 3600001\n\nOutputs",
      ),
    );
    const found = await validate({ root: dir, infraPath: dir, lang: "es" });
    assert.deepEqual(
      found.findings.map((f) => f.rule),
      ["API004"],
    );
    const result = apiValidationResult(
      found.findings,
      found.texts,
      { lang: "es", failOn: "error" },
      { files: 3, started: Date.now() },
    );
    assert.equal(result.result, "Succeeded");
    assert.equal(result.findings[0].severity, "info");
    assert.equal(result.routineSettings[0].reason, "tabla de otro stack, se borra en la HU 3600001");
    const strict = apiValidationResult(
      [{ rule: "API008", file: "p.json", line: 2, column: 1, args: ["X", "1", "p.json", "#{x}#"] }],
      new Map(),
      { lang: "en", failOn: "error", ruleSeverities: "API008=error" },
      { files: 1, started: Date.now() },
    );
    assert.equal(strict.result, "Failed");
  });
});
