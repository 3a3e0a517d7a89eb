/**
 * The coordinators' runner (core/api/runCoordinators): RunRoutine's runner for each cfg, a bounded
 * number at once (the Glue job's MaxConcurrentRuns), the logs they wrote checked, a timeout that stops
 * a coordinator and its children. Needs python3, like the RunRoutine tests.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parseCfnYaml } from "../../../core/api/cfnYaml";
import { CoordinatorSetupError, glueMaxConcurrentRuns, runCoordinators } from "../../../core/api/runCoordinators";
import { readTemplate } from "../../../core/api/template";
import { DEFAULT_EXPECTED_ERRORS } from "../../../core/run/runRoutine";
import { readFixture } from "../../helpers/apiTemplates";
import { fakeDeployedApi, maxOverlap } from "../../helpers/fakeCoordinator";

const API = "AlterCtraScoreDelta";

/** Whether `pid` is still running (a zombie waiting for a reaper is not). */
function running(pid: number): boolean {
  try {
    const state = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

function options(api: ReturnType<typeof fakeDeployedApi>, over: Partial<Parameters<typeof runCoordinators>[0]> = {}) {
  return {
    cfgFolder: api.cfgFolder,
    home: api.home,
    python: "python3",
    script: "coordinatorV2.py",
    tempDataFolder: path.join(api.root, "TMP", API),
    concurrency: 1,
    timeoutMs: 30_000,
    expectedErrorPatterns: DEFAULT_EXPECTED_ERRORS,
    logsFolder: api.logsFolder,
    outputDir: path.join(api.root, "report"),
    killGraceMs: 500,
    ...over,
  };
}

describe("the coordinators' runner (core/api/runCoordinators)", function () {
  this.timeout(60000);

  it("the LZ team's tolerated and retry patterns for the coordinators' logs: LOG009 instead of LOG005", async () => {
    const api = fakeDeployedApi(API, {
      alter_ctra: {
        log: ["ERROR: cuota de HDFS temporal", "ERROR: escritura rechazada", "INFO: escrito al segundo intento"],
      },
    });
    const plain = await runCoordinators(options(api));
    assert.deepEqual(
      plain.findings.filter((f) => f.rule.startsWith("LOG")).map((f) => `${f.rule}:${f.line}`),
      ["LOG005:2", "LOG005:3"],
    );
    const api2 = fakeDeployedApi(API, {
      alter_ctra: {
        log: ["ERROR: cuota de HDFS temporal", "ERROR: escritura rechazada", "INFO: escrito al segundo intento"],
      },
    });
    const tolerant = await runCoordinators(
      options(api2, { logToleratedPatterns: ["cuota de HDFS"], logRetryPatterns: ["al segundo intento"] }),
    );
    const logs = tolerant.findings.filter((f) => f.rule.startsWith("LOG"));
    assert.deepEqual(
      logs.map((f) => `${f.rule}:${f.line}`),
      ["LOG009:2"],
    );
    assert.deepEqual(logs[0].args, [1, 1, "2, 3"]);
  });

  it("runs each cfg from the coordinator home, creates the temp folder, reports each failure at its output log", async () => {
    const api = fakeDeployedApi(API, {
      alter_ctra: {},
      delta_productos: { fail: true },
      scores_clientes: { log: ["ERROR: AnalysisException: Table does not exist: proceso_x.scores_clientes_tmp"] },
    });
    const lines: string[] = [];
    const outcome = await runCoordinators(options(api, { onLine: (table, line) => lines.push(`${table}: ${line}`) }));
    assert.ok(fs.existsSync(path.join(api.root, "TMP", API)));
    assert.deepEqual(
      outcome.coordinators.map((c) => [c.table, c.exitCode, c.failed]),
      [
        ["alter_ctra", 0, false],
        ["delta_productos", 1, true],
        ["scores_clientes", 0, false],
      ],
    );
    assert.ok(lines.includes("alter_ctra: Iniciando coordinador de alter_ctra"));
    // The coordinator's output cannot issue agent commands (RunRoutine's neutralization).
    assert.ok(
      lines.some((l) => l.startsWith("alter_ctra: #\u200b#vso[task.setvariable")),
      lines.join("\n"),
    );
    const byRule = outcome.findings.map((f) => `${f.rule} ${f.file}:${f.line}`);
    assert.ok(byRule.includes("RUN001 coordinatorV2.py:42"), byRule.join("\n"));
    assert.ok(byRule.includes("RUN003 delta_productos-output.log:1"), byRule.join("\n"));
    // The error in the scores_clientes log is a finding at the log's line (LOG005); the expected-in-dev list is the output's only.
    const log = outcome.findings.find((f) => f.rule === "LOG005")!;
    assert.match(log.file, /^logs\/\d{8}_\d{6}_scores_clientes\.log$/);
    assert.equal(log.line, 2);
    assert.equal(outcome.logFiles, 3);
    assert.equal(
      fs.readFileSync(path.join(api.root, "report", "delta_productos-output.log"), "utf8").includes("KeyError"),
      true,
    );
  });

  it("never runs more at once than asked, nor than the Glue job's MaxConcurrentRuns", async () => {
    const model = readTemplate(parseCfnYaml(readFixture("template.yaml"), "t"), "t");
    assert.equal(glueMaxConcurrentRuns(model, API), 2);
    const tables = Object.fromEntries(["a", "b", "c", "d"].map((t) => [`tabla_${t}`, { sleep: 0.4 }]));
    const api = fakeDeployedApi(API, tables);
    const outcome = await runCoordinators(options(api, { concurrency: 4, maxConcurrentRuns: 2 }));
    assert.equal(outcome.concurrency, 2);
    assert.equal(maxOverlap(api.marks()), 2);
    const one = fakeDeployedApi(API, tables);
    await runCoordinators(options(one));
    assert.equal(maxOverlap(one.marks()), 1);
  });

  it("stops a coordinator that outlives its timeout, with the process it started", async () => {
    const api = fakeDeployedApi(API, { lento: { sleep: 30, child: true } });
    const started = Date.now();
    const outcome = await runCoordinators(options(api, { timeoutMs: 1000 }));
    assert.ok(Date.now() - started < 10_000);
    assert.equal(outcome.coordinators[0].timedOut, true);
    assert.ok(outcome.findings.some((f) => f.rule === "RUN004" && f.file === "lento-output.log"));
    const child = api.marks().find(([what]) => what === "child")!;
    assert.ok(child, "the coordinator started its child");
    assert.equal(running(child[2]), false, `child ${child[2]} still running`);
  });

  it("stops before running anything when the deployed cfg folder, a listed cfg or the script is missing", async () => {
    const api = fakeDeployedApi(API, { alter_ctra: {} });
    const code = async (over: Partial<Parameters<typeof runCoordinators>[0]>) =>
      runCoordinators(options(api, over)).then(
        () => "ran",
        (err: unknown) => (err instanceof CoordinatorSetupError ? err.code : String(err)),
      );
    assert.equal(await code({ cfgFolder: path.join(api.root, "Otra", "API", "cfg") }), "CfgFolderMissing");
    assert.equal(await code({ tables: ["alter_ctra", "scores_clientes"] }), "CfgMissing");
    assert.equal(await code({ script: "coordinatorV3.py" }), "ScriptMissing");
    assert.deepEqual(api.marks(), []);
  });
});
