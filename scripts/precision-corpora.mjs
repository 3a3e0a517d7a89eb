// Issue #20's figures, before and after: the CURRENT validator (SEC001/PTH001 as wired today, LOG005's
// word match) and the NEW value-based detectors (core/secrets, core/logs/levels; not wired into the
// rules yet) on the three corpora of test/fixtures/corpora and on the CPython 3.11 standard library
// without its test folders. Run after `npm run build`:
//   node scripts/precision-corpora.mjs [--only precision|recall|logs|stdlib] [--check]  (LZ_STDLIB_311=<dir>: another stdlib)
// --check exits 1 when a figure misses its goal or the stdlib list differs from
// test/fixtures/corpora/stdlib-findings.json (each true finding with why it is one).
// The stdlib part needs a CPython 3.11 (pyenv's by default); without one it says so and skips.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const built = (...p) => require(path.join(root, "build", "ts", ...p));
export const STDLIB_311 = "/root/.pyenv/versions/3.11.7/lib/python3.11";
export const STDLIB_EXCLUDE = ["test", "tests", "idle_test", "site-packages", "__pycache__"];
export const STDLIB_LIST = path.join(root, "test", "fixtures", "corpora", "stdlib-findings.json");
const RULES = new Set(["SEC001", "PTH001"]);

function loadBuilt() {
  if (!fs.existsSync(path.join(root, "build", "ts", "test", "helpers", "corpora.js")))
    throw new Error("run npm run build first (build/ts)");
  built("core", "validator", "analyzers.js");
  return {
    corpora: built("test", "helpers", "corpora.js"),
    engine: built("core", "validator", "engine.js"),
    pool: built("core", "validator", "pool.js"),
    parser: built("core", "python", "parser.js"),
    checkLogs: built("core", "logs", "checkLogs.js"),
  };
}

/** Today's validator on a folder: its SEC001/PTH001 findings (errors and warnings alike). */
async function currentValidator(m, folder, exclude = []) {
  const worker = path.join(root, "build", "ts", "core", "validator", "worker.js");
  const result = await m.engine.validateRoutine(
    folder,
    { exclude, failOn: "never" },
    { analyzeFiles: (files, ctx) => m.pool.analyzeInWorkers(worker, files, ctx) },
  );
  return result.findings
    .filter((f) => RULES.has(f.rule) && f.severity !== "info")
    .map((f) => ({ rule: f.rule, file: f.file, line: f.line, message: f.message }));
}

const count = (findings, rule) => findings.filter((f) => f.rule === rule).length;

/** Every figure of the four sections; each row: what, today, new detectors, goal, ok. */
export async function figures(only = undefined) {
  const m = loadBuilt();
  const want = (s) => !only || only.includes(s);
  const parser = await m.parser.createPythonParser();
  const rows = [];
  const details = {};
  const { corpora } = m;

  if (want("precision")) {
    const manifest = corpora.precisionManifest();
    const lines = manifest.files.reduce((n, f) => n + f.lines, 0);
    const today = await currentValidator(m, corpora.PRECISION);
    const after = corpora.detectInCorpus(parser, corpora.PRECISION);
    details.precision = { today, after };
    rows.push({
      what: `precision corpus (${lines} lines): SEC001 + PTH001`,
      today: `${today.length} (SEC001 ${count(today, "SEC001")}, PTH001 ${count(today, "PTH001")})`,
      after: `${after.length} (SEC001 ${count(after, "SEC001")}, PTH001 ${count(after, "PTH001")})`,
      goal: "0",
      ok: after.length === 0,
    });
  }

  if (want("recall")) {
    const planted = corpora.recallManifest();
    const today = await currentValidator(m, corpora.RECALL);
    const after = corpora.detectInCorpus(parser, corpora.RECALL);
    const foundBy = (findings) =>
      planted.filter((c) => findings.some((f) => f.rule === "SEC001" && f.file === c.file && f.line === c.line));
    const printedBy = (texts) => planted.filter((c) => texts.some((t) => t.includes(c.value)));
    const todayFound = foundBy(today);
    const afterFound = foundBy(after);
    const todayPrinted = printedBy(today.map((f) => f.message));
    const afterPrinted = printedBy(after.map((f) => f.args.join(" ")));
    const forms = [...new Set(planted.map((c) => c.form))];
    details.recall = {
      missedToday: planted.filter((c) => !todayFound.includes(c)).map((c) => `${c.file}:${c.line} ${c.form}`),
      missedAfter: planted.filter((c) => !afterFound.includes(c)).map((c) => `${c.file}:${c.line} ${c.form}`),
    };
    rows.push({
      what: `recall corpus: ${planted.length} planted credentials in ${forms.length} forms, found`,
      today: `${todayFound.length} / ${planted.length}`,
      after: `${afterFound.length} / ${planted.length}`,
      goal: "all",
      ok: afterFound.length === planted.length,
    });
    rows.push({
      what: "recall corpus: credentials printed in a finding",
      today: `${todayPrinted.length}`,
      after: `${afterPrinted.length}`,
      goal: "0",
      ok: afterPrinted.length === 0,
    });
    for (const form of forms) {
      const of = planted.filter((c) => c.form === form);
      rows.push({
        what: `  form ${form}`,
        today: `${of.filter((c) => todayFound.includes(c)).length} / ${of.length}`,
        after: `${of.filter((c) => afterFound.includes(c)).length} / ${of.length}`,
        goal: "",
        ok: undefined,
      });
    }
  }

  if (want("logs")) {
    const labels = corpora.runLogLabels();
    const results = corpora.classifyRunLogs();
    const todayVerdicts = labels.map((l) => {
      const text = fs.readFileSync(path.join(corpora.RUN_LOGS, l.file), "utf8");
      const log005 = m.checkLogs.checkLogs([{ name: l.file, text }]).filter((f) => f.rule === "LOG005");
      return { label: l, pass: log005.length === 0, lines: log005.map((f) => f.line) };
    });
    details.logs = { results, todayVerdicts };
    const todayMatched = todayVerdicts.filter((v) => v.pass === (v.label.expected === "pass")).length;
    const matched = results.filter((r) => r.matched).length;
    rows.push({
      what: `run-log corpus: ${labels.length} labelled logs (${labels.filter((l) => l.expected === "pass").length} pass), labels matched`,
      today: `${todayMatched} / ${labels.length} (pass/fail verdict)`,
      after: `${matched} / ${labels.length} (verdict, error lines, tolerated counts)`,
      goal: "all",
      ok: matched === labels.length,
    });
  }

  if (want("stdlib")) {
    const stdlib = process.env.LZ_STDLIB_311 || STDLIB_311;
    if (!fs.existsSync(stdlib)) {
      rows.push({
        what: "stdlib 3.11: SEC001 + PTH001",
        today: `not measured: no CPython 3.11 at ${stdlib} (set LZ_STDLIB_311)`,
        after: "",
        goal: "≤ 8, each listed",
        ok: undefined,
      });
    } else {
      const today = await currentValidator(m, stdlib, STDLIB_EXCLUDE);
      const files = [];
      const walk = (dir) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
          if (e.isDirectory()) {
            if (!STDLIB_EXCLUDE.includes(e.name)) walk(path.join(dir, e.name));
          } else if (e.name.endsWith(".py")) files.push(path.relative(stdlib, path.join(dir, e.name)));
        }
      };
      walk(stdlib);
      const after = files.sort().flatMap((f) => corpora.detectInFile(parser, stdlib, f).findings);
      const listed = JSON.parse(fs.readFileSync(STDLIB_LIST, "utf8")).findings;
      const key = (f) => `${f.rule} ${f.file}:${f.line} ${f.args.join(" | ")}`;
      const afterKeys = after.map(key);
      const listedKeys = listed.map(key);
      const current =
        afterKeys.length === listedKeys.length &&
        afterKeys.every((k) => listedKeys.includes(k)) &&
        listed.every((l) => l.why);
      details.stdlib = { today, after, current, afterKeys, listedKeys };
      rows.push({
        what: `stdlib 3.11 (${files.length} .py, without test folders): SEC001 + PTH001`,
        today: `${today.length} (SEC001 ${count(today, "SEC001")}, PTH001 ${count(today, "PTH001")})`,
        after: `${after.length} (SEC001 ${count(after, "SEC001")}, PTH001 ${count(after, "PTH001")})`,
        goal: "≤ 8",
        ok: after.length <= 8,
      });
      rows.push({
        what: `stdlib 3.11: ${path.relative(root, STDLIB_LIST)} current`,
        today: "",
        after: current ? "yes, each with why it is true" : "DIFFERS",
        goal: "current",
        ok: current,
      });
    }
  }
  parser.delete();
  return { rows, details };
}

/**
 * Inputs built to make a backtracking pattern slow (a prefix that starts a match, then a long run
 * that never completes it), each through the detector that reads it; `run(n)` builds about n characters.
 */
export function adversarialInputs() {
  const { findKnownSecrets } = built("core", "secrets", "formats.js");
  const { secretValueEvidence } = built("core", "secrets", "value.js");
  const { findHardcodedPaths } = built("core", "secrets", "paths.js");
  const { decodeLiteral } = built("core", "secrets", "decode.js");
  const { classifyLog, logLevelOf } = built("core", "logs", "levels.js");
  const long = (prefix, unit, n) => prefix + unit.repeat(Math.ceil(n / unit.length));
  const formats = (prefix, unit) => (n) => findKnownSecrets(long(prefix, unit, n));
  return [
    { name: "PWD= repeated", run: formats("", "PWD=") },
    { name: "URL user without colon", run: formats("impala://", "u") },
    { name: "URL password without @", run: formats("impala://u:", "p") },
    { name: "URL user:pass pairs", run: formats("impala://", "a:b") },
    { name: "Authorization without end", run: formats("Authorization: Bearer ", "A") },
    { name: "JWT without dots", run: formats("eyJ", "a") },
    { name: "JWT with one dot", run: formats("eyJaaaa.eyJ", "a") },
    { name: "private key without END", run: formats("-----BEGIN RSA PRIVATE KEY-----\n", "MIIA") },
    { name: "Slack token of dashes", run: formats("xoxb-", "a-") },
    { name: "AWS secret name", run: formats("aws_secret_access_key = ", "A") },
    { name: "value evidence", run: (n) => secretValueEvidence(long("", "aB3$", n)) },
    { name: "home path", run: (n) => findHardcodedPaths(long("/home/", "a", n)) },
    { name: "Windows path", run: (n) => findHardcodedPaths(long("C:\\", "a ", n)) },
    { name: "decode escapes", run: (n) => decodeLiteral(long("'", "\\x4", n) + "'", 0, n + 2) },
    { name: "f-string fields", run: (n) => decodeLiteral(long("f'", "{{{", n) + "'", 0, n + 3) },
    { name: "log level header", run: (n) => logLevelOf(long("2022-07-26 15:50:26 ", "- ", n)) },
    { name: "log of error lines", run: (n) => classifyLog(long("", "2022-07-26 15:50:26 ERROR x: fallo\n", n)) },
  ];
}

function print({ rows, details }) {
  const table = rows.map((r) => ({
    what: r.what,
    "today (wired)": r.today,
    "new detectors": r.after,
    goal: r.goal,
    ok: r.ok === undefined ? "" : r.ok ? "yes" : "NO",
  }));
  console.table(table);
  if (details.precision?.today.length) {
    console.log("\nprecision corpus, today's findings (all false):");
    for (const f of details.precision.today) console.log(`  ${f.rule} ${f.file}:${f.line} ${f.message.slice(0, 100)}`);
  }
  if (details.recall) {
    console.log(`\nrecall corpus, missed today: ${details.recall.missedToday.length}`);
    for (const c of details.recall.missedToday) console.log(`  ${c}`);
    if (details.recall.missedAfter.length)
      console.log(`missed by the new detectors: ${details.recall.missedAfter.join(", ")}`);
  }
  if (details.logs) {
    console.log("\nrun-log corpus, per file (label · today's LOG005 verdict · new classifier):");
    for (const [i, r] of details.logs.results.entries()) {
      const today = details.logs.todayVerdicts[i];
      const c = r.classification;
      console.log(
        `  ${r.label.expected.padEnd(4)} · today ${today.pass ? "pass" : "fail"}${today.pass === (r.label.expected === "pass") ? "   " : " ✗ "}· new ${c.errors ? "fail" : "pass"} errors at ${JSON.stringify(c.records.filter((x) => x.status === "error").map((x) => x.line))}, ${c.toleratedIntermittences} intermittence(s), ${c.toleratedRetries} retry(ies) ${r.matched ? "✓" : "✗ MISMATCH"}  ${r.label.file}`,
      );
    }
  }
  if (details.stdlib) {
    console.log("\nstdlib 3.11, today's SEC001/PTH001:");
    for (const f of details.stdlib.today) console.log(`  ${f.rule} ${f.file}:${f.line} ${f.message.slice(0, 90)}`);
    console.log("stdlib 3.11, the new detectors:");
    for (const k of details.stdlib.afterKeys) console.log(`  ${k}`);
    if (!details.stdlib.current) {
      console.log("differs from the committed list:");
      for (const k of details.stdlib.afterKeys) if (!details.stdlib.listedKeys.includes(k)) console.log(`  + ${k}`);
      for (const k of details.stdlib.listedKeys) if (!details.stdlib.afterKeys.includes(k)) console.log(`  - ${k}`);
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { only: { type: "string", multiple: true }, check: { type: "boolean" } } });
  const result = await figures(values.only);
  print(result);
  if (values.check && result.rows.some((r) => r.ok === false)) process.exit(1);
}
