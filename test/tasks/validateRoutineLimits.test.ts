import { strict as assert } from "assert";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { goodRunStarts, logName, runLog } from "../helpers/logs";
import { zipBomb } from "../helpers/hostile";
import { makeRoutine, PRD_CONFIG } from "../helpers/routine";
import { describeOnTaskNodes, runTask } from "../helpers/taskRun";

// Issue #18 item 2: the HU's attachments are bounded; over a bound the gate still ends with its
// findings, reports and HU comment instead of "Unexpected error".
describeOnTaskNodes("ValidateRoutine task: limits on what is read", function () {
  this.timeout(60000);
  let server: ChildProcess | undefined;
  afterEach(() => server?.kill());

  const startFakeAdo = async (attachments: string) => {
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-ado-")), "requests.jsonl");
    fs.writeFileSync(log, "");
    server = spawn(process.execPath, [
      path.join(__dirname, "..", "helpers", "fakeAdo.js"),
      log,
      "--attachments",
      attachments,
    ]);
    return new Promise<number>((resolve) =>
      server!.stdout!.once("data", (d: Buffer) => resolve(Number(/listening (\d+)/.exec(d.toString())![1]))),
    );
  };

  it("a zip bomb and an attachment over maxAttachmentMb are LOG007 findings; the report and comment are written", async () => {
    const attachments = fs.mkdtempSync(path.join(os.tmpdir(), "lz-att-"));
    for (const d of goodRunStarts()) fs.writeFileSync(path.join(attachments, logName(d)), runLog(d));
    fs.writeFileSync(path.join(attachments, "bomba.zip"), zipBomb());
    fs.writeFileSync(path.join(attachments, "enorme.log"), Buffer.alloc(3 * 1024 * 1024, "a\n"));
    const port = await startFakeAdo(attachments);
    const routine = makeRoutine({ "static/config/config.json": PRD_CONFIG, "m.py": "x = 1\n" });
    const reports = path.join(routine, "..", "reports");
    const r = await runTask("ValidateRoutineV1", {
      inputs: {
        routinePath: routine,
        workItemId: "77",
        logsFromWorkItem: "true",
        maxAttachmentMb: "2",
        reportDirectory: reports,
        failOn: "error",
      },
      variables: {
        "System.CollectionUri": `http://127.0.0.1:${port}/org/`,
        "System.TeamProject": "Proyecto",
      },
      secrets: { "System.AccessToken": "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret-token" },
    });
    assert.equal(r.result, "Failed", r.stdout);
    const issues = r.commands.filter((c) => c.command === "task.logissue");
    assert.deepEqual(
      issues.map((c) => `${c.properties.code} ${c.message.split(" ")[1]}`),
      ["LOG007 bomba.zip/bomba.log:1:1", "LOG007 enorme.log:1:1"],
      r.stdout,
    );
    assert.match(
      issues[1].message,
      /enorme\.log: the attachment's size is over the limit of 2 MB \(input maxAttachmentMb\): it was not downloaded/,
    );
    assert.doesNotMatch(r.stdout, /Unexpected error/);
    const report = JSON.parse(fs.readFileSync(path.join(reports, "ValidateRoutine-report.json"), "utf8"));
    assert.deepEqual(
      report.findings.map((f: { rule: string }) => f.rule),
      ["LOG007", "LOG007"],
    );
    assert.match(r.stdout, /Findings posted on HU 77/);
  });

  it("refuses a limit that is not a whole number before doing anything", async () => {
    const routine = makeRoutine({ "static/config/config.json": PRD_CONFIG, "m.py": "x = 1\n" });
    const reports = path.join(routine, "..", "reports");
    const r = await runTask("ValidateRoutineV1", {
      inputs: { routinePath: routine, maxZipMb: "mucho", reportDirectory: reports, failOn: "error" },
    });
    assert.equal(r.result, "Failed");
    assert.match(r.runner.errorIssues.join("\n"), /Input maxZipMb is 'mucho': give a whole number from 1 to 1000000/);
    assert.ok(!fs.existsSync(reports), "no report for a run that did not start");
  });
});
