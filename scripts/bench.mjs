// The numbers the issues ask for, measured here and printed as a table (never asserted by a
// timed unit test). Run after `npm run build`:  npm run bench [-- --runs 20] [--only cold-start]
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import * as esbuild from "esbuild";
import { nodeBundleOptions } from "./bundleOptions.mjs";
import { root, taskFolders } from "./tasks.mjs";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "25" }, only: { type: "string", multiple: true } },
});
const runs = Number(values.runs);
/** `--only cold-start` (repeatable) runs just those sections: size, cold-start, stdlib, fix, sql, reserve, impala-shell, verify-env, run, tab, hostile, py35, precision, api. */
const want = (section) => !values.only || values.only.includes(section);
const KB = 1024;
const rows = [];
const row = (what, measured, goal, ok) =>
  rows.push({ what, measured, goal, ok: ok === undefined ? "" : ok ? "yes" : "NO" });

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Median wall time of each command, runs interleaved (baseline, task, baseline, task…) so that a
 * busy moment of the machine weighs on both sides alike.
 */
function timeInterleaved(commands) {
  const samples = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    commands.forEach(({ args, env }, k) => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, args, { env: { PATH: process.env.PATH, ...env }, encoding: "utf8" });
      samples[k].push(performance.now() - t0);
      if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    });
  }
  return samples.map(median);
}

// --- package size --------------------------------------------------------------------------
if (want("size")) {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-bench-"));
  execFileSync(process.execPath, [path.join(root, "scripts", "package.mjs"), "--no-build", "--output-dir", outDir], {
    stdio: "pipe",
  });
  const vsix = fs.readdirSync(outDir).find((f) => f.endsWith(".vsix"));
  const vsixSize = fs.statSync(path.join(outDir, vsix)).size;
  // What the source maps weigh inside the package: their compressed size in the zip's directory.
  const { default: JSZip } = await import("jszip");
  const zip = await JSZip.loadAsync(fs.readFileSync(path.join(outDir, vsix)));
  const mapBytes = Object.values(zip.files)
    .filter((f) => f.name.endsWith(".map"))
    .reduce((sum, f) => sum + f._data.compressedSize, 0);
  const BUDGET_VSIX = 6 * 1024 * KB;
  row(
    ".vsix size",
    `${(vsixSize / KB).toFixed(0)} KB with source maps, ${((vsixSize - mapBytes) / KB).toFixed(0)} KB without`,
    "≤ 6 MB with every task, the tab and the maps",
    vsixSize <= BUDGET_VSIX,
  );

  const BUNDLE_BUDGET = { CreateOCVarsV1: 600 * KB };
  const FOLDER_BUDGET = { ValidateRoutineV1: 2.5 * 1024 * KB };
  for (const { name } of taskFolders()) {
    const size = fs.statSync(path.join(root, "build", "tasks", name, "index.bundle.js")).size;
    const budget = BUNDLE_BUDGET[name];
    row(
      `${name} bundle (index.bundle.js)`,
      `${(size / KB).toFixed(0)} KB`,
      budget ? `≤ ${budget / KB} KB` : "",
      budget ? size <= budget : undefined,
    );
    const folderBudget = FOLDER_BUDGET[name];
    if (folderBudget) {
      const dir = path.join(root, "build", "tasks", name);
      const files = fs
        .readdirSync(dir, { recursive: true })
        .map((f) => path.join(dir, String(f)))
        .filter((f) => fs.statSync(f).isFile());
      const sizeOf = (list) => list.reduce((a, f) => a + fs.statSync(f).size, 0);
      const total = sizeOf(files.filter((f) => !f.endsWith(".map")));
      const maps = sizeOf(files.filter((f) => f.endsWith(".map")));
      row(
        `${name} folder (without .map)`,
        `${(total / KB).toFixed(0)} KB (+ ${(maps / KB).toFixed(0)} KB of source maps)`,
        `≤ ${(folderBudget / KB / 1024).toFixed(1)} MB`,
        total <= folderBudget,
      );
    }
  }
}

// --- task cold start: bundle start to result on a tiny input, vs `node -e 0` ----------------
if (want("cold-start")) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lz-bench-task-"));
  const COLD_START_INPUTS = {
    CreateOCVarsV1: {
      AGENT_TEMPDIRECTORY: tmp,
      INPUT_ARTIFACTVERSION: "20220111.1",
      INPUT_PMOVARIABLE: "codigoPMO",
      INPUT_CELULAVARIABLE: "Nombre Celula",
      INPUT_CONTACTNAMEVARIABLE: "nombreContacto",
      INPUT_CONTACTPHONEVARIABLE: "numeroContacto",
      INPUT_REPOSITORYVARIABLE: "repositoryName",
      INPUT_PACKAGEVARIABLE: "packageName",
      INPUT_ZONAVARIABLE: "zona",
      INPUT_DESCRIPTIONVARIABLE: "Release.ReleaseDescription",
      INPUT_DEPENDENCYMAPPING: "EVC00037 = Entorno Otros EVC",
      CODIGOPMO: "EVC00037",
      NOMBRE_CELULA: "DAIA15 - DRACARYS",
      NOMBRECONTACTO: "Ana",
      NUMEROCONTACTO: "3001234567",
      REPOSITORYNAME: "alm-bana-fco2",
      PACKAGENAME: "alm_bana_fco2",
      ZONA: "proceso_bana_vp_riesgos",
      RELEASE_RELEASEDESCRIPTION: "TITULO: t\nNECESIDAD: HU1: n\nSOLUCION: s\nBENEFICIO: b\nIMPACTO: i",
    },
  };
  // The floor every task shares: a bundle that only loads azure-pipelines-task-lib, built as the tasks
  // are. Its vault writes a key file and encrypts every input at load: what is left above it is ours.
  // No target since issue #14 (a few ms in stages that run for minutes); shown so a regression is visible.
  const taskLibOnly = path.join(tmp, "task-lib-only.js");
  await esbuild.build({
    ...nodeBundleOptions,
    stdin: { contents: 'require("azure-pipelines-task-lib/task")', resolveDir: root },
    outfile: taskLibOnly,
    logLevel: "error",
  });
  for (const { name } of taskFolders()) {
    const env = COLD_START_INPUTS[name];
    if (!env) continue;
    const [baseline, floor, ms] = timeInterleaved([
      { args: ["-e", "0"], env: {} },
      { args: [taskLibOnly], env },
      { args: [path.join(root, "build", "tasks", name, "index.js")], env },
    ]);
    row(
      `${name} cold start`,
      `${ms.toFixed(1)} ms vs node -e 0 ${baseline.toFixed(1)} ms = ${(ms / baseline).toFixed(2)}×`,
      "reported (no target)",
    );
    row(`  of which task-lib load alone`, `${floor.toFixed(1)} ms = ${(floor / baseline).toFixed(2)}×`, "");
  }
}

// --- lz validate and lz fix on the CPython standard library (issues #3, #15, #19) ------------------------
/** The python3 standard library copied without its site-packages, as a user's folder: both commands run on it. */
function stdlibCopy() {
  const stdlib = spawnSync("python3", ["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], {
    encoding: "utf8",
  }).stdout.trim();
  if (!stdlib || !fs.existsSync(stdlib)) return undefined;
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-bench-stdlib-")), "stdlib");
  fs.cpSync(stdlib, copy, { recursive: true, filter: (p) => !/[\\/]site-packages([\\/]|$)/.test(p) });
  return { stdlib, copy };
}

if (want("stdlib")) {
  const corpus = stdlibCopy();
  if (corpus) {
    const { stdlib, copy } = corpus;
    // The whole `lz validate` command, as the issues measure it, three times, the median reported: on this
    // 2-core host one run varies by ±10% with the machine's other work, more than most changes measured here.
    const samples = [];
    for (let i = 0; i < 3; i++) {
      const load = os.loadavg()[0];
      const t0 = performance.now();
      const r = spawnSync(
        process.execPath,
        [path.join(root, "bin", "lz.js"), "validate", copy, "--format", "json", "--fail-on", "never"],
        { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" },
      );
      if (r.status !== 0) throw new Error(`lz validate exited ${r.status}: ${r.stderr}`);
      samples.push({ seconds: (performance.now() - t0) / 1000, load });
    }
    // Once more in a process that reports what was read, the findings and its peak memory (worker threads
    // included), as ValidateRoutine runs it: the task's shipped worker bundle, the pool started before the walk.
    const result = JSON.parse(
      execFileSync(process.execPath, [path.join(root, "scripts", "bench-validate-once.mjs"), copy], {
        encoding: "utf8",
        maxBuffer: 1 << 20,
      }),
    );
    const seconds = median(samples.map((s) => s.seconds));
    const mb = result.bytes / 1024 / 1024;
    row(
      "validate stdlib: files",
      `${result.files} (${result.pythonFiles} .py) of ${stdlib} (site-packages aside)`,
      "no crash on any file",
      true,
    );
    row(
      "validate stdlib: speed",
      `lz validate: ${mb.toFixed(1)} MB in ${seconds.toFixed(1)} s = ${(mb / seconds).toFixed(2)} MB/s, median of ${samples
        .map((s) => `${(mb / s.seconds).toFixed(2)} MB/s (load ${s.load.toFixed(1)})`)
        .join(", ")}; as the task runs it: ${(mb / result.seconds).toFixed(2)} MB/s (${result.workers} workers)`,
      "≥ 3 MB/s",
      mb / seconds >= 3,
    );
    row("validate stdlib: peak memory", `${result.peakMb.toFixed(0)} MB`, "≤ 500 MB", result.peakMb <= 500);
    // The host's speed right after: the same validation in one thread. On this 2-core host it took
    // 12.7–17.9 s within half an hour with the same build, and the gate's figure swung with it.
    const reference = JSON.parse(
      execFileSync(process.execPath, [path.join(root, "scripts", "bench-validate-once.mjs"), "--one-thread", copy], {
        encoding: "utf8",
        maxBuffer: 1 << 20,
      }),
    );
    row(
      "validate stdlib: host speed",
      `the same validation in one thread: ${reference.seconds.toFixed(1)} s (load ${os.loadavg()[0].toFixed(1)}); compare runs only at a like figure`,
      "",
    );
    row(
      "validate stdlib: findings",
      Object.entries(result.byRule)
        .sort()
        .map(([k, v]) => `${k} ${v}`)
        .join(", "),
      "",
    );
    fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  }
}

if (want("fix")) {
  // The whole `lz fix` (validation, fixes, validation again, diff) in its own process, as a user runs it.
  const corpus = stdlibCopy();
  if (corpus) {
    const { copy } = corpus;
    const out = path.join(path.dirname(copy), "fix.json");
    const fd = fs.openSync(out, "w");
    const load = os.loadavg()[0];
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [path.join(root, "bin", "lz.js"), "fix", copy, "--format", "json"], {
      stdio: ["ignore", fd, "pipe"],
      encoding: "utf8",
    });
    const seconds = (performance.now() - t0) / 1000;
    fs.closeSync(fd);
    let report;
    try {
      report = JSON.parse(fs.readFileSync(out, "utf8"));
    } catch {
      report = undefined;
    }
    // What the validator read (as the stdlib section counts it), not the copy's compiled files.
    const mb = (report?.stats.bytes ?? 0) / 1024 / 1024;
    const fixed = report?.patches.reduce((n, p) => n + p.fixed, 0) ?? 0;
    row(
      "lz fix stdlib: speed",
      `${mb.toFixed(1)} MB in ${seconds.toFixed(1)} s = ${(mb / seconds).toFixed(2)} MB/s (load average ${load.toFixed(1)} on ${os.cpus().length} cores)`,
      "≥ 1 MB/s",
      mb / seconds >= 1,
    );
    row(
      "lz fix stdlib: result",
      report
        ? `exit ${r.status}; ${fixed} findings fixed in ${report.patches.length} files; ${report.refused.length} files refused by the second validation; ${report.unfixed.length} findings left without a fix`
        : `exit ${r.status}: ${(r.stderr ?? "").slice(-300)}`,
      "no crash (exit 0 or 1)",
      !!report && (r.status === 0 || r.status === 1),
    );
    fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  }
}

// --- ValidateRoutine: SQL throughput (issue #4) -----------------------------------------------
if (want("sql")) {
  // A generated routine: distinct statements of the kinds routines run, half in .sql files and half
  // passed from Python; validated on one core (no workers) so the figure is per core.
  {
    const { createRequire } = await import("node:module");
    const require = createRequire(import.meta.url);
    require(path.join(root, "build", "ts", "core", "validator", "analyzers.js"));
    const { validateRoutine } = require(path.join(root, "build", "ts", "core", "validator", "engine.js"));
    const statement = (i) =>
      [
        `INSERT OVERWRITE TABLE proceso_b.resumen_${i} PARTITION (anio=2024) SELECT c.cliente, SUM(p.valor) AS total, COUNT(*) AS n, MAX(p.fecha) FROM proceso_b.pagos_${i} p JOIN resultados.clientes c ON p.cliente = c.id WHERE p.valor > ${i} AND c.activo GROUP BY c.cliente`,
        `CREATE TABLE IF NOT EXISTS proceso_b.tmp_${i} STORED AS PARQUET AS SELECT cliente, valor, ROW_NUMBER() OVER (PARTITION BY cliente ORDER BY fecha DESC) AS rn FROM proceso_b.pagos_${i}`,
        `SELECT cliente, CASE WHEN valor > ${i} THEN 'alto' ELSE 'bajo' END AS rango, if(valor IS NULL, 0, valor) FROM proceso_b.pagos_${i} WHERE fecha >= now() - INTERVAL ${(i % 30) + 1} DAYS`,
        `COMPUTE INCREMENTAL STATS proceso_b.resumen_${i}`,
      ][i % 4];
    const measure = async (count) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-bench-sql-"));
      fs.mkdirSync(path.join(dir, "static", "config"), { recursive: true });
      fs.mkdirSync(path.join(dir, "static", "sql"), { recursive: true });
      fs.writeFileSync(
        path.join(dir, "static", "config", "config.json"),
        '{"dsn": "impala-virtual-prd", "zona": "proceso_b"}',
      );
      const half = Math.floor(count / 2);
      const sql = Array.from({ length: half }, (_, i) => statement(i) + ";\n").join("\n");
      const py =
        "def correr(cursor):\n" +
        Array.from({ length: count - half }, (_, i) => `    cursor.execute("""${statement(half + i)}""")\n`).join("");
      fs.writeFileSync(path.join(dir, "static", "sql", "carga.sql"), sql);
      fs.writeFileSync(path.join(dir, "orquestador.py"), py);
      const bytes = Buffer.byteLength(sql) + Buffer.byteLength(py);
      const t0 = performance.now();
      const r = await validateRoutine(dir, { failOn: "never" });
      const seconds = (performance.now() - t0) / 1000;
      fs.rmSync(dir, { recursive: true, force: true });
      const sql001 = r.findings.filter((f) => f.rule === "SQL001").length;
      return { seconds, bytes, sql001 };
    };
    const small = await measure(200);
    row(
      "SQL: routine of 200 statements, one core",
      `${small.seconds.toFixed(2)} s (${small.sql001} SQL001)`,
      "≤ 10 s, 0 SQL001",
      small.seconds <= 10 && small.sql001 === 0,
    );
    const big = await measure(1000);
    row(
      "SQL: throughput, 1,000 statements",
      `${(1000 / big.seconds).toFixed(0)} statements/s, ${(big.bytes / 1024 / big.seconds).toFixed(1)} KB/s`,
      "",
    );
  }
}

// --- ReserveInventory: 20 concurrent `lz reserve` processes on the embedded file (issue #5) ----
if (want("reserve")) {
  {
    const { spawn } = await import("node:child_process");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-bench-inv-"));
    const db = path.join(dir, "inventario.sqlite");
    const reserveOnce = (i) =>
      new Promise((resolve, reject) => {
        const args = [
          path.join(root, "bin", "lz.js"),
          "reserve",
          "--backend",
          "embedded",
          "--db",
          db,
          "--periodicity",
          "Diaria",
          "--kind",
          "routine",
          "--app",
          "CSD",
          "--semilla",
          `repo-${String(i).padStart(2, "0")}`,
          "--descripcion",
          `rutina ${i}`,
          "--requested-by",
          "bench",
          "--run-day",
          "L-V",
          "--run-time",
          "06:00",
          "--format",
          "json",
        ];
        const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.on("close", (code) =>
          code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`lz reserve exited ${code}: ${out}`)),
        );
      });
    const t0 = performance.now();
    const first = await Promise.all(Array.from({ length: 20 }, (_, i) => reserveOnce(i)));
    const seconds = (performance.now() - t0) / 1000;
    const again = await Promise.all(Array.from({ length: 20 }, (_, i) => reserveOnce(i)));
    const { createRequire } = await import("node:module");
    const require = createRequire(import.meta.url);
    const { EmbeddedBackend } = require(path.join(root, "build", "ts", "core", "inventory", "embedded.js"));
    const rows = await new EmbeddedBackend(db).all();
    const distinct = new Set(first.map((r) => r.package)).size;
    const same = again.every((r, i) => r.package === first[i].package && r.reused);
    row(
      "reserve: 20 concurrent processes",
      `${distinct} distinct numbers, ${rows.length} rows, ${20 - distinct} duplicates in ${seconds.toFixed(1)} s`,
      "20 distinct, 20 rows, 0 duplicates",
      distinct === 20 && rows.length === 20,
    );
    row(
      "reserve: rerun of each",
      same ? "same numbers, reused, no new row" : "DIFFERENT",
      "same numbers, no new rows",
      same && rows.length === 20,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// --- ReserveInventory through the faithful fake impala-shell (issue #21) ----------------------
if (want("impala-shell")) {
  const { createRequire } = await import("node:module");
  const require = createRequire(import.meta.url);
  const built = (...p) => require(path.join(root, "build", "ts", ...p));
  const fakes = built("test", "helpers", "fakeImpalaShell.js");
  const { ImpalaShellBackend } = built("core", "inventory", "impalaShell.js");
  const { reserve } = built("core", "inventory", "reserve.js");
  const { COLUMNS } = built("core", "inventory", "sql.js");
  if (!fakes.fakePython()) row("impala-shell: value set", `not measured: ${fakes.NO_PYTHON}`, "0 differences", false);
  else {
    const withFake = async (options, env, work) => {
      const fake = fakes.installFakeImpalaShell(options);
      const backend = (extra = {}) =>
        new ImpalaShellBackend({
          shellPath: fake.shell,
          host: "impala",
          port: 21050,
          kerberos: true,
          ssl: true,
          ...extra,
        });
      return fakes.withFakeEnv(fake, () => work(fake, backend), env);
    };
    const values = fakes.HOSTILE_VALUES;
    const rowOf = (i, v) =>
      Object.fromEntries(COLUMNS.map((c) => [c, c === "package" ? `SQOOPDI${i + 1}` : c === "proceso" ? `P${i}` : v]));
    for (const [label, options, env] of [
      ["tarball impala-shell", {}, {}],
      ["pip impala-shell, Python 3.6, C locale", { entryPoint: "pip", python: "3.6" }, { LC_ALL: "C" }],
    ]) {
      const differences = await withFake(options, env, async (fake, backend) => {
        const b = backend({ settleMs: 0 });
        let different = 0;
        for (const [i, v] of values.entries()) {
          await b.insert(rowOf(i, v));
          const back = await b.rows({ semilla: v, package: `SQOOPDI${i + 1}` });
          const stored = fake.rows()[i];
          if (
            JSON.stringify(back) !== JSON.stringify([rowOf(i, v)]) ||
            JSON.stringify(stored) !== JSON.stringify(rowOf(i, v))
          )
            different++;
        }
        return different;
      });
      row(
        `impala-shell: ${values.length} hostile values × ${COLUMNS.length - 2} columns (${label})`,
        `${differences} differences between inserted and read back`,
        "0 differences",
        differences === 0,
      );
    }
    // Two releases read the same last number, then both insert: the smaller semilla keeps it.
    const semillas = ['repo-b\n"dos"', "repo-a 'uno'\n\"1\""];
    const outcome = await withFake({}, {}, async (fake, backend) => {
      let arrived = 0;
      let open;
      const gate = new Promise((resolve) => (open = resolve));
      const racing = () => {
        const b = backend({ settleMs: 400 });
        const packages = b.packages.bind(b);
        let first = true;
        b.packages = async () => {
          const list = await packages();
          if (first) {
            first = false;
            if (++arrived === semillas.length) open();
            await gate;
          }
          return list;
        };
        return b;
      };
      const request = (semilla) => ({
        huType: "nueva",
        kind: "routine",
        periodicity: "Diaria",
        app: "CSD",
        semilla,
        tables: [],
        dataFolder: "",
        descripcion: "línea 1 \"con comillas\"\nlínea 2 con 'apóstrofos' y ${var:x}",
        requestedBy: "bench",
        runDay: "L-V",
        runTime: "06:00",
        prerequisite: "",
        dryRun: false,
      });
      const results = await Promise.all(semillas.map((s) => reserve(racing(), request(s))));
      const stored = fake.rows();
      return {
        keeper: results[1].ok && results[1].reservations[0].package === "SQOOPDI1",
        loser: results[0].problems.map((p) => p.code).join(",") === "Collision",
        intact:
          stored.length === 2 &&
          stored.every((r) => r.descripcion === request("").descripcion && semillas.includes(r.semilla)),
      };
    });
    row(
      "impala-shell: two releases racing for one number (newlines, quotes)",
      `${outcome.keeper ? "smaller semilla keeps SQOOPDI1" : "WRONG KEEPER"}, ${outcome.loser ? "the other fails naming both rows" : "NO COLLISION REPORTED"}, ${outcome.intact ? "rows read back intact" : "ROWS CHANGED"}`,
      "tie-break by the smaller semilla (#5)",
      outcome.keeper && outcome.loser && outcome.intact,
    );
  }
}

// --- VerifyRoutineEnv: compare a 5,000-file site-package with its source (issue #7) ----------
if (want("verify-env")) {
  {
    const { createRequire } = await import("node:module");
    const require = createRequire(import.meta.url);
    const { verifyEnvironment } = require(path.join(root, "build", "ts", "core", "env", "verifyEnv.js"));
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "lz-bench-env-"));
    const site = path.join(base, "zona_b", "alm-big", "venv", "lib", "python3.5", "site-packages", "alm_big");
    const source = path.join(base, "src-checkout", "src", "alm_big");
    fs.mkdirSync(path.join(base, "zona_b", "alm-big", "venv"), { recursive: true });
    fs.writeFileSync(path.join(base, "zona_b", "alm-big", "venv", "pyvenv.cfg"), "");
    for (let i = 0; i < 5000; i++) {
      const rel = path.join(`mod${i % 50}`, `file${i}.py`);
      const content = `# module ${i}\n` + "x = 1\n".repeat(200 + (i % 300));
      for (const dir of [site, source]) {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), i === 7 && dir === source ? content + "# changed\n" : content);
      }
    }
    const t0 = performance.now();
    const r = verifyEnvironment({
      baseDirectory: base,
      zona: "zona_b",
      repositoryName: "alm-big",
      maxAgeHours: 24,
      sourcePath: path.join(base, "src-checkout"),
    });
    const seconds = (performance.now() - t0) / 1000;
    row(
      "verify-env: compare 5,000 files",
      `${seconds.toFixed(2)} s (${r.compared.files} files, ${r.compared.changed} changed found)`,
      "≤ 2 s",
      seconds <= 2 && r.compared.changed === 1,
    );
    fs.rmSync(base, { recursive: true, force: true });
  }
}

// --- RunRoutine against a hostile routine (issue #18): one 700 MB line; `setsid sleep 40 &` -----
if (want("run")) {
  {
    const runRoutineJs = path.join(root, "build", "ts", "core", "run", "runRoutine.js");
    // Each case in its own process, so that its peak RSS is its own.
    const measure = (command, timeoutMs) => {
      const script = `
        const { runRoutine } = require(${JSON.stringify(runRoutineJs)});
        const fs = require("fs"), os = require("os"), path = require("path");
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-bench-run-"));
        let longest = 0;
        const t0 = Date.now();
        runRoutine({ command: ${JSON.stringify(command)}, cwd: dir, timeoutMs: ${timeoutMs}, expectedErrorPatterns: [],
          outputFile: path.join(dir, "out.log"), onLine: (l) => (longest = Math.max(longest, l.length)) })
          .then((r) => {
            console.log(JSON.stringify({ ms: Date.now() - t0, rssMB: process.resourceUsage().maxRSS / 1024, longest,
              cut: r.cutLines, stopped: r.stoppedProcesses, timedOut: r.timedOut }));
            fs.rmSync(dir, { recursive: true, force: true });
          });`;
      const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`run bench exited ${r.status}: ${r.stderr}`);
      return JSON.parse(r.stdout);
    };
    const writer = `"${process.execPath}" -e "const b = Buffer.alloc(1 << 20, 120); for (let i = 0; i < 700; i++) process.stdout.write(b); process.stdout.write('\\n')"`;
    const line = measure(writer, 120000);
    row(
      "run: one 700 MB output line",
      `${(line.ms / 1000).toFixed(1)} s, peak RSS ${line.rssMB.toFixed(0)} MB, ${line.cut} line cut to ${line.longest} characters`,
      "≤ 30 s and ≤ 500 MB RSS (was a crash)",
      line.ms <= 30000 && line.rssMB <= 500 && line.cut === 1,
    );
    const sleeper = measure("setsid sleep 40 & exec sleep 30", 3000);
    row(
      "run: `setsid sleep 40 &` under a 3 s timeout",
      `${(sleeper.ms / 1000).toFixed(1)} s, stopped ${sleeper.stopped.length} processes (${sleeper.stopped.map((p) => p.name).join(", ")})`,
      "≤ timeout + grace (3 + 5 s; was 40 s)",
      sleeper.ms <= 8500 && sleeper.stopped.some((p) => p.name === "sleep"),
    );
  }
}

// --- The release tab (issues #6, #13): page weight, first render in the host, REST calls ----------
if (want("tab")) {
  {
    const zlib = await import("node:zlib");
    for (const page of ["tab", "hub"]) {
      const gz = ["js", "css"].reduce(
        (sum, ext) => sum + zlib.gzipSync(fs.readFileSync(path.join(root, "build", "hub", `${page}.${ext}`))).length,
        0,
      );
      row(`release ${page}: JS + CSS gzip`, `${(gz / KB).toFixed(0)} KB (fonts apart)`, "≤ 450 KB", gz <= 450 * KB);
    }
    {
      // The built pages inside the fake Azure DevOps host of the browser tests (SDK handshake, project
      // service, real REST clients against the fake services): first render, and the REST calls of a
      // Load from HU and of a Review + Save (issue #13: ≤ 5 and ≤ 3).
      const { launchChromium } = await import("./browser.mjs");
      const require = createRequire(import.meta.url);
      const helpers = path.join(root, "build", "ts", "test", "helpers");
      if (!fs.existsSync(path.join(helpers, "fakeHost.js"))) throw new Error("run npm run build first (build/ts)");
      const { FakeDevOps } = require(path.join(helpers, "fakeHost.js"));
      const fake = await new FakeDevOps().start();
      const browser = await launchChromium();
      // When the page's first useful content is on screen, in the extension frame's own clock.
      const markFirstRender = (page) =>
        page.addInitScript(() => {
          if (window === window.top) return;
          new window.MutationObserver((_m, observer) => {
            if (!window.document.querySelector(".lz-form, [id$='lz-release']")) return;
            observer.disconnect();
            window.requestAnimationFrame(() => (window.lzFirstRender = window.performance.now()));
          }).observe(window.document, { childList: true, subtree: true });
        });
      try {
        for (const kind of ["tab", "hub"]) {
          const times = [];
          for (let i = 0; i < 5; i++) {
            fake.rest.reset();
            const hosted = await fake.open(browser, kind, {}, { prepare: markFirstRender });
            await hosted.frame.waitForFunction(() => window.lzFirstRender !== undefined);
            times.push(await hosted.frame.evaluate(() => window.lzFirstRender));
            await hosted.page.close();
          }
          const first = median(times);
          row(
            `release ${kind}: first render in the host (headless chromium)`,
            `${first.toFixed(0)} ms after the frame's navigation start (median of 5)`,
            "≤ 1 s",
            first <= 1000,
          );
        }
        fake.rest.reset();
        const { frame, page } = await fake.open(browser, "tab");
        await frame.waitForSelector("[id$='lz-hu']");
        await frame.fill("[id$='lz-hu']", "3224139");
        let before = fake.rest.calls().length;
        await frame.click("[id$='lz-load']");
        await frame.waitForSelector("text=Loaded from HU 3224139");
        const load = fake.rest.calls().slice(before);
        const overlap = (a, b) => a.start < b.end && b.start < a.end;
        row(
          "release tab: REST calls of Load from HU",
          `${load.length} (parent and PR in parallel: ${overlap(load[1], load[2]) ? "yes" : "no"})`,
          "≤ 5, independent ones in parallel",
          load.length <= 5 && overlap(load[1], load[2]),
        );
        await frame.fill("[id$='lz-var-numeroContacto']", "3001234567");
        before = fake.rest.calls().length;
        await frame.click("[id$='lz-review']");
        await frame.click("[id$='lz-save']");
        await frame.waitForSelector("text=Saved:");
        const saveCalls = fake.rest.calls().slice(before);
        row(
          "release tab: REST calls of Review + Save",
          `${saveCalls.length} (${saveCalls.map((r) => r.method).join(", ")})`,
          "≤ 3",
          saveCalls.length <= 3,
        );
        await page.close();
      } finally {
        await browser.close();
        await fake.stop();
      }
    }
  }
}

// --- Hostile input (issue #18): zip bombs, endless lines and downloads, folder trees too deep -----
if (want("hostile")) {
  // Each case runs in a child process of its own, as a task run does, so that its peak memory
  // (maxRSS, worker threads included) is its own; the inputs are built by test/helpers/hostile.ts.
  const ts = (...p) => path.join(root, "build", "ts", ...p);
  const { createRequire } = await import("node:module");
  const require = createRequire(import.meta.url);
  const hostile = require(ts("test", "helpers", "hostile.js"));
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "lz-bench-hostile-"));
  const runner = path.join(base, "case.cjs");
  fs.writeFileSync(
    runner,
    `const path = require("path");
const [kind, target, extra] = process.argv.slice(2);
const ts = (...p) => path.join(${JSON.stringify(root)}, "build", "ts", ...p);
(async () => {
  const t0 = Date.now();
  let findings;
  if (kind === "download") {
    const { downloadLogAttachments } = require(ts("core", "logs", "huLogs.js"));
    async function* endless() {
      for (;;) yield Buffer.alloc(64 * 1024, "a");
    }
    const gateway = {
      listAttachments: async () => [{ name: "infinito.zip", url: "http://x/_apis/wit/attachments/1" }],
      download: async () => endless(),
    };
    findings = (await downloadLogAttachments(gateway, 1, target, 50)).findings;
  } else {
    require(ts("core", "validator", "analyzers.js"));
    const { validateRoutine } = require(ts("core", "validator", "engine.js"));
    const { analyzeInWorkers } = require(ts("core", "validator", "pool.js"));
    const worker = ts("core", "validator", "worker.js");
    const r = await validateRoutine(
      target,
      { failOn: "never", ...JSON.parse(extra || "{}") },
      { analyzeFiles: (files, ctx) => analyzeInWorkers(worker, files, ctx) },
    );
    findings = r.findings;
  }
  const byRule = {};
  for (const f of findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  console.log(JSON.stringify({ ms: Date.now() - t0, rssMb: process.resourceUsage().maxRSS / 1024, byRule }));
})();
`,
  );
  const measure = (what, kind, target, extra, expect) => {
    const r = spawnSync(process.execPath, [runner, kind, target, JSON.stringify(extra ?? {})], {
      encoding: "utf8",
      timeout: 120_000,
    });
    let out;
    try {
      out = JSON.parse(r.stdout.trim().split("\n").pop());
    } catch {
      row(what, `crashed (exit ${r.status}${r.signal ? ", " + r.signal : ""}): ${r.stderr.slice(0, 200)}`, "", false);
      return;
    }
    // What the hostile input caused (the example routine's own findings are the same every time).
    const rules = Object.entries(out.byRule)
      .filter(([rule]) => /^(LOG|FS|LZV)/.test(rule) || expect.includes(rule))
      .sort()
      .map(([k, v]) => `${k}×${v}`)
      .join(" ");
    const found = expect.every((rule) => out.byRule[rule]);
    row(
      what,
      `${(out.ms / 1000).toFixed(2)} s, ${out.rssMb.toFixed(0)} MB RSS; ${rules || "no findings"}`,
      `≤ 30 s, ≤ 500 MB, ${expect.join(" + ")}`,
      out.ms <= 30_000 && out.rssMb <= 500 && found,
    );
  };
  const { goodRunStarts, logName, runLog } = require(ts("test", "helpers", "logs.js"));
  const routine = path.join(root, "examples", "alm_demo_rutina");
  /** A folder with the ten good runs, plus `name` = `content`. */
  const logsWith = (name, content) => {
    const dir = fs.mkdtempSync(path.join(base, "logs-"));
    for (const d of goodRunStarts()) fs.writeFileSync(path.join(dir, logName(d)), runLog(d));
    fs.writeFileSync(path.join(dir, name), content);
    return dir;
  };
  measure(
    "hostile: zip bomb, 1 GiB of zeros in 1 MB (honest headers)",
    "validate",
    routine,
    {
      logsPath: logsWith("bomba.zip", hostile.zipBomb()),
    },
    ["LOG007"],
  );
  measure(
    "hostile: zip bomb whose headers say 1 KB",
    "validate",
    routine,
    {
      logsPath: logsWith("bomba.zip", hostile.lyingZip()),
    },
    ["LOG007"],
  );
  {
    const errors = Buffer.alloc(45 * 1024 * 1024, "2022-07-20 06:00:01 ERROR x\n");
    const member = (i) => ({ ...hostile.textMember(`logs/run_${i}.log`, errors) });
    measure(
      "hostile: zip of 5 × 45 MB of error lines (past maxZipMb)",
      "validate",
      routine,
      { logsPath: logsWith("errores.zip", hostile.zipArchive([0, 1, 2, 3, 4].map(member))) },
      ["LOG007", "LOG005"],
    );
  }
  measure(
    "hostile: zip of 1,001 members",
    "validate",
    routine,
    {
      logsPath: logsWith("muchos.zip", hostile.manyMembersZip(1001)),
    },
    ["LOG007"],
  );
  measure(
    "hostile: 50 MB single-line log",
    "validate",
    routine,
    {
      logsPath: logsWith("20220801_060000_orquestador_linea.log", Buffer.alloc(50 * 1024 * 1024, "a")),
    },
    ["LOG007"],
  );
  {
    const folder = fs.mkdtempSync(path.join(base, "hu-"));
    measure("hostile: endless HU attachment download", "download", folder, {}, ["LOG007"]);
  }
  {
    const deep = fs.mkdtempSync(path.join(base, "deep-"));
    fs.cpSync(routine, deep, { recursive: true });
    fs.writeFileSync(path.join(deep, hostile.folderChain(deep, 1100, "d"), "oculto.py"), 'x = f"{y}"\n');
    measure("hostile: 1,100 nested folders (maxFolderDepth 64)", "validate", deep, {}, ["FS005"]);
    measure(
      "hostile: 1,100 nested folders walked whole (maxFolderDepth 2000)",
      "validate",
      deep,
      { maxFolderDepth: 2000 },
      ["PY003"],
    );
  }
  {
    // Regular expressions (item 5). The built-in patterns on 2 MB strings made to make a backtracking
    // engine stall (a credential URL that never closes, a path that never ends, key = value runs), as
    // literals in a Python file and as lines of a config file.
    const adversarial = {
      url: "x://" + "u".repeat(1024 * 1024) + ":" + "p".repeat(1024 * 1024),
      urls: "a://b:".repeat(350_000),
      pwd: "PWD=".repeat(500_000),
      path: "/home/" + "a".repeat(2 * 1024 * 1024),
      windows: "C:\\" + "a ".repeat(1024 * 1024),
      keys: "password=".repeat(230_000),
    };
    const dir = fs.mkdtempSync(path.join(base, "regex-"));
    fs.cpSync(routine, dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, "adversario.py"),
      Object.entries(adversarial)
        .map(([k, v]) => `${k} = "${v}"\n`)
        .join(""),
    );
    fs.writeFileSync(path.join(dir, "adversario.properties"), Object.values(adversarial).join("\n") + "\n");
    measure(
      "hostile: 2 MB adversarial strings for the built-in patterns (SEC001, PTH001)",
      "validate",
      dir,
      { maxFileSizeKb: 65_536 },
      ["PTH001"],
    );
    // A user's catastrophic pattern: (a+)+$ runs in RE2 (linear); one RE2 refuses runs in JavaScript
    // under a 1 s budget per text and ends as LZV004.
    const line = "2022-07-20 06:00:01 INFO " + "a".repeat(1024 * 1024 - 30) + "!";
    const logs = logsWith("20220801_060000_orquestador_lento.log", line + "\n");
    const lz = path.join(base, "lz-config.json");
    fs.writeFileSync(lz, JSON.stringify({ logs: { errorPattern: "(a+)+$" } }));
    measure(
      "hostile: user errorPattern (a+)+$ on a 1 MB line (RE2)",
      "validate",
      routine,
      { logsPath: logs, configFile: lz },
      [],
    );
    fs.writeFileSync(lz, JSON.stringify({ logs: { errorPattern: "(a+)+$(?<=x)" } }));
    measure(
      "hostile: user errorPattern with lookbehind, catastrophic (JavaScript, 1 s budget)",
      "validate",
      routine,
      { logsPath: logs, configFile: lz },
      ["LZV004"],
    );
  }
  {
    const deep = fs.mkdtempSync(path.join(base, "pathmax-"));
    fs.cpSync(routine, deep, { recursive: true });
    const undo = hostile.beyondPathMax(deep, 2, 30, ["oculto.py", "x = 1\n"]);
    measure("hostile: folder tree deeper than PATH_MAX", "validate", deep, {}, ["FS005"]);
    undo();
  }
  fs.rmSync(base, { recursive: true, force: true });
}

// --- The Python 3.5 gate on the labelled corpus, and vermin on the same files (issue 15) ----------
if (want("py35")) {
  const { corpus, validatorVerdicts, verminVerdicts, agreement, percent } = await import("./py35-agreement.mjs");
  const files = corpus();
  const ours = agreement(files, validatorVerdicts(files));
  row("py35 corpus", `${files.length} files, ${Object.keys(ours.byKind).length} kinds`, "≥ 400, ≥ 10 per kind");
  row("py35: lz validate, exact verdict", percent(ours.exact, ours.files), "≥ 97%", ours.exact / ours.files >= 0.97);
  row("py35: lz validate, accept/reject", percent(ours.acceptReject, ours.files), "");
  const vermin = verminVerdicts(files, process.env.VERMIN_PATH);
  if (vermin) {
    const theirs = agreement(files, vermin.verdicts);
    row(`py35: vermin (${vermin.version}), exact verdict`, percent(theirs.exact, theirs.files), "");
    row(`py35: vermin (${vermin.version}), accept/reject`, percent(theirs.acceptReject, theirs.files), "");
  } else row("py35: vermin", "vermin not available (set VERMIN_PATH to a vermin checkout)", "");
}

// --- SEC001/PTH001 and LOG005 without false alarms (issue 20): the gate on the corpora and the stdlib -----
if (want("precision")) {
  const { figures, adversarialInputs } = await import("./precision-corpora.mjs");
  for (const r of (await figures()).rows) if (!r.what.startsWith("  ")) row(r.what, r.measured, r.goal, r.ok);
  // Linear-time patterns: each hostile input at 1 MB and 2 MB; a linear scan takes about twice as long.
  let worst = { ms: 0, name: "" };
  let steepest = { ratio: 0, name: "" };
  for (const { name, run } of adversarialInputs()) {
    // The fastest of three: a garbage collection in one run is not the pattern's cost.
    const time = (mb) => {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        run(mb * 1024 * 1024);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    time(0.1);
    const one = time(1);
    const two = time(2);
    if (two > worst.ms) worst = { ms: two, name };
    // Below 20 ms the ratio is timer noise.
    const ratio = two / Math.max(one, 20);
    if (ratio > steepest.ratio) steepest = { ratio, name };
  }
  row(
    "precision: new detectors on hostile 2 MB inputs",
    `slowest ${worst.ms.toFixed(0)} ms (${worst.name}); steepest 2 MB / 1 MB = ${steepest.ratio.toFixed(1)}× (${steepest.name})`,
    "≤ 2 s, linear (≤ 3×)",
    worst.ms <= 2000 && steepest.ratio <= 3,
  );
}

// --- The API process (issue #16): lz api add-table on a 3,000-line template ------------------------
if (want("api")) {
  const { createRequire } = await import("node:module");
  const require = createRequire(import.meta.url);
  const { templateOfLines } = require(path.join(root, "build", "ts", "test", "helpers", "apiTemplates.js"));
  const { addTable, parseKeySpec } = require(path.join(root, "build", "ts", "core", "api", "addTable.js"));
  const { diffLines } = require("diff");
  const big = templateOfLines(3000);
  const lines = big.split("\n").length;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-bench-api-"));
  const template = path.join(dir, "template.yaml");
  const params = path.join(dir, "params.json");
  const paramsText = '[\n  { "ParameterKey": "Environment", "ParameterValue": "dev" }\n]\n';
  const args = [path.join(root, "bin", "lz.js"), "api", "add-table", "--template", template, "--params", params];
  args.push("--api", "AlterCtraScoreDelta", "--table", "saldos_cartera", "--partition-key", "num_documento:S");
  args.push("--sort-key", "fecha_corte:N");
  // The whole command as the user runs it (process start, read, edit, verify, write), on a fresh copy each time.
  // A preloaded line reports the process's CPU time at exit: on a machine other jobs keep busy, the
  // wall time grows with their load, the CPU time much less.
  const cpuReport = path.join(dir, "cpu.cjs");
  fs.writeFileSync(
    cpuReport,
    'process.on("exit", () => { const u = process.cpuUsage(); process.stderr.write(`lz-bench-cpu ${u.user + u.system}\\n`); });\n',
  );
  const samples = [];
  const cpu = [];
  let after = "";
  for (let i = 0; i < Math.min(runs, 15); i++) {
    fs.writeFileSync(template, big);
    fs.writeFileSync(params, paramsText);
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ["-r", cpuReport, ...args], { encoding: "utf8" });
    samples.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`lz api add-table exited ${r.status}: ${r.stderr}`);
    cpu.push(Number(/lz-bench-cpu (\d+)/.exec(r.stderr)[1]) / 1000);
    after = fs.readFileSync(template, "utf8");
  }
  // The rest of the file: every part of the diff is an insertion, or a line grown by one (a flow DependsOn).
  const parts = diffLines(big, after);
  const removed = parts.filter((p) => p.removed).map((p) => p.value);
  const unchanged = removed.every((line) => /^ +DependsOn: \[.*\]\n$/.test(line));
  const added = parts.filter((p) => p.added).reduce((n, p) => n + p.count, 0);
  const seconds = median(samples) / 1000;
  row(
    `api: lz api add-table, ${lines}-line template`,
    `${seconds.toFixed(2)} s wall, ${(median(cpu) / 1000).toFixed(2)} s CPU (median of ${samples.length}, whole command, load average ${os.loadavg()[0].toFixed(1)}); ${added} lines added, ${removed.length} line(s) grown, the rest unchanged: ${unchanged ? "yes" : "NO"}`,
    "< 1 s, rest unchanged byte for byte",
    seconds < 1 && unchanged,
  );
  // The same command under Node 24 (the agent's newer handler), when the tests fetched it.
  const node24Dir = path.join(root, "node_modules", ".cache", "lz-node24");
  const node24 = fs.existsSync(node24Dir)
    ? fs
        .readdirSync(node24Dir)
        .map((v) => path.join(node24Dir, v, "package", "bin", "node"))
        .find((f) => fs.existsSync(f))
    : undefined;
  if (node24) {
    const samples24 = [];
    for (let i = 0; i < Math.min(runs, 15); i++) {
      fs.writeFileSync(template, big);
      fs.writeFileSync(params, paramsText);
      const t0 = performance.now();
      const r = spawnSync(node24, args, { encoding: "utf8" });
      samples24.push(performance.now() - t0);
      if (r.status !== 0) throw new Error(`lz api add-table (Node 24) exited ${r.status}: ${r.stderr}`);
    }
    row(
      `api: the same under Node 24`,
      `${(median(samples24) / 1000).toFixed(2)} s wall`,
      "< 1 s",
      median(samples24) < 1000,
    );
  }
  const inProcess = [];
  for (let i = 0; i < Math.min(runs, 15); i++) {
    const t0 = performance.now();
    addTable({
      template: { file: "t", text: big },
      params: [],
      api: "AlterCtraScoreDelta",
      table: `tabla_${i}`,
      partitionKey: parseKeySpec("id:S"),
    });
    inProcess.push(performance.now() - t0);
  }
  row("api: add-table in process (parse, splice, re-parse, re-check)", `${median(inProcess).toFixed(0)} ms`, "");
  fs.rmSync(dir, { recursive: true, force: true });
}

// --- report ---------------------------------------------------------------------------------
console.log(`bench: ${os.cpus().length} cores, node ${process.version}, median of ${runs} runs\n`);
const width = (k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length));
const cols = ["what", "measured", "goal", "ok"];
const line = (r) => "| " + cols.map((c) => String(r[c]).padEnd(width(c))).join(" | ") + " |";
console.log(line({ what: "what", measured: "measured", goal: "goal", ok: "ok" }));
console.log("|" + cols.map((c) => "-".repeat(width(c) + 2)).join("|") + "|");
for (const r of rows) console.log(line(r));
