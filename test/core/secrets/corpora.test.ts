import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Parser } from "web-tree-sitter";
import { createPythonParser } from "../../../core/python/parser";
import {
  classifyRunLogs,
  corpusFiles,
  detectInCorpus,
  detectInFile,
  precisionManifest,
  PRECISION,
  RECALL,
  recallManifest,
  recallOf,
  RUN_LOGS,
  runLogLabels,
  runLogsThroughGate,
  secretAndPathFindings,
} from "../../helpers/corpora";
import { validateHere } from "../../helpers/routine";

/** The forms of credential issue #20 asks the recall corpus to hold. */
const REQUIRED_FORMS = [
  "assignment",
  "dict-value",
  "keyword-argument",
  "parameter-default",
  "connection-string",
  "url",
  "authorization-header",
  "format-pieces",
  "concatenation",
  "yaml-config",
  "json-config",
  "private-key",
  "jwt",
  "provider-token",
];

let parser: Parser;
before(async () => {
  parser = await createPythonParser();
});

describe("issue #20 corpora: manifests well-formed and complete", () => {
  it("precision: at least 300 lines, every file listed with its line count, 0 SEC001/PTH001 expected", () => {
    const m = precisionManifest();
    assert.deepEqual(m.expected, { SEC001: 0, PTH001: 0 });
    assert.deepEqual(
      m.files.map((f) => f.file),
      corpusFiles(PRECISION),
    );
    for (const f of m.files)
      assert.equal(fs.readFileSync(path.join(PRECISION, f.file), "utf8").split("\n").length - 1, f.lines, f.file);
    assert.ok(m.files.reduce((n, f) => n + f.lines, 0) >= 300);
    assert.ok(m.files.filter((f) => f.file.endsWith(".py")).reduce((n, f) => n + f.lines, 0) >= 300, "Python alone");
  });
  it("recall: at least 50 planted credentials in at least 10 forms, every required form, each where it says", () => {
    const planted = recallManifest();
    assert.ok(planted.length >= 50, `${planted.length} credentials`);
    const forms = new Set(planted.map((c) => c.form));
    assert.ok(forms.size >= 10, `${forms.size} forms`);
    for (const form of REQUIRED_FORMS) assert.ok(forms.has(form), `form ${form}`);
    assert.equal(new Set(planted.map((c) => c.value)).size, planted.length, "values are distinct");
    for (const c of planted) {
      const lines = fs.readFileSync(path.join(RECALL, c.file), "utf8").split("\n");
      assert.ok(c.line >= 1 && c.line <= lines.length, `${c.file}:${c.line}`);
      const near = lines.slice(c.line - 1, c.line + 3).join("\n");
      for (const piece of c.pieces ?? [c.value]) assert.ok(near.includes(piece), `${c.file}:${c.line} holds ${c.form}`);
      assert.ok(c.value.length >= 8, `${c.file}:${c.line} value long enough to check it is not printed`);
    }
  });
  it("run logs: at least 30 files, each labelled, both outcomes, Spanish and English", () => {
    const labels = runLogLabels();
    assert.ok(labels.length >= 30);
    assert.deepEqual(labels.map((l) => l.file).sort(), corpusFiles(RUN_LOGS));
    assert.deepEqual(new Set(labels.map((l) => l.expected)), new Set(["pass", "fail"]));
    assert.deepEqual(new Set(labels.map((l) => l.language)), new Set(["es", "en"]));
    assert.ok(new Set(labels.map((l) => l.format)).size >= 5, "several logging formats");
    for (const l of labels) {
      const count = fs.readFileSync(path.join(RUN_LOGS, l.file), "utf8").split("\n").length - 1;
      assert.equal(l.expected === "fail", l.errorLines.length > 0, l.file);
      for (const n of l.errorLines) assert.ok(n >= 1 && n <= count, `${l.file}:${n}`);
    }
    assert.ok(labels.some((l) => l.toleratedRetries > 0) && labels.some((l) => l.toleratedIntermittences > 0));
  });
});

describe("issue #20 corpora through the new detectors", () => {
  it("precision: no SEC001 and no PTH001", () => {
    assert.deepEqual(detectInCorpus(parser, PRECISION), []);
  });
  it("recall: every planted credential found at its line, and no finding holds any of it", () => {
    const planted = recallManifest();
    const files = [...new Set(corpusFiles(RECALL))];
    const results = new Map(files.map((f) => [f, detectInFile(parser, RECALL, f)]));
    const all = [...results.values()].flatMap((r) => r.findings);
    const missed = planted.filter(
      (c) => !results.get(c.file)!.findings.some((f) => f.rule === "SEC001" && f.line === c.line),
    );
    assert.deepEqual(
      missed.map((c) => `${c.file}:${c.line} ${c.form}`),
      [],
    );
    for (const c of planted) {
      for (const f of all)
        for (let i = 0; i + 8 <= c.value.length; i++)
          assert.ok(!f.args.join("\n").includes(c.value.slice(i, i + 8)), `${f.file}:${f.line} shows ${c.form}`);
      // The credential is handed over for redaction of the file's other findings.
      assert.ok(
        results.get(c.file)!.secrets.some((s) => s.includes(c.value) || c.value.includes(s)),
        `${c.file}:${c.line} secret kept for redaction`,
      );
    }
  });
  it("run logs: every label matched by the level classifier", () => {
    const results = classifyRunLogs();
    assert.deepEqual(
      results.filter((r) => !r.matched).map((r) => r.label.file),
      [],
    );
  });
});

describe("issue #20 corpora through the gate (the validator as lz validate and ValidateRoutine run it)", () => {
  it("precision: no SEC001 and no PTH001, errors and warnings alike", async () => {
    const r = await validateHere(PRECISION, { failOn: "never" });
    assert.deepEqual(secretAndPathFindings(r.findings), []);
  });
  it("recall: every planted credential is a SEC001 at its line, and no finding's message shows 8 characters of one", async () => {
    const r = await validateHere(RECALL, { failOn: "never" });
    const { planted, found, printed } = recallOf(
      secretAndPathFindings(r.findings),
      r.findings.map((f) => f.message),
    );
    assert.deepEqual(
      planted.filter((c) => !found.includes(c)).map((c) => `${c.file}:${c.line} ${c.form}`),
      [],
    );
    assert.deepEqual(
      printed.map((c) => `${c.file}:${c.line} ${c.form}`),
      [],
    );
    assert.equal(r.summary.errors >= planted.length, true, "each planted credential is an error");
  });
  it("run logs: every label matched by LOG005's lines and LOG009's tolerated counts", () => {
    const results = runLogsThroughGate();
    assert.deepEqual(
      results
        .filter((r) => !r.matched)
        .map(
          (r) =>
            `${r.label.file}: LOG005 at ${JSON.stringify(r.errorLines)}, ${r.toleratedIntermittences}/${r.toleratedRetries} tolerated`,
        ),
      [],
    );
  });
  it("run logs: the folder as the gate's logsPath gives the same LOG005 lines per file", async () => {
    const r = await validateHere(PRECISION, { failOn: "never", logsPath: RUN_LOGS });
    for (const label of runLogLabels())
      assert.deepEqual(
        r.findings.filter((f) => f.rule === "LOG005" && f.file === label.file).map((f) => f.line),
        label.errorLines,
        label.file,
      );
  });
});
