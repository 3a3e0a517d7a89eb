/**
 * The rule registry (core/validator/registry.ts): its codes are the declared RuleCode list, every rule
 * has a page, and every rule fires on a fixture of its own. The table below is typed by RuleCode: a
 * new rule without a fixture here does not compile.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkLogs, DEFAULT_LOG_REQUIREMENTS } from "../../../core/logs/checkLogs";
import { readLogFolder } from "../../../core/logs/readLogs";
import { verifyEnvironment } from "../../../core/env/verifyEnv";
import { RULE_CODES, type RuleCode } from "../../../core/findings/ruleCodes";
import type { RawFinding } from "../../../core/findings/types";
import { runRoutine } from "../../../core/run/runRoutine";
import { ANALYZERS } from "../../../core/validator/analyzers";
import { validateRoutine } from "../../../core/validator/engine";
import { analyzeHere } from "../../../core/validator/fileAnalysis";
import { analyzeInWorkers } from "../../../core/validator/pool";
import { ALL_RULES } from "../../../core/validator/registry";
import { makeEnvironment } from "../../helpers/envLayout";
import { folderChain, zipBomb } from "../../helpers/hostile";
import { goodRunStarts, logName, runLog, writeLogFolder } from "../../helpers/logs";
import { makeRoutine } from "../../helpers/routine";
import { repoRoot } from "../../helpers/taskRun";
import { type ApiInfraInputs, validateApiInfra } from "../../../core/api/validateApiInfra";
import { ANALYTICS_REPO, INFRA_FOLDER } from "../../helpers/apiTemplates";

type Fires = () => Promise<Array<{ rule: RuleCode }>>;

const CONFIG = '{"dsn": "impala-virtual-prd", "zona": "proceso_x"}';
/** The codes ValidateRoutine's engine reports on a routine made of `files`. */
const routine =
  (files: Record<string, string | Buffer>, inputs: Parameters<typeof validateRoutine>[1] = {}): Fires =>
  async () =>
    (
      await validateRoutine(makeRoutine({ "static/config/config.json": CONFIG, ...files }), inputs, {
        analyzeFiles: analyzeHere(ANALYZERS),
      })
    ).findings;
/** An installed environment checked by VerifyRoutineEnv. */
const environment =
  (opts: Parameters<typeof makeEnvironment>[0], extra: Partial<Parameters<typeof verifyEnvironment>[0]> = {}): Fires =>
  async () => {
    const env = makeEnvironment(opts);
    return verifyEnvironment({
      baseDirectory: env.base,
      zona: "proceso_x",
      repositoryName: "alm-bana-fco2",
      maxAgeHours: 24,
      ...extra,
    }).findings;
  };
/** A folder of run logs: the ten good runs changed by `change`. */
const logs =
  (change: (files: Record<string, string | Buffer>) => void, requirements?: Parameters<typeof checkLogs>[1]): Fires =>
  async () => {
    const files: Record<string, string | Buffer> = Object.fromEntries(
      goodRunStarts().map((d) => [logName(d), runLog(d)]),
    );
    change(files);
    const findings: RawFinding[] = [];
    const read = await readLogFolder(writeLogFolder(files), undefined, findings);
    return [...findings, ...checkLogs(read, requirements)];
  };
/** The routine run by RunRoutine: `script` is Python. */
const run =
  (script: string, options: { timeoutMs?: number; expected?: string[] } = {}): Fires =>
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-fires-"));
    fs.writeFileSync(path.join(dir, "rutina.py"), script);
    const outcome = await runRoutine({
      command: "python3 rutina.py",
      cwd: dir,
      timeoutMs: options.timeoutMs ?? 20_000,
      killGraceMs: 200,
      expectedErrorPatterns: options.expected ?? ["does not have privileges"],
      outputFile: path.join(dir, "salida.log"),
    });
    return outcome.findings;
  };

/** A file's text with `from` replaced (it must be there: a fixture that changed fails here, not silently). */
function replaceIn(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file} has no '${from}'`);
  fs.writeFileSync(file, text.replace(from, to));
}

/**
 * The API's two repositories (test/fixtures/api: the infrastructure folder with its template and params
 * files, the analytics repository with the coordinators) changed by `change`, checked by ValidateApiInfra.
 */
const api =
  (change: (infra: string, apiFolder: string) => Partial<ApiInfraInputs> | void): Fires =>
  async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "lz-fires-api-"));
    const infra = path.join(root, "infra");
    const analytics = path.join(root, "analytics");
    fs.cpSync(INFRA_FOLDER, infra, { recursive: true });
    fs.cpSync(ANALYTICS_REPO, analytics, { recursive: true });
    const inputs = change(infra, path.join(analytics, "AlterCtraScoreDelta")) ?? {};
    const base = { root, infraPath: infra, analyticsPath: analytics, apiName: "AlterCtraScoreDelta" };
    return (await validateApiInfra({ ...base, ...inputs })).findings;
  };
const template = (infra: string) => path.join(infra, "template.yaml");
const paramsDev = (infra: string) => path.join(infra, "params-dev.json");
const cfg = (apiFolder: string, table = "alter_ctra") => path.join(apiFolder, "API", "cfg", `${table}.json`);

const FIRES: Record<RuleCode, Fires> = {
  API001: api((infra) =>
    replaceIn(template(infra), "TargetKeyId: !Ref s3KeyEncript", "TargetKeyId: !Nada s3KeyEncript"),
  ),
  API002: api((infra) => replaceIn(template(infra), "              - !Sub ${DynamoAlterCtraapi.Arn}/stream/*\n", "")),
  API003: api((infra) =>
    replaceIn(
      template(infra),
      "  DynamoAlterCtraapiReadScalableTarget:\n",
      "  DynamoalterctraapiReadScalableTarget:\n",
    ),
  ),
  API004: api((infra) =>
    replaceIn(template(infra), "DynamoDeltaProductosapi]", "DynamoDeltaProductosapi, DynamoSaldosCarteraapi]"),
  ),
  API005: api((infra) =>
    replaceIn(
      template(infra),
      "ScalingTargetId: !Ref DynamoAlterCtraapiReadScalableTarget",
      "ScalingTargetId: !Ref DynamoScoresClientesapiReadScalableTarget",
    ),
  ),
  API006: api((infra) => replaceIn(template(infra), 'AttributeType: "S"', 'AttributeType: "B"')),
  API007: api((infra) =>
    replaceIn(
      paramsDev(infra),
      '  { "ParameterKey": "DyAlterCtraApiReadCapacityUnits", "ParameterValue": "#{dy-alter-ctra-score-delta-api-tables-read-cu}#" },\n',
      "",
    ),
  ),
  API008: api((infra) =>
    replaceIn(
      paramsDev(infra),
      '"DyAlterCtraApiReadCapacityUnits", "ParameterValue": "#{dy-alter-ctra-score-delta-api-tables-read-cu}#"',
      '"DyAlterCtraApiReadCapacityUnits", "ParameterValue": "1,50"',
    ),
  ),
  API009: api(() => ({
    variableGroup: {
      name: "productizar-variables-informacion-dy-aws",
      gateway: { variableNames: async () => new Set(["dy-otra-api-tables-read-cu"]) },
    },
  })),
  API010: api((infra) => fs.writeFileSync(paramsDev(infra), '[ { "ParameterKey": ')),
  API011: api((infra) =>
    replaceIn(
      paramsDev(infra),
      "[\n",
      '[\n  { "ParameterKey": "DyAlterCtraApiReadCapacity", "ParameterValue": "1" },\n',
    ),
  ),
  API012: api((infra) => replaceIn(template(infra), "  GlueRolePolicy:\n", "  GlueRolePolicyCoordinadores:\n")),
  API020: api((_infra, apiFolder) => {
    const renamed = path.join(path.dirname(apiFolder), "alter_ctra_score_delta");
    fs.renameSync(apiFolder, renamed);
    return { analyticsPath: renamed };
  }),
  API021: api((_infra, apiFolder) => fs.rmSync(path.join(apiFolder, "API", "cfg"), { recursive: true })),
  API022: api((_infra, apiFolder) => fs.rmSync(cfg(apiFolder))),
  // With the table list given (the template's names lose their "_", so they compare by key and match).
  API023: api((_infra, apiFolder) => {
    fs.renameSync(cfg(apiFolder), cfg(apiFolder, "Alter_Ctra"));
    return { tables: ["scores_clientes", "alter_ctra", "delta_productos"] };
  }),
  API024: api((_infra, apiFolder) => fs.writeFileSync(cfg(apiFolder), "{ roto")),
  API025: api((_infra, apiFolder) => replaceIn(cfg(apiFolder), '"tabla": "alter_ctra"', '"tabla": "delta_productos"')),
  API026: api((_infra, apiFolder) => fs.rmSync(path.join(apiFolder, "TMP_FILES", "logs", "test.txt"))),
  PY001: routine({ "m.py": "def cargar(tabla)\n    return tabla\n" }),
  PY002: routine({ "m.py": 'print "total"\n' }),
  PY003: routine({ "m.py": 'x = f"{y}"\n' }),
  PY004: routine({ "m.py": "import secrets\n" }),
  SQL001: routine({ "q.sql": "SELEC cliente, FROM proceso_x.pagos;\n" }, { zona: "proceso_x" }),
  SQL002: routine({ "q.sql": "INSERT INTO otra_zona.pagos SELECT a FROM proceso_x.b;\n" }, { zona: "proceso_x" }),
  SQL003: routine({ "q.sql": "INSERT INTO proceso_x.pagos SELECT * FROM proceso_x.b;\n" }, { zona: "proceso_x" }),
  SQL004: routine({ "q.sql": "INSERT INTO proceso_x.pagos SELECT a FROM pagos_crudos;\n" }, { zona: "proceso_x" }),
  SQL005: routine({ "q.sql": "CREATE TABLE proceso_x.tmp (a INT);\n" }, { zona: "proceso_x" }),
  SQL006: routine(
    { "q.sql": "INSERT INTO proceso_x.t SELECT a FROM proceso_x.b WHERE f = '2022-07-26';\n" },
    { zona: "proceso_x" },
  ),
  SQL007: routine({ "q.sql": "INSERT INTO ${var:zona}.t SELECT a FROM proceso_x.b;\n" }, { zona: "proceso_x" }),
  PTH001: routine({ "m.py": 'salida = "/home/jperez/reportes/salida.csv"\n' }),
  SEC001: routine({ "m.py": 'password = "S3creta!Larga2024"\n' }),
  CFG001: routine({ "static/config/config.json": "{ roto" }),
  CFG002: routine({ "static/config/config.json": '{"dsn": "impala-virtual-dev", "zona": "proceso_x"}' }),
  CFG003: routine({}, { zona: "otra_zona" }),
  CFG004: routine({ "static/config/config.json": '{"zona": "proceso_x"}' }),
  CFG005: routine({ "static/config/config.json": '{"dsn": "impala-virtual-prd"}' }, { zona: "proceso_x" }),
  VER001: routine({ "version.txt": "20220101.1\n" }, { artifactVersion: "20220111.1" }),
  VER002: routine({}, { artifactVersion: "20220111.1" }),
  MAN001: routine({
    "setup.py": "from setuptools import setup\nsetup(name='x', packages=['x'])\n",
    "x/__init__.py": "",
  }),
  LOG001: logs((files) => delete files[Object.keys(files)[0]]),
  LOG002: logs(() => undefined, { ...DEFAULT_LOG_REQUIREMENTS, minDays: 30 }),
  LOG003: logs((files) => {
    const d = goodRunStarts()[0];
    files[logName(new Date(d.getTime() + 60_000), "otra")] = runLog(new Date(d.getTime() + 60_000));
  }),
  LOG004: logs((files) => {
    const d = goodRunStarts()[0];
    files[logName(d)] = runLog(d, [], false);
  }),
  LOG005: logs((files) => {
    const d = goodRunStarts()[0];
    files[logName(d)] = runLog(d, ["2022-07-20 06:00:05 ERROR fallo de carga"]);
  }),
  LOG006: logs((files) => (files["sin_fecha.log"] = "nada que indique la hora\n")),
  LOG007: logs((files) => (files["bomba.zip"] = zipBomb())),
  LOG008: logs((files) => (files["roto.zip"] = Buffer.from("PK\u0003\u0004 no es un zip"))),
  LOG009: logs((files) => {
    const d = goodRunStarts()[0];
    files[logName(d)] = runLog(d, [
      "2022-07-20 06:00:05 ERROR Impala: Conexión reinicializada por la máquina remota",
      "2022-07-20 06:00:06 ERROR carga: timeout de Impala",
      "2022-07-20 06:00:09 INFO carga: reintento 2/3 exitoso",
    ]);
  }),
  ENV001: environment({}, { zona: "otra_zona" }),
  ENV002: async () => {
    const env = makeEnvironment();
    fs.rmSync(path.join(env.environment, "venv"), { recursive: true });
    return verifyEnvironment({
      baseDirectory: env.base,
      zona: "proceso_x",
      repositoryName: "alm-bana-fco2",
      maxAgeHours: 24,
    }).findings;
  },
  ENV003: environment({}, { now: new Date(Date.now() + 48 * 3_600_000) }),
  ENV004: environment({ sitePackage: "otro_paquete" }, { packageName: "alm_bana_fco2" }),
  ENV005: environment({}, { sourcePath: sourceWith({ "__init__.py": "x = 1\n" }) }),
  ENV006: environment({}, { sourcePath: sourceWith({ "nuevo.py": "" }) }),
  ENV007: environment(
    { files: { "__init__.py": "", "static/config/config.json": "{}", "sobra.py": "" } },
    { sourcePath: sourceWith({}) },
  ),
  RUN001: run("import sys\nraise ValueError('fecha invalida')\n"),
  RUN002: run("import sys\nprint('ERROR: user x does not have privileges on proceso_x.t')\nsys.exit(1)\n"),
  RUN003: run("import sys\nsys.exit(3)\n"),
  RUN004: run("import time\ntime.sleep(30)\n", { timeoutMs: 500 }),
  FS001: async () => {
    const root = makeRoutine({ "static/config/config.json": CONFIG });
    fs.symlinkSync("/etc/hostname", path.join(root, "enlace.py"));
    return routineAt(root)();
  },
  FS002: routine({ "datos.json": Buffer.from([0, 1, 2, 0, 255, 0]) }),
  FS003: routine({ "grande.sql": "-- x\n".repeat(600_000) }),
  FS004: routine({ "latin.py": Buffer.from("x = 'a\xf1o'\n", "latin1") }),
  FS005: async () => {
    const root = makeRoutine({ "static/config/config.json": CONFIG });
    folderChain(root, 70, "d");
    return routineAt(root)();
  },
  FS006: async () => {
    const root = makeRoutine({
      "static/config/config.json": CONFIG,
      "grande.py": Array.from({ length: 120_000 }, (_, i) => `v_${i} = f(${i})\n`).join(""),
    });
    const worker = path.join(repoRoot, "build", "cli", "validatorWorker.js");
    return (
      await validateRoutine(
        root,
        { maxFileSizeKb: 20_000 },
        { analyzeFiles: (files, ctx) => analyzeInWorkers(worker, files, ctx, 1, undefined, 50) },
      )
    ).findings;
  },
  LZV001: routine({ ".lzvalidator.json": '{"colour": 1}' }),
  LZV002: routine({ ".lzvalidator.json": '{"rules": {"SEC001": "off"}}' }),
  LZV003: routine({ "m.py": 'a = "/home/ana/x"  # lz: ignore[PTH001]\n' }),
  LZV005: routine({ ".lzvalidator.json": '{"allowedNamesAndPaths": ["/home/ana/.*"]}' }),
  LZV004: async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-fires-"));
    const config = path.join(dir, "lz.json");
    // RE2 refuses the lookbehind: JavaScript under the budget, which this backtracking exceeds.
    fs.writeFileSync(config, JSON.stringify({ logs: { errorPattern: "^(\\w+\\s?)*$(?<=x)" } }));
    const files = Object.fromEntries(goodRunStarts().map((d) => [logName(d), runLog(d, ["a".repeat(40) + "!"])]));
    return routine({}, { configFile: config, logsPath: writeLogFolder(files) })();
  },
};

function routineAt(root: string): Fires {
  return async () => (await validateRoutine(root, {}, { analyzeFiles: analyzeHere(ANALYZERS) })).findings;
}

/** A pull request checkout whose package holds the default installed files, changed by `files`. */
function sourceWith(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "lz-fires-src-"));
  const pkg = path.join(root, "src", "alm_bana_fco2");
  const all = { "__init__.py": "", "static/config/config.json": '{"dsn": "impala-virtual-prd"}', ...files };
  for (const [rel, content] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(pkg, rel)), { recursive: true });
    fs.writeFileSync(path.join(pkg, rel), content);
  }
  return root;
}

describe("the rule registry", function () {
  this.timeout(60_000);

  it("holds exactly the declared rule codes, each once, each with its page", () => {
    assert.deepEqual(ALL_RULES.map((r) => r.code).sort(), [...RULE_CODES].sort());
    for (const rule of ALL_RULES)
      assert.ok(fs.existsSync(path.join(repoRoot, "docs", "rules", `${rule.code}.md`)), rule.code);
  });

  for (const code of RULE_CODES)
    it(`${code} fires on its fixture`, async () => {
      const found = (await FIRES[code]()).map((f) => f.rule);
      assert.ok(found.includes(code), `${code} did not fire; found ${found.join(", ") || "nothing"}`);
    });
});
