import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { FakeAdo, startFakeAdo } from "../helpers/fakeAdoProcess";
import { fakeDeployedApi } from "../helpers/fakeCoordinator";
import { INFRA_FOLDER } from "../helpers/apiTemplates";
import { describeOnTaskNodes, runTask, uploadedSummary } from "../helpers/taskRun";

const API = "AlterCtraScoreDelta";

function run(
  deployed: ReturnType<typeof fakeDeployedApi>,
  inputs: Record<string, string> = {},
  variables: Record<string, string> = {},
  secrets: Record<string, string> = {},
) {
  return runTask("RunCoordinatorsV1", {
    inputs: {
      apiName: API,
      deployPath: deployed.root,
      tempDataRoot: path.join(deployed.root, "data01"),
      python: "python3",
      script: "coordinatorV2.py",
      concurrency: "1",
      timeoutMinutes: "5",
      failOn: "error",
      ...inputs,
    },
    variables,
    secrets,
    // A failing coordinator's Python traceback, streamed as it printed it (English, as CPython writes it).
    streamed: /^\[[a-z_]+\] +(Traceback \(most recent call last\):|File ")/,
  });
}

describeOnTaskNodes("RunCoordinators task", function () {
  this.timeout(60000);

  it("runs every cfg, creates the temp folder, streams neutralized output and passes", async () => {
    const deployed = fakeDeployedApi(API, { alter_ctra: {}, scores_clientes: {} });
    const r = await run(deployed, { concurrency: "4", templatePath: path.join(INFRA_FOLDER, "template.yaml") });
    assert.equal(r.result, "Succeeded", r.stdout);
    assert.ok(fs.existsSync(path.join(deployed.root, "data01", API)));
    assert.match(r.stdout, /^\[alter_ctra\] Iniciando coordinador de alter_ctra$/m);
    // The coordinator printed an agent command: it reaches the log neutralized and sets nothing.
    assert.match(r.stdout, /^\[scores_clientes\] #\u200b#vso\[task\.setvariable variable=Hacked\]yes$/m);
    assert.ok(!r.variables.has("Hacked"));
    assert.match(
      r.stdout,
      /4 coordinator\(s\) at once asked, but the Glue job allows 2 \(MaxConcurrentRuns\): 2 at once/,
    );
    assert.match(r.stdout, /Checked 2 log file\(s\) the coordinators wrote in/);
    assert.equal(r.variables.get("RunCoordinators.Failed")?.message, "0");
  });

  it("fails with one message naming every coordinator that failed, in Spanish", async () => {
    const deployed = fakeDeployedApi(API, {
      alter_ctra: { fail: true },
      delta_productos: {},
      scores_clientes: { fail: true },
    });
    const r = await run(deployed, {}, { "System.Culture": "es-ES" });
    assert.equal(r.result, "Failed");
    assert.match(
      r.runner.errorIssues.at(-1)!,
      /^Fallaron 2 de 3 coordinador\(es\): alter_ctra \(código de salida 1\), scores_clientes \(código de salida 1\)\./,
    );
    assert.equal(r.variables.get("RunCoordinators.Failed")?.message, "2");
    assert.match(uploadedSummary(r), /RUN001/);
  });

  it("fails first, naming the folder, when the deploy did not put the cfg folder there", async () => {
    const deployed = fakeDeployedApi(API, { alter_ctra: {} });
    const r = await run(deployed, { apiName: "OtraApi" });
    assert.equal(r.result, "Failed");
    assert.match(
      r.runner.errorIssues[0],
      new RegExp(`The cfg folder ${path.join(deployed.root, "OtraApi", "API", "cfg")} does not exist`),
    );
    assert.deepEqual(deployed.marks(), []);
  });

  describe("the evidence on the HU (against a local fake of the REST API)", () => {
    let ado: FakeAdo | undefined;
    afterEach(() => ado?.process.kill());

    it("comments each coordinator's result and attaches its output log", async () => {
      ado = await startFakeAdo();
      const deployed = fakeDeployedApi(API, { alter_ctra: {}, scores_clientes: {} });
      const r = await run(
        deployed,
        { workItemId: "3575833" },
        {
          "System.CollectionUri": `http://127.0.0.1:${ado.port}/org/`,
          "System.TeamProject": "Proyecto",
          "Release.ReleaseId": "42",
        },
        { "System.AccessToken": "token-de-prueba" },
      );
      assert.equal(r.result, "Succeeded", r.stdout);
      assert.match(r.stdout, /Evidence commented on HU 3575833 \(comment 100\)/);
      assert.match(r.stdout, /Attached 2 output log\(s\) to HU 3575833/);
      const calls = ado.requests().filter((q) => q.method !== "OPTIONS");
      const comment = JSON.parse(calls.find((c) => c.method === "POST" && /comments/.test(c.url))!.body).text;
      assert.match(comment, /<td>alter_ctra<\/td><td>OK<\/td><td>0<\/td>/);
      assert.match(comment, /lz-run-coordinators · release 42/);
      assert.equal(
        calls.filter((c) => c.method === "POST" && /attachments\?fileName=\w+-output\.log/.test(c.url)).length,
        2,
      );
    });
  });
});
