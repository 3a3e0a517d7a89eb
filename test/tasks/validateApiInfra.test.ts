import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ANALYTICS_REPO, API_FIXTURES, INFRA_FOLDER } from "../helpers/apiTemplates";
import { FakeAdo, startFakeAdo } from "../helpers/fakeAdoProcess";
import { describeOnTaskNodes, runTask, uploadedSummary } from "../helpers/taskRun";

const run = (
  inputs: Record<string, string>,
  variables: Record<string, string> = {},
  secrets: Record<string, string> = {},
) =>
  runTask("ValidateApiInfraV1", {
    inputs: { failOn: "error", eksPolicy: "EKSRolePolicyDynamo", gluePolicy: "GlueRolePolicy", ...inputs },
    variables: { "System.DefaultWorkingDirectory": API_FIXTURES, ...variables },
    secrets,
  });

function infraCopy(edit: (template: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-infra-task-"));
  fs.cpSync(INFRA_FOLDER, dir, { recursive: true });
  const file = path.join(dir, "template.yaml");
  fs.writeFileSync(file, edit(fs.readFileSync(file, "utf8")));
  return dir;
}

describeOnTaskNodes("ValidateApiInfra task", function () {
  this.timeout(60000);

  it("passes both realistic repositories and sets its outputs", async () => {
    const r = await run({ infraPath: INFRA_FOLDER, analyticsPath: ANALYTICS_REPO, apiName: "AlterCtraScoreDelta" });
    assert.equal(r.result, "Succeeded", r.stdout);
    assert.match(r.stdout, /Checking 1 template\(s\), 2 params file\(s\) and 3 coordinator file\(s\)\./);
    assert.equal(r.variables.get("ValidateApiInfra.Errors")?.message, "0");
    assert.ok(fs.existsSync(r.variables.get("ValidateApiInfra.ReportPath")!.message));
  });

  it("fails on a table missing from the Glue policy, annotated at the template's line, in Spanish", async () => {
    const dir = infraCopy((t) =>
      t.replace(
        "DependsOn: [DynamoScoresClientesapi, DynamoAlterCtraapi, DynamoDeltaProductosapi]",
        "DependsOn: [DynamoScoresClientesapi, DynamoDeltaProductosapi]",
      ),
    );
    const r = await run({ infraPath: dir }, { "System.Culture": "es-ES" });
    assert.equal(r.result, "Failed");
    const issue = r.commands.find((c) => c.command === "task.logissue" && c.properties.code === "API002")!;
    assert.ok(issue, r.stdout);
    assert.equal(issue.properties.sourcepath, path.join(dir, "template.yaml"));
    const text = fs.readFileSync(path.join(dir, "template.yaml"), "utf8");
    assert.equal(
      issue.properties.linenumber,
      String(text.slice(0, text.indexOf("  GlueRolePolicy:")).split("\n").length),
    );
    assert.match(issue.message, /La tabla DynamoAlterCtraapi no tiene una entrada en el DependsOn de GlueRolePolicy/);
    assert.match(r.runner.errorIssues.at(-1)!, /El API tiene 1 hallazgo\(s\)/);
    assert.match(uploadedSummary(r), /API002/);
  });

  it("says what is wrong with its inputs before checking anything", async () => {
    const none = await run({});
    assert.equal(none.result, "Failed");
    assert.match(none.runner.errorIssues[0], /there is nothing to check/);
    const missing = await run({ infraPath: "/no/such/folder" });
    assert.match(missing.runner.errorIssues[0], /Input infraPath: \/no\/such\/folder does not exist/);
  });

  describe("the library variables (against a local fake of the REST API)", () => {
    let ado: FakeAdo | undefined;
    afterEach(() => ado?.process.kill());
    const TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.group-token";

    it("reads the variable group with the job's token and reports the variable it lacks (API009)", async () => {
      const groups = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-groups-")), "groups.json");
      fs.writeFileSync(
        groups,
        JSON.stringify([
          {
            id: 7,
            name: "productizar-variables-informacion-dy-aws",
            variables: {
              "dy-alter-ctra-score-delta-api-tables-read-cu": { value: "1,50" },
              "otra-secreta": { value: null, isSecret: true },
            },
          },
          {
            id: 8,
            name: "productizar-variables-informacion-dy-aws-old",
            variables: { "dy-alter-ctra-score-delta-api-tables-write-cu": { value: "1,8000" } },
          },
        ]),
      );
      ado = await startFakeAdo("--variable-groups", groups);
      const r = await run(
        {
          infraPath: INFRA_FOLDER,
          checkVariableGroup: "true",
          variableGroup: "productizar-variables-informacion-dy-aws",
        },
        { "System.CollectionUri": `http://127.0.0.1:${ado.port}/org/`, "System.TeamProject": "Proyecto" },
        { "System.AccessToken": TOKEN },
      );
      assert.equal(r.result, "Failed", r.stdout);
      const issues = r.commands.filter((c) => c.command === "task.logissue" && c.properties.code === "API009");
      assert.equal(issues.length, 1);
      assert.match(
        issues[0].message,
        /dy-alter-ctra-score-delta-api-tables-write-cu \(for DyScoresClientesApiWriteCapacityUnits\) is not in the variable group productizar-variables-informacion-dy-aws/,
      );
      const calls = ado.requests().filter((q) => q.method !== "OPTIONS");
      assert.equal(calls.length, 1);
      assert.match(
        calls[0].url,
        /^\/org\/Proyecto\/_apis\/distributedtask\/variablegroups\?groupName=productizar-variables-informacion-dy-aws/,
      );
      assert.equal(calls[0].auth, `Bearer ${TOKEN}`);
      assert.ok(r.vsoLines.includes(`##vso[task.setsecret]${TOKEN}`));
    });
  });
});
