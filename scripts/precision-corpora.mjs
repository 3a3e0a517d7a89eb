// Issue #20's figures, measured on the gate itself (SEC001/PTH001 as `lz validate` and ValidateRoutine run
// them, LOG005/LOG009 as the log check reports them) on the three corpora of test/fixtures/corpora and on
// the CPython 3.11 standard library without its test folders. Run after `npm run build`:
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

function loadBuilt() {
  if (!fs.existsSync(path.join(root, "build", "ts", "test", "helpers", "corpora.js")))
    throw new Error("run npm run build first (build/ts)");
  built("core", "validator", "analyzers.js");
  return {
    corpora: built("test", "helpers", "corpora.js"),
    engine: built("core", "validator", "engine.js"),
    pool: built("core", "validator", "pool.js"),
  };
}

/** The gate on a folder, with its worker threads as the task runs it: every finding. */
async function gate(m, folder, exclude = []) {
  const worker = path.join(root, "build", "ts", "core", "validator", "worker.js");
  const result = await m.engine.validateRoutine(
    folder,
    { exclude, failOn: "never", lang: "en" },
    { analyzeFiles: (files, ctx) => m.pool.analyzeInWorkers(worker, files, ctx) },
  );
  return result.findings;
}

const count = (findings, rule) => findings.filter((f) => f.rule === rule).length;
const split = (findings) =>
  `${findings.length} (SEC001 ${count(findings, "SEC001")}, PTH001 ${count(findings, "PTH001")})`;

/** Every figure of the four sections; each row: what, measured, goal, ok. */
export async function figures(only = undefined) {
  const m = loadBuilt();
  const want = (s) => !only || only.includes(s);
  const rows = [];
  const details = {};
  const { corpora } = m;

  if (want("precision")) {
    const manifest = corpora.precisionManifest();
    const lines = manifest.files.reduce((n, f) => n + f.lines, 0);
    const found = corpora.secretAndPathFindings(await gate(m, corpora.PRECISION));
    details.precision = found;
    rows.push({
      what: `precision corpus (${lines} lines): SEC001 + PTH001, errors and warnings`,
      measured: split(found),
      goal: "0",
      ok: found.length === 0,
    });
  }

  if (want("recall")) {
    const all = await gate(m, corpora.RECALL);
    const { planted, found, printed } = corpora.recallOf(
      corpora.secretAndPathFindings(all),
      all.map((f) => f.message),
    );
    const forms = [...new Set(planted.map((c) => c.form))];
    details.recall = planted.filter((c) => !found.includes(c)).map((c) => `${c.file}:${c.line} ${c.form}`);
    rows.push({
      what: `recall corpus: ${planted.length} planted credentials in ${forms.length} forms, found`,
      measured: `${found.length} / ${planted.length}`,
      goal: "all",
      ok: found.length === planted.length,
    });
    rows.push({
      what: "recall corpus: credentials printed in any finding (8 characters or more)",
      measured: `${printed.length}`,
      goal: "0",
      ok: printed.length === 0,
    });
    for (const form of forms) {
      const of = planted.filter((c) => c.form === form);
      rows.push({
        what: `  form ${form}`,
        measured: `${of.filter((c) => found.includes(c)).length} / ${of.length}`,
        goal: "",
        ok: undefined,
      });
    }
  }

  if (want("logs")) {
    const results = corpora.runLogsThroughGate();
    details.logs = results;
    const matched = results.filter((r) => r.matched).length;
    rows.push({
      what: `run-log corpus: ${results.length} labelled logs (${results.filter((r) => r.label.expected === "pass").length} pass), labels matched`,
      measured: `${matched} / ${results.length} (verdict, LOG005 lines, LOG009 counts)`,
      goal: "all",
      ok: matched === results.length,
    });
  }

  if (want("stdlib")) {
    const stdlib = process.env.LZ_STDLIB_311 || STDLIB_311;
    if (!fs.existsSync(stdlib)) {
      rows.push({
        what: "stdlib 3.11: SEC001 + PTH001",
        measured: `not measured: no CPython 3.11 at ${stdlib} (set LZ_STDLIB_311)`,
        goal: "≤ 8, each listed",
        ok: undefined,
      });
    } else {
      const found = corpora.secretAndPathFindings(await gate(m, stdlib, STDLIB_EXCLUDE));
      const listed = JSON.parse(fs.readFileSync(STDLIB_LIST, "utf8")).findings;
      // A listed finding is the gate's when the rule, file and line agree and its message quotes the path.
      const same = (f, l) =>
        f.rule === l.rule && f.file === l.file && f.line === l.line && f.message.includes(`'${l.args[1]}'`);
      const current =
        found.length === listed.length &&
        found.every((f) => listed.some((l) => same(f, l))) &&
        listed.every((l) => l.why && found.some((f) => same(f, l)));
      details.stdlib = { found, listed, same };
      rows.push({
        what: `stdlib 3.11 (without test folders): SEC001 + PTH001`,
        measured: split(found),
        goal: "≤ 8",
        ok: found.length <= 8,
      });
      rows.push({
        what: `stdlib 3.11: ${path.relative(root, STDLIB_LIST)} current`,
        measured: current ? "yes, each with why it is true" : "DIFFERS",
        goal: "current",
        ok: current,
      });
    }
  }
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
  const { checkLogs } = built("core", "logs", "checkLogs.js");
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
    {
      name: "LOG005: errors and retries",
      run: (n) =>
        checkLogs([
          {
            name: "x.log",
            text: long("", "2022-07-26 15:50:26 ERROR x: fallo\n2022-07-26 15:50:27 INFO reintento exitoso\n", n),
          },
        ]),
    },
  ];
}

function print({ rows, details }) {
  console.table(
    rows.map((r) => ({
      what: r.what,
      measured: r.measured,
      goal: r.goal,
      ok: r.ok === undefined ? "" : r.ok ? "yes" : "NO",
    })),
  );
  if (details.precision?.length) {
    console.log("\nprecision corpus, findings (all false):");
    for (const f of details.precision) console.log(`  ${f.rule} ${f.file}:${f.line} ${f.message.slice(0, 100)}`);
  }
  if (details.recall?.length) console.log(`\nrecall corpus, missed: ${details.recall.join(", ")}`);
  if (details.logs) {
    console.log("\nrun-log corpus, per file (label · the gate's verdict):");
    for (const r of details.logs)
      console.log(
        `  ${r.label.expected.padEnd(4)} · ${r.errorLines.length ? "fail" : "pass"}, LOG005 at ${JSON.stringify(r.errorLines)}, ${r.toleratedIntermittences} intermittence(s), ${r.toleratedRetries} retry(ies) ${r.matched ? "✓" : "✗ MISMATCH"}  ${r.label.file}`,
      );
  }
  if (details.stdlib) {
    console.log("\nstdlib 3.11, the gate's SEC001/PTH001:");
    for (const f of details.stdlib.found) console.log(`  ${f.rule} ${f.file}:${f.line} ${f.message.slice(0, 90)}`);
    for (const l of details.stdlib.listed)
      if (!details.stdlib.found.some((f) => details.stdlib.same(f, l)))
        console.log(`  - listed but not found: ${l.rule} ${l.file}:${l.line} ${l.args.join(" | ")}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { only: { type: "string", multiple: true }, check: { type: "boolean" } } });
  const result = await figures(values.only);
  print(result);
  if (values.check && result.rows.some((r) => r.ok === false)) process.exit(1);
}
