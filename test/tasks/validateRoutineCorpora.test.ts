/**
 * Issue #20's corpora through the shipped ValidateRoutine bundle: what the LZ team sees in a release
 * (the JSON report, the annotations, the log) on everyday code, planted credentials and labelled
 * run logs, and the LZ team's allow-list input.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PRECISION, RECALL, recallManifest, RUN_LOGS, runLogLabels } from "../helpers/corpora";
import { makeRoutine, PRD_CONFIG } from "../helpers/routine";
import { describeOnTaskNodes, runTask } from "../helpers/taskRun";

interface ReportFinding {
  rule: string;
  severity: string;
  file: string;
  line: number;
  message: string;
  args?: unknown[];
}

async function validate(routinePath: string, inputs: Record<string, string> = {}) {
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), "lz-corpora-reports-"));
  const run = await runTask("ValidateRoutineV1", {
    inputs: { routinePath, pythonVersion: "3.5", failOn: "never", reportDirectory: reports, ...inputs },
  });
  const report = JSON.parse(fs.readFileSync(path.join(reports, "ValidateRoutine-report.json"), "utf8")) as {
    findings: ReportFinding[];
  };
  return { run, findings: report.findings, reports };
}

describeOnTaskNodes("ValidateRoutine on issue #20's corpora", function () {
  this.timeout(120000);

  it("precision corpus and labelled run logs: no SEC001/PTH001; LOG005 and LOG009 as each log's label says", async () => {
    const { run, findings } = await validate(PRECISION, { logsPath: RUN_LOGS });
    assert.equal(run.result, "SucceededWithIssues", "the failing logs are errors; failOn never");
    assert.deepEqual(
      findings.filter((f) => (f.rule === "SEC001" || f.rule === "PTH001") && f.severity !== "info"),
      [],
    );
    for (const label of runLogLabels()) {
      const of = findings.filter((f) => f.file === label.file);
      assert.deepEqual(
        of.filter((f) => f.rule === "LOG005").map((f) => f.line),
        label.errorLines,
        label.file,
      );
      const tolerated = label.toleratedIntermittences + label.toleratedRetries;
      const log009 = of.filter((f) => f.rule === "LOG009");
      assert.equal(log009.length, tolerated ? 1 : 0, label.file);
      if (tolerated)
        assert.match(
          log009[0].message,
          new RegExp(
            `${label.toleratedIntermittences} known Impala intermittence\\(s\\) and ${label.toleratedRetries} error`,
          ),
        );
    }
  });

  it("recall corpus: every planted credential is a SEC001 at its line, and none of it is printed anywhere", async () => {
    const { run, findings, reports } = await validate(RECALL);
    const planted = recallManifest();
    assert.deepEqual(
      planted
        .filter((c) => !findings.some((f) => f.rule === "SEC001" && f.file === c.file && f.line === c.line))
        .map((c) => `${c.file}:${c.line} ${c.form}`),
      [],
    );
    // The log (annotations and summary), the JSON report and the SARIF: 8 characters of a credential in none.
    const printed = [run.stdout, ...fs.readdirSync(reports).map((f) => fs.readFileSync(path.join(reports, f), "utf8"))];
    for (const c of planted)
      for (let i = 0; i + 8 <= c.value.length; i++)
        for (const text of printed) assert.ok(!text.includes(c.value.slice(i, i + 8)), `${c.file}:${c.line} ${c.form}`);
  });

  it("the LZ team's allowedNamesAndPaths input lets names and paths through; the routine cannot (LZV005)", async () => {
    const files = {
      "static/config/config.json": PRD_CONFIG,
      "m.py": 'salida = "/avirtual/compartido/x.csv"\nclave_api = "Zq81#pLm2vX!"\n',
    };
    const blocked = await validate(makeRoutine(files), { failOn: "error" });
    assert.deepEqual(blocked.findings.map((f) => f.rule).sort(), ["PTH001", "SEC001"]);
    assert.equal(blocked.run.result, "Failed");
    const allowed = await validate(makeRoutine(files), {
      failOn: "error",
      allowedNamesAndPaths: "/avirtual/compartido/.*\nclave_api",
    });
    assert.deepEqual(allowed.findings, []);
    assert.equal(allowed.run.result, "Succeeded", allowed.run.stdout);
    const routineTries = await validate(
      makeRoutine({ ...files, ".lzvalidator.json": '{ "allowedNamesAndPaths": ["clave_api", "salida"] }' }),
      { failOn: "error" },
    );
    assert.deepEqual(routineTries.findings.map((f) => f.rule).sort(), ["LZV005", "PTH001", "SEC001"]);
    assert.equal(routineTries.run.result, "Failed");
  });
});
