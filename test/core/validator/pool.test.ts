/**
 * The worker pool's per-file budget (issue #18): a file whose analysis runs past it gets one FS006
 * finding and its worker is replaced; the other files are analyzed as usual. Runs the built worker
 * (build/cli/validatorWorker.js) as ValidateRoutine does.
 */
import { strict as assert } from "assert";
import * as path from "path";
import { spawnSync } from "child_process";
import { validateRoutine } from "../../../core/validator/engine";
import {
  analyzeInWorkers,
  FileQueue,
  optimizingCompilerBudgetFlag,
  startWorkerPool,
} from "../../../core/validator/pool";
import { analyzeHere } from "../../../core/validator/fileAnalysis";
import { ANALYZERS } from "../../../core/validator/analyzers";
import { DEFAULT_SQL_CALL_WORDS, DEFAULT_SQL_CALLS, mayHoldSql } from "../../../core/sql/extract";
import { makeRoutine, PRD_CONFIG } from "../../helpers/routine";
import { repoRoot } from "../../helpers/taskRun";

describe("the validator's worker pool", function () {
  this.timeout(60000);

  it("gives a file that exceeds its analysis budget one FS006 finding and analyzes the others", async () => {
    // About 12 MB of Python: seconds to parse, far past a 700 ms budget; the small files take milliseconds.
    const big = Array.from({ length: 200_000 }, (_, i) => `valor_${i} = funcion(${i}, "texto ${i}")\n`).join("");
    const routine = makeRoutine({
      "static/config/config.json": PRD_CONFIG,
      "grande.py": big,
      "a.py": 'x = f"{y}"\n',
      "b.py": "import secrets\n",
    });
    const worker = path.join(repoRoot, "build", "cli", "validatorWorker.js");
    const r = await validateRoutine(
      routine,
      { maxFileSizeKb: 20_000 },
      { analyzeFiles: (files, ctx) => analyzeInWorkers(worker, files, ctx, 1, undefined, 700) },
    );
    assert.deepEqual(
      r.findings.map((f) => `${f.rule} ${f.file}`),
      ["PY003 a.py", "PY004 b.py", "FS006 grande.py"],
    );
    assert.match(r.findings[2].message, /took longer than 1 s and was stopped/);
  });

  it("started before the routine is walked, gives the findings of an analysis in this thread, without a progress callback", async () => {
    const routine = makeRoutine({
      "static/config/config.json": PRD_CONFIG,
      "a.py": 'x = f"{y}"\n',
      "b.py": "import secrets\n",
      "c.py": "print 'hola'\n",
      "d.py": "ok = 1\n",
    });
    const worker = path.join(repoRoot, "build", "cli", "validatorWorker.js");
    const pool = startWorkerPool(worker, 2);
    // The workers load (and say ready) before they know the routine: its context comes with the work.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const pooled = await validateRoutine(routine, {}, { analyzeFiles: (files, ctx) => pool.analyze(files, ctx) });
    pool.close();
    const here = await validateRoutine(routine, {}, { analyzeFiles: analyzeHere(ANALYZERS) });
    const lines = (r: typeof here) => r.findings.map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`);
    assert.deepEqual(lines(pooled), lines(here));
    assert.deepEqual(
      pooled.findings.map((f) => `${f.rule} ${f.file}`),
      ["PY003 a.py", "PY004 b.py", "PY002 c.py"],
    );
  });

  it("sends the walked files' bytes, which each worker decodes as the walk would (BOM, Latin-1, columns after non-ASCII)", async () => {
    const routine = makeRoutine({
      "static/config/config.json": PRD_CONFIG,
      "bom.py": "\ufeffx = f'{y}'\n",
      "latin.py": Buffer.from("# -*- coding: latin-1 -*-\nnombre = 'año'\nprint 'hola'\n", "latin1"),
      "acentos.py": "s = 'ñandú 🦤'; z = f'{s}'\n",
      "small.sql": "SELECT monto::INT FROM t\n",
    });
    const worker = path.join(repoRoot, "build", "cli", "validatorWorker.js");
    const pooled = await validateRoutine(
      routine,
      {},
      {
        analyzeFiles: (files, ctx) => {
          assert.ok(
            files.every((f) => f.bytes),
            "the walk keeps each file's bytes for the workers",
          );
          return analyzeInWorkers(worker, files, ctx, 2);
        },
      },
    );
    const here = await validateRoutine(routine, {}, { analyzeFiles: analyzeHere(ANALYZERS) });
    const lines = (r: typeof here) => r.findings.map((f) => `${f.rule} ${f.file}:${f.line}:${f.column} ${f.message}`);
    assert.deepEqual(lines(pooled), lines(here));
    assert.deepEqual(
      pooled.findings.map((f) => `${f.rule} ${f.file}:${f.line}:${f.column}`),
      ["PY003 acentos.py:1:20", "PY003 bom.py:1:5", "FS004 latin.py:1:1", "PY002 latin.py:3:1", "SQL001 small.sql:1:8"],
    );
  });

  it("refuses work once closed, rather than wait for workers that are gone", async () => {
    const worker = path.join(repoRoot, "build", "cli", "validatorWorker.js");
    const pool = startWorkerPool(worker, 2);
    pool.close();
    const routine = makeRoutine({ "static/config/config.json": PRD_CONFIG, "a.py": "x = 1\n" });
    await assert.rejects(
      validateRoutine(routine, {}, { analyzeFiles: (files, ctx) => pool.analyze(files, ctx) }),
      /worker pool was closed/,
    );
  });

  it("gives the files that may hold SQL to the first worker that takes one, before its others; another only when nothing else is left", () => {
    const file = (name: string, size: number) => ({ path: name, absolute: `/r/${name}`, text: "x".repeat(size) });
    const sql = new Set(["q1.py", "q2.py", "c.sql"]);
    const queue = new FileQueue(
      [file("q1.py", 3), file("a.py", 1), file("q2.py", 4), file("b.py", 2), file("c.sql", 5), file("d.py", 6)],
      (f) => sql.has(f.path),
    );
    assert.equal(queue.take(2, 7)!.path, "q1.py", "worker 7 takes the first SQL file, smallest first");
    assert.equal(queue.take(2, 8)!.path, "a.py", "worker 8 gets the others");
    assert.equal(queue.take(2, 7)!.path, "q2.py");
    assert.equal(queue.take(2, 8)!.path, "b.py");
    queue.forget(7); // worker 7 stopped over its budget: the next to take an SQL file gets them
    assert.equal(queue.take(2, 8)!.path, "c.sql");
    assert.equal(queue.take(2, 9)!.path, "d.py");
    assert.equal(queue.take(2, 9), undefined);

    const last = new FileQueue([file("q.py", 1), file("r.py", 1), file("a.py", 1)], (f) => f.path !== "a.py");
    assert.equal(last.take(2, 1)!.path, "q.py");
    assert.equal(last.take(2, 2)!.path, "a.py");
    assert.equal(last.take(2, 2)!.path, "r.py", "with nothing else left, another worker takes an SQL file");
  });

  it("tells the files that may hold SQL from their bytes, without decoding them", () => {
    for (const name of DEFAULT_SQL_CALLS)
      assert.ok(
        DEFAULT_SQL_CALL_WORDS.some((w) => name.includes(w)),
        `${name} holds none of the words looked for`,
      );
    const walked = (p: string, content: string) => {
      const text = () => assert.fail(`${p}: decoded`);
      return {
        path: p,
        absolute: `/r/${p}`,
        bytes: Buffer.from(content, "latin1"),
        get text(): string {
          return text();
        },
      };
    };
    assert.equal(mayHoldSql(walked("a.py", "cur.execute(q)\n"), []), true);
    assert.equal(mayHoldSql(walked("b.py", "año = spark.sql('x')\n"), []), true);
    assert.equal(mayHoldSql(walked("c.py", "print('hola')\n"), []), false);
    assert.equal(mayHoldSql(walked("c.py", "consultar(q)\n"), ["consultar"]), true);
    assert.equal(mayHoldSql(walked("carga.SQL", "SELECT 1"), []), true);
    assert.equal(mayHoldSql(walked("notas.txt", "execute this"), []), false);
    assert.equal(mayHoldSql({ path: "d.py", absolute: "/r/d.py", text: "x.run_query(q)" }, []), true);
  });

  it("hands files out smallest first, and a large one as soon as the other workers' share of the rest matches it", () => {
    const file = (name: string, size: number) => ({ path: name, absolute: `/r/${name}`, text: "x".repeat(size) });
    const small = Array.from({ length: 20 }, (_, i) => file(`s${i}.py`, 1));
    const queue = new FileQueue([file("big.py", 10), ...small]);
    const order: number[] = [];
    for (let f = queue.take(2); f; f = queue.take(2)) order.push(f.text.length);
    // 30 bytes: ten small files, then the big one while 20 are left (10 for the other worker), then the rest.
    assert.deepEqual(order, [...Array(10).fill(1), 10, ...Array(10).fill(1)]);
    assert.equal(queue.length, 0);
    // A file larger than everything else together goes first.
    const lopsided = new FileQueue([file("a.py", 1), file("b.py", 2), file("huge.py", 50)]);
    assert.equal(lopsided.take(2)!.path, "huge.py");
    // Then b.py (2 of the 3 bytes left): a.py is the other worker's.
    assert.equal(lopsided.take(2)!.path, "b.py");
    assert.equal(lopsided.take(2)!.path, "a.py");
  });

  it("analyzes again with the same loaded workers (the fixes' second look), until closed", async () => {
    const routine = makeRoutine({
      "static/config/config.json": PRD_CONFIG,
      "a.py": 'x = f"{y}"\n',
      "b.py": "ok = 1\n",
    });
    const worker = path.join(repoRoot, "build", "cli", "validatorWorker.js");
    const pool = startWorkerPool(worker, 2);
    try {
      const first = await validateRoutine(routine, {}, { analyzeFiles: (files, ctx) => pool.analyze(files, ctx) });
      assert.deepEqual(
        first.findings.map((f) => `${f.rule} ${f.file}`),
        ["PY003 a.py"],
      );
      const ctx = first.context!;
      const again = await pool.analyze(
        [
          { path: "a.py", absolute: path.join(routine, "a.py"), text: 'x = "{}".format(y)\n' },
          { path: "b.py", absolute: path.join(routine, "b.py"), text: "print 'hola'\n" },
        ],
        ctx,
      );
      assert.deepEqual(
        again.map((f) => `${f.rule} ${f.file}`),
        ["PY002 b.py"],
      );
      assert.deepEqual(await pool.analyze([], ctx), []);
    } finally {
      pool.close();
    }
  });
  describe("V8's optimizing compiler budget", () => {
    it("is raised on Node 20's V8 only, where it was measured", () => {
      assert.equal(optimizingCompilerBudgetFlag("11.3.244.8-node.38"), "--interrupt-budget=270336");
      assert.equal(optimizingCompilerBudgetFlag("13.6.233.17-node.37"), undefined);
      assert.equal(optimizingCompilerBudgetFlag("12.4.254.21-node.33"), undefined);
      assert.equal(optimizingCompilerBudgetFlag("11.8.172.17-node.19"), undefined); // Node 21: not measured
    });

    it("is raised once the pool starts: a function called 10,000 times is not optimized yet", function () {
      if (!optimizingCompilerBudgetFlag()) this.skip(); // another Node: the pool leaves V8 as it ships
      // The same probe in a process of its own, with and without a pool started first; V8 says what it compiled.
      const probe = (startPool: boolean) => {
        const script = `
          const { startWorkerPool } = require(${JSON.stringify(path.join(repoRoot, "build", "ts", "core", "validator", "pool.js"))});
          if (${startPool}) startWorkerPool(${JSON.stringify(path.join(repoRoot, "build", "cli", "validatorWorker.js"))}, 1).close();
          function probe(a, b) { return (a * 31 + b) | 0; }
          let x = 0;
          for (let i = 0; i < 10000; i++) x = probe(x, i);`;
        // Without on-stack replacement: V8 would otherwise compile the loop itself, mid-run, and the compiled
        // loop would take the probe's calls over, so whether the probe is ever compiled would depend on timing.
        const r = spawnSync(process.execPath, ["--no-use-osr", "--trace-opt", "-e", script], {
          encoding: "utf8",
          timeout: 30_000,
        });
        assert.equal(r.status, 0, r.stderr);
        // Marked is enough: a background compile may not finish before the process ends.
        return /(marking|completed (compiling|optimizing)) .*<JSFunction probe /.test(r.stdout);
      };
      assert.equal(probe(false), true, "at V8's default budget the probe is optimized (the test's control)");
      assert.equal(probe(true), false);
    });
  });
});
