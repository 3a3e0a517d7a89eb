// One validation of a folder as ValidateRoutine runs it, in a process of its own, for `npm run bench`:
// the task's shipped worker bundle, its pool started before the folder is walked. Prints one JSON
// line: wall seconds, bytes and files read, findings by rule, and the peak memory of the process
// (its worker threads included).  node scripts/bench-validate-once.mjs [--one-thread] <folder> [exclude glob…]
// --one-thread: every file analyzed in this thread, one after the other: not how anything runs, but a
// measure of the host's speed at that moment (this 2-core host's swings move the gate's figure by 40%).
import path from "node:path";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { root } from "./tasks.mjs";

const require = createRequire(import.meta.url);
const { validateRoutine } = require(path.join(root, "build", "ts", "core", "validator", "engine.js"));
const { startWorkerPool, defaultWorkerCount } = require(path.join(root, "build", "ts", "core", "validator", "pool.js"));

const args = process.argv.slice(2);
const oneThread = args[0] === "--one-thread";
const [folder, ...exclude] = oneThread ? args.slice(1) : args;
const worker = path.join(root, "build", "tasks", "ValidateRoutineV1", "validatorWorker.js");
const t0 = performance.now();
const pool = oneThread ? undefined : startWorkerPool(worker);
let result;
try {
  let analyzeFiles = (f, ctx) => pool.analyze(f, ctx);
  if (oneThread) {
    const { analyzeHere } = require(path.join(root, "build", "ts", "core", "validator", "fileAnalysis.js"));
    const { ANALYZERS } = require(path.join(root, "build", "ts", "core", "validator", "analyzers.js"));
    analyzeFiles = analyzeHere(ANALYZERS);
  }
  result = await validateRoutine(folder, { exclude, failOn: "never" }, { analyzeFiles });
} finally {
  pool?.close();
}
const seconds = (performance.now() - t0) / 1000;
const byRule = {};
for (const f of result.findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
process.stdout.write(
  JSON.stringify({
    seconds,
    bytes: result.stats.bytes,
    files: result.stats.files,
    pythonFiles: result.stats.pythonFiles,
    workers: oneThread ? 0 : defaultWorkerCount(),
    byRule,
    peakMb: process.resourceUsage().maxRSS / 1024,
  }) + "\n",
);
