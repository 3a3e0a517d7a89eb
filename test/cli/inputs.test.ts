/**
 * The CLI and the task read their inputs through the same core parser (core/…/inputs.ts): the flags
 * `lz` parses and the environment the agent gives a task (INPUT_*, task.json's defaults filled in)
 * must give the same request. Each task runs in its own process because azure-pipelines-task-lib
 * reads the INPUT_* variables once, when it is loaded.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../helpers/taskRun";
import { flagInputs, kebabCase, parseTaskCommand, type TaskDefinition } from "../../cli/taskInputs";

interface Case {
  task: string;
  /** core module (under core/) and its exported parser */
  module: string;
  parser: string;
  /** What the user sets; inputs whose default is a pipeline macro get a value here (the agent expands them). */
  values: Record<string, string>;
}

const CASES: Case[] = [
  {
    task: "ValidateRoutineV1",
    module: "validator/inputs",
    parser: "validateRequestFromInputs",
    values: {
      routinePath: "/tmp/rutina",
      zona: "proceso_bana_vp_riesgos",
      artifactVersion: "20220111.1",
      reportDirectory: "/tmp/reports",
      ruleSeverities: "PY001=warning\nLOG005=off",
      protectedRules: "SEC001",
      maxZipMb: "300",
      failOn: "warning",
      rulesDocsUrl: "https://docs.example/lz",
    },
  },
  {
    task: "RunRoutineV1",
    module: "run/inputs",
    parser: "runRequestFromInputs",
    values: {
      command: "python3 run.py --resultDir proceso_x",
      timeoutMinutes: "5",
      maxLineKB: "64",
      expectedErrorPatterns: "Permission denied\nTable does not exist",
      reportDirectory: "/tmp/reports",
    },
  },
  {
    task: "VerifyRoutineEnvV1",
    module: "env/inputs",
    parser: "verifyRequestFromInputs",
    values: {
      zona: "proceso_x",
      repositoryName: "alm-bana-fco2",
      packageName: "alm_bana_fco2",
      artifactVersion: "20220111.1",
      maxAgeHours: "12",
      reportDirectory: "/tmp/reports",
    },
  },
  {
    task: "SwitchRoutineDsnV1",
    module: "env/inputs",
    parser: "switchRequestFromInputs",
    values: { mode: "restore", sitePackagePath: "/avirtual/x/site", allowReadOnly: "true" },
  },
  {
    task: "ReserveInventoryV1",
    module: "inventory/request",
    parser: "requestFromInputs",
    values: {
      periodicity: "Mensual",
      app: "COMI",
      semilla: "alm-bana-fco2",
      kind: "coordinator",
      tables: "resultados.a\nresultados.b",
      dryRun: "true",
    },
  },
  {
    task: "CreateOCVarsV1",
    module: "oc/inputs",
    parser: "ocInputFromInputs",
    values: { artifactVersion: "20220111.1", dependencyMapping: "EVC00037 = Entorno Otros EVC", pmoVariable: "pmo" },
  },
  {
    task: "ValidateApiInfraV1",
    module: "api/inputs",
    parser: "validateApiInfraRequestFromInputs",
    values: {
      infraPath: path.join(repoRoot, "test/fixtures/api/infra/AlterCtraScoreDelta"),
      analyticsPath: path.join(repoRoot, "test/fixtures/api/analytics"),
      apiName: "AlterCtraScoreDelta",
      tables: "scores_clientes\nalter_ctra",
      zona: "proceso_bana_vp_riesgos",
      tokenSyntax: "#{name}#",
      ruleSeverities: "API008=warning",
      failOn: "warning",
      reportDirectory: "/tmp/reports",
    },
  },
  {
    task: "RunCoordinatorsV1",
    module: "api/inputs",
    parser: "runCoordinatorsRequestFromInputs",
    values: {
      apiName: "alter-ctra-score-delta",
      deployPath: "/opt/gitDevops/Otro",
      tables: "alter_ctra\nscores_clientes",
      concurrency: "3",
      timeoutMinutes: "30",
      successPattern: "Proceso terminado",
      workItemId: "3575833",
      reportDirectory: "/tmp/reports",
    },
  },
];

/** JSON has no Map: write one as an object so its entries are compared too. */
const mapsAsObjects = (_key: string, value: unknown) =>
  value instanceof Map ? { map: Object.fromEntries(value) } : value;
const MAPS_AS_OBJECTS = "(k, v) => v instanceof Map ? { map: Object.fromEntries(v) } : v";

function taskDefinition(task: string): TaskDefinition {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, "tasks", task, "task.json"), "utf8")) as TaskDefinition;
}

/** The request as the task builds it: the agent's environment, then the task's own input getter. */
function requestInTask(c: Case): unknown {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "" };
  for (const input of taskDefinition(c.task).inputs ?? []) {
    const value = c.values[input.name] ?? (input.defaultValue === undefined ? "" : String(input.defaultValue));
    assert.ok(!value.includes("$("), `${c.task}: give ${input.name} a value (its default is a pipeline macro)`);
    env[`INPUT_${input.name.toUpperCase()}`] = value;
  }
  const script = `
    const { taskInputs } = require(${JSON.stringify(path.join(repoRoot, "build/ts/tasks/common/taskKit.js"))});
    const parser = require(${JSON.stringify(path.join(repoRoot, "build/ts/core", c.module + ".js"))})[${JSON.stringify(c.parser)}];
    const get = taskInputs(${JSON.stringify(path.join(repoRoot, "tasks", c.task))});
    process.stdout.write("\\nLZ_REQUEST " + JSON.stringify(parser(get, () => undefined), ${MAPS_AS_OBJECTS}) + "\\n");`;
  const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", env });
  assert.equal(r.status, 0, r.stderr);
  // task-lib writes its own ##vso lines (debug, secrets) on stdout too.
  const line = r.stdout.split("\n").find((l) => l.startsWith("LZ_REQUEST "));
  assert.ok(line, r.stdout);
  return JSON.parse(line.slice("LZ_REQUEST ".length));
}

/** The request as `lz` builds it from the same values given as flags. */
async function requestInCli(c: Case): Promise<unknown> {
  const argv = Object.entries(c.values).flatMap(([name, value]) => [`--${kebabCase(name)}`, value]);
  const parsed = parseTaskCommand(taskDefinition(c.task), argv);
  const core = (await import(path.join(repoRoot, "build/ts/core", c.module + ".js"))) as Record<
    string,
    (get: (n: string) => string | undefined, v: () => undefined) => unknown
  >;
  return JSON.parse(
    JSON.stringify(
      core[c.parser](flagInputs(parsed.inputs), () => undefined),
      mapsAsObjects,
    ),
  );
}

describe("task inputs and lz flags", () => {
  for (const c of CASES) {
    it(`${c.task}: the flags and the agent's inputs give the same request`, async () => {
      const inTask = requestInTask(c);
      const inCli = await requestInCli(c);
      assert.deepEqual(inCli, inTask);
      // Not vacuous: the values given change the request (the parsers read them).
      assert.notDeepEqual(await requestInCli({ ...c, values: {} }), inCli);
    });
  }
});
