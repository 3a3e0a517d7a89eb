import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv from "ajv";
import {
  commentHtml,
  commentMarker,
  publishOnWorkItem,
  WorkItemComment,
  WorkItemGateway,
} from "../../../core/findings/huComment";
import { writeReports } from "../../../core/findings/output";
import { jsonReport, markdownSummary, sarifReport } from "../../../core/findings/report";
import { VALIDATE_REPORT_SCHEMA } from "../../../core/findings/reportSchema";
import { PRD_CONFIG, makeRoutine, validateHere } from "../../helpers/routine";
import { repoRoot } from "../../helpers/taskRun";

const FILES = {
  "static/config/config.json": PRD_CONFIG.replace("prd", "dev"),
  "pkg/m.py":
    'x = f"{a}"\nimport secrets\ny = "/home/ana/x"  # lz: ignore[PTH001] ruta de ejemplo\nz = "<b>|pipe|</b>"\npassword = "Xk9|<script>#q2"\n',
};

describe("validator reports", () => {
  it("the JSON report matches its published schema (docs/validate-report.schema.json)", async () => {
    const routine = makeRoutine(FILES);
    const result = await validateHere(routine, {});
    const report = jsonReport(result, routine, "1.0.0");
    const published = JSON.parse(fs.readFileSync(path.join(repoRoot, "docs", "validate-report.schema.json"), "utf8"));
    assert.deepEqual(published, JSON.parse(JSON.stringify(VALIDATE_REPORT_SCHEMA)));
    const validate = new Ajv({ strict: false }).compile(published);
    assert.ok(validate(report), JSON.stringify(validate.errors));
    // and the schema does reject a wrong report
    assert.equal(validate({ ...report, findings: [{ rule: "x" }] }), false);
  });

  it("writes SARIF 2.1.0 with rules, levels, relative locations and in-source suppressions", async () => {
    const routine = makeRoutine(FILES);
    const result = await validateHere(routine, {});
    const sarif = sarifReport(result, routine, "1.0.0", "https://example.test/kit/") as any;
    assert.equal(sarif.version, "2.1.0");
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, "lz-validate-routine");
    const ids = run.tool.driver.rules.map((r: any) => r.id);
    assert.deepEqual([...ids].sort(), ["CFG002", "PTH001", "PY003", "PY004", "SEC001"]);
    assert.equal(
      run.tool.driver.rules.find((r: any) => r.id === "PY003").helpUri,
      "https://example.test/kit/docs/rules/PY003.md",
    );
    for (const res of run.results) {
      assert.equal(ids[res.ruleIndex], res.ruleId);
      assert.ok(["error", "warning", "note"].includes(res.level));
    }
    const suppressed = run.results.find((r: any) => r.suppressions);
    assert.equal(suppressed.level, "note");
    assert.deepEqual(suppressed.suppressions, [{ kind: "inSource", justification: "# lz: ignore: ruta de ejemplo" }]);
    assert.deepEqual(run.properties.routineSettings, [
      { file: "pkg/m.py", line: 3, setting: "# lz: ignore[PTH001]", reason: "ruta de ejemplo", applied: true },
    ]);
    assert.deepEqual(suppressed.locations[0].physicalLocation, {
      artifactLocation: { uri: "pkg/m.py", uriBaseId: "SRCROOT" },
      region: { startLine: 3, startColumn: 6 },
    });
    assert.match(run.originalUriBaseIds.SRCROOT.uri, /^file:\/\/\/.*alm_test\/$/);
  });

  it("writes a summary with counts by rule, then findings by file, escaping user text", async () => {
    const routine = makeRoutine(FILES);
    const result = await validateHere(routine, {});
    const md = markdownSummary(result, routine);
    assert.match(md, /\*\*Result: Failed\*\* — 4 errors, 0 warnings, 1 info/);
    assert.match(md, /\| PY003 \| error \| 1 \| Syntax newer than the target Python version. \|/);
    assert.ok(md.indexOf("`pkg/m.py`") > md.indexOf("Findings by rule"));
    assert.match(md, /\| 3:6 \| PTH001 \| info \(lz: ignore\) \|/);
    assert.match(md, /\| pkg\/m\.py:3 \| # lz: ignore\[PTH001\] \| ruta de ejemplo \| applied \|/);
    assert.ok(!md.includes("<script>"), "user text is escaped");
  });

  it("writes the three files into the report folder", async () => {
    const routine = makeRoutine(FILES);
    const result = await validateHere(routine, {});
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-reports-")), "nested", "out");
    const files = writeReports(result, routine, dir, "1.0.0");
    for (const f of Object.values(files)) assert.ok(fs.statSync(f).size > 100, f);
    assert.equal(JSON.parse(fs.readFileSync(files.json, "utf8")).summary.errors, 4);
  });
});

class FakeWorkItems implements WorkItemGateway {
  comments: WorkItemComment[] = [];
  attachments: string[] = [];
  async listComments() {
    return this.comments;
  }
  async addComment(_id: number, html: string) {
    this.comments.push({ id: this.comments.length + 1, text: html });
    return this.comments.length;
  }
  async updateComment(_id: number, commentId: number, html: string) {
    this.comments.find((c) => c.id === commentId)!.text = html;
  }
  async attachFile(_id: number, name: string) {
    this.attachments.push(name);
  }
  async listAttachments() {
    return [];
  }
  async download(): Promise<AsyncIterable<Uint8Array>> {
    throw new Error("not used");
  }
}

describe("findings on the HU", () => {
  it("adds one comment per release and updates it on a rerun", async () => {
    const routine = makeRoutine(FILES);
    const result = await validateHere(routine, {});
    const gateway = new FakeWorkItems();
    gateway.comments.push({ id: 1, text: "<p>comentario de una persona</p>" });
    const marker = commentMarker("42");
    const first = await publishOnWorkItem(gateway, 7, commentHtml(result, routine, marker, "Release-42"), marker, {
      fileName: "r.sarif",
      content: Buffer.from("{}"),
    });
    assert.deepEqual(first, { commentId: 2, updated: false });
    const second = await publishOnWorkItem(
      gateway,
      7,
      commentHtml(result, routine, marker, "Release-42") + "<p>2</p>",
      marker,
    );
    assert.deepEqual(second, { commentId: 2, updated: true });
    assert.equal(gateway.comments.length, 2);
    assert.match(gateway.comments[1].text, /<p>2<\/p>$/);
    assert.deepEqual(gateway.attachments, ["r.sarif"]);
    const other = await publishOnWorkItem(gateway, 7, "x", commentMarker("43"));
    assert.equal(other.updated, false, "another release gets its own comment");
  });

  it("keys a YAML run's comment by its build id (a YAML run has no Release.ReleaseId)", () => {
    assert.equal(commentMarker(undefined, "1234"), "lz-validate-routine · run 1234");
    assert.equal(commentMarker("42", "1234"), "lz-validate-routine · release 42");
  });

  it("escapes finding text in the HTML comment", async () => {
    const routine = makeRoutine(FILES);
    const result = await validateHere(routine, {});
    const html = commentHtml(result, routine, "m", "R<1>");
    assert.ok(!html.includes("<script>") && !html.includes("R<1>"));
    assert.match(html, /R&lt;1&gt;/);
  });
});
