import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { makeWorkdir } from "../../helpers/routine";
import {
  DEFAULT_EXPECTED_ERRORS,
  parseExpectedErrorPatterns,
  runRoutine,
  RunOptions,
} from "../../../core/run/runRoutine";
import { argInEnglish } from "../../helpers/i18n";
import { repoRoot } from "../../helpers/taskRun";

const run = (
  cwd: string,
  command: string,
  timeoutMs = 30000,
  onLine?: (l: string) => void,
  extra: Partial<RunOptions> = {},
) =>
  runRoutine({
    command,
    cwd,
    timeoutMs,
    expectedErrorPatterns: DEFAULT_EXPECTED_ERRORS,
    outputFile: path.join(cwd, "out", "RunRoutine-output.log"),
    onLine,
    killGraceMs: 500,
    ...extra,
  });

/** Whether `pid` is still running: gone, or a zombie waiting for a reaper (a container's PID 1 may not reap), is not. */
function running(pid: number): boolean {
  const stat = path.join("/proc", String(pid), "stat");
  let state = "gone";
  try {
    state = fs.readFileSync(stat, "utf8").split(") ")[1]?.[0] ?? "gone";
  } catch {
    /* gone */
  }
  return !(state === "gone" || state === "Z" || state === "X");
}

/** The pid a routine's process wrote to `file` (waits for it to appear). */
async function pidIn(file: string): Promise<number> {
  for (let i = 0; i < 100 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 50));
  return Number(fs.readFileSync(file, "utf8"));
}

describe("running the routine (real python3 processes)", function () {
  this.timeout(60000);

  it("a successful run: exit 0, no finding, output saved and streamed", async () => {
    const dir = makeWorkdir({ "runner.py": "print('Iniciando')\nprint('Orquestador finalizado exitosamente')\n" });
    const seen: string[] = [];
    const r = await run(dir, "python3 runner.py", 30000, (l) => seen.push(l));
    assert.equal(r.exitCode, 0);
    assert.deepEqual(r.findings, []);
    assert.deepEqual(seen, ["Iniciando", "Orquestador finalizado exitosamente"]);
    assert.equal(
      fs.readFileSync(path.join(dir, "out", "RunRoutine-output.log"), "utf8"),
      "Iniciando\nOrquestador finalizado exitosamente\n",
    );
  });

  it("a traceback is a finding at the routine's file and line, plus the exit code", async () => {
    const dir = makeWorkdir({
      "alm_x/carga.py": "def cargar(fecha):\n    partes = fecha.split('-')\n    return int(partes[3])\n",
      "runner.py":
        "import sys\nsys.path.insert(0, '.')\nfrom alm_x.carga import cargar\nprint('inicio')\ncargar('2024-01-05')\n",
    });
    const r = await run(dir, "python3 runner.py");
    assert.equal(r.exitCode, 1);
    assert.deepEqual(
      r.findings.map((f) => `${f.rule} ${f.file}:${f.line}`),
      ["RUN001 alm_x/carga.py:3", "RUN003 :1"],
    );
    assert.equal(r.findings[0].args[1], "IndexError: list index out of range");
  });

  it("a missing privilege in dev is expected, not a finding", async () => {
    const dir = makeWorkdir({
      "runner.py":
        "import sys\nprint('ERROR: AuthorizationException: User svc_dev does not have privileges to access: resultados.clientes', file=sys.stderr)\nsys.exit(1)\n",
    });
    const r = await run(dir, "python3 runner.py");
    assert.deepEqual(
      r.findings.map((f) => f.rule),
      ["RUN002", "RUN002"],
    );
    assert.match(argInEnglish(r.findings[1].args[1]), /exit code 1 — explained by the errors expected in dev/);
  });

  it("an Impala error that dev does not explain is a finding with its output line", async () => {
    const dir = makeWorkdir({
      "runner.py": "print('ok')\nprint('ERROR: AnalysisException: Syntax error in line 1: SELEC')\n",
    });
    const r = await run(dir, "python3 runner.py");
    assert.deepEqual(
      r.findings.map((f) => `${f.rule} ${f.file}:${f.line}`),
      ["RUN001 RunRoutine-output.log:2"],
    );
  });

  it("a timeout stops the routine and its child processes", async () => {
    const dir = makeWorkdir({
      "runner.py":
        "import subprocess, time\np = subprocess.Popen(['sleep', '120'])\nopen('child.pid', 'w').write(str(p.pid))\nprint('esperando', flush=True)\ntime.sleep(120)\n",
    });
    const t0 = Date.now();
    const r = await run(dir, "python3 runner.py", 1500);
    assert.ok(Date.now() - t0 < 15000);
    assert.equal(r.timedOut, true);
    assert.deepEqual(
      r.findings.map((f) => f.rule),
      ["RUN004"],
    );
    const pid = Number(fs.readFileSync(path.join(dir, "child.pid"), "utf8"));
    await new Promise((res) => setTimeout(res, 700));
    assert.equal(running(pid), false, "the child process is still running");
  });

  // `setsid` leaves the routine's process group and session: a group kill misses it, and it holds the
  // output pipes open, so waiting for them held the task until it ended.
  const SETSID_SLEEPER = "setsid sh -c 'echo $$ > sleeper.pid; exec sleep 40' &";

  it("`setsid sleep 40 &` under a 3 s timeout: the run ends within timeout + grace and the sleeper is gone", async () => {
    const dir = makeWorkdir({});
    const t0 = Date.now();
    const r = await run(dir, `${SETSID_SLEEPER} exec sleep 30`, 3000);
    const elapsed = Date.now() - t0;
    const sleeper = await pidIn(path.join(dir, "sleeper.pid"));
    assert.equal(r.timedOut, true);
    assert.ok(elapsed < 3000 + 500 + 3000, `the run took ${elapsed} ms (timeout 3000 ms, grace 500 ms)`);
    assert.equal(running(sleeper), false, `the setsid sleeper ${sleeper} is still running`);
    assert.ok(
      r.stoppedProcesses.some((p) => p.pid === sleeper && p.name === "sleep"),
      JSON.stringify(r.stoppedProcesses),
    );
  });

  it("`setsid sleep 40 &` then a normal exit: the end does not wait for the sleeper, which is stopped and named", async () => {
    const dir = makeWorkdir({});
    const t0 = Date.now();
    // The routine exits as soon as the sleeper is sleeping.
    const r = await run(dir, `${SETSID_SLEEPER} while [ ! -s sleeper.pid ]; do sleep 0.05; done; sleep 0.2`, 3000);
    const sleeper = await pidIn(path.join(dir, "sleeper.pid"));
    assert.ok(Date.now() - t0 < 3000 + 500 + 3000, `the run took ${Date.now() - t0} ms`);
    assert.equal(r.exitCode, 0);
    assert.equal(running(sleeper), false, `the setsid sleeper ${sleeper} is still running`);
    assert.deepEqual(r.stoppedProcesses, [{ pid: sleeper, name: "sleep" }]);
  });

  it("a background child that outlives a normal exit is stopped and named, even one with its output elsewhere", async () => {
    const dir = makeWorkdir({
      "runner.py":
        "import subprocess, sys\n" +
        "p = subprocess.Popen(['sh', '-c', 'echo $$ > bg.pid; exec sleep 30'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)\n" +
        // Ends once the child is sleeping, so that it is stopped as `sleep`, not while still `sh`.
        "subprocess.call(['sh', '-c', 'until [ -s bg.pid ]; do sleep 0.05; done; sleep 0.2'])\n" +
        "print('terminado')\n",
    });
    const r = await run(dir, "python3 runner.py");
    const bg = await pidIn(path.join(dir, "bg.pid"));
    assert.equal(r.exitCode, 0);
    assert.deepEqual(r.findings, []);
    assert.equal(running(bg), false, `the background child ${bg} is still running`);
    assert.deepEqual(r.stoppedProcesses, [{ pid: bg, name: "sleep" }]);
  });

  it("never signals the task's own process or its ancestors while stopping what the routine left", async () => {
    const dir = makeWorkdir({});
    const signalled: number[] = [];
    const realKill = process.kill;
    process.kill = ((pid: number, signal?: string | number) => {
      signalled.push(pid);
      return realKill.call(process, pid, signal);
    }) as typeof process.kill;
    let r;
    try {
      r = await run(
        dir,
        "sh -c 'echo $$ > bg.pid; exec sleep 30' >/dev/null 2>&1 & until [ -s bg.pid ]; do sleep 0.05; done; sleep 0.2",
      );
    } finally {
      process.kill = realKill;
    }
    const bg = await pidIn(path.join(dir, "bg.pid"));
    assert.deepEqual(r.stoppedProcesses, [{ pid: bg, name: "sleep" }]);
    assert.ok(signalled.includes(bg), `signalled ${signalled.join(", ")}`);
    let pid = process.pid;
    for (let i = 0; i < 64 && pid > 0; i++) {
      assert.equal(
        signalled.some((p) => Math.abs(p) === pid),
        false,
        `signalled ${pid}, the task or an ancestor`,
      );
      pid = Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]);
    }
  });

  it("stops waiting for the output pipes once the routine is gone and the grace period ends", async () => {
    // A process with a cleared environment, outside the routine's tree once its parent exits, holding stdout.
    const dir = makeWorkdir({});
    const t0 = Date.now();
    const r = await run(dir, "setsid env -i sh -c 'echo $$ > held.pid; exec sleep 20' & sleep 0.3; echo fin", 60000);
    const held = await pidIn(path.join(dir, "held.pid"));
    try {
      assert.ok(Date.now() - t0 < 0.3 * 1000 + 500 + 3000, `the run took ${Date.now() - t0} ms`);
      assert.equal(r.exitCode, 0);
      assert.equal(r.pipesAbandoned, true);
    } finally {
      if (running(held)) process.kill(held, "SIGKILL");
    }
  });

  it("neutralizes agent commands in the streamed lines (stdout and stderr), keeping the saved output as written", async () => {
    const dir = makeWorkdir({
      "runner.py":
        "import sys\n" +
        "print('##vso[task.setvariable variable=INJECTED]pwned')\n" +
        "print('ok\\r##[error]falso', file=sys.stderr)\n",
    });
    const seen: string[] = [];
    await run(dir, "python3 runner.py", 30000, (l) => seen.push(l));
    assert.deepEqual(seen.sort(), [
      "#\u200b#[error]falso",
      "#\u200b#vso[task.setvariable variable=INJECTED]pwned",
      "ok",
    ]);
    assert.match(fs.readFileSync(path.join(dir, "out", "RunRoutine-output.log"), "utf8"), /^##vso\[task\.setvariable/m);
  });

  it("a 256 MB single line is cut at the bound with a note, in bounded memory", async () => {
    const dir = makeWorkdir({
      "runner.py":
        "import sys\nchunk = 'x' * (1 << 20)\nfor _ in range(256):\n    sys.stdout.write(chunk)\nsys.stdout.write('\\nERROR: despues\\n')\n",
    });
    const seen: string[] = [];
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const r = await run(dir, "python3 runner.py", 60000, (l) => seen.push(l));
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    assert.ok(peak - before < 100 * 1024 * 1024, `memory grew by ${Math.round((peak - before) / 1048576)} MB`);
    assert.ok(seen[0].length < 2 * (1 << 20), `a line of ${seen[0].length} characters was streamed`);
    assert.equal(r.exitCode, 0);
    assert.equal(r.lines, 2);
    assert.equal(r.cutLines, 1);
    assert.equal(seen.length, 2);
    assert.ok(seen[0].startsWith("x".repeat(1 << 20)), "the first 1 MB is kept");
    assert.match(seen[0].slice(1 << 20), /^ \[… 267386880 more bytes of this line were cut\]$/);
    assert.ok(fs.statSync(path.join(dir, "out", "RunRoutine-output.log")).size < 2 * (1 << 20));
    assert.deepEqual(
      r.findings.map((f) => `${f.rule} ${f.line}`),
      ["RUN001 2"],
    );
  });

  it("the line bound is an option, and the note can be localized", async () => {
    const dir = makeWorkdir({ "runner.py": "print('a' * 5000)\nprint('corta')\n" });
    const seen: string[] = [];
    const r = await run(dir, "python3 runner.py", 30000, (l) => seen.push(l), {
      maxLineBytes: 1000,
      cutNote: (n) => `[se cortaron ${n} bytes]`,
    });
    assert.deepEqual(seen, ["a".repeat(1000) + " [se cortaron 4000 bytes]", "corta"]);
    assert.equal(r.cutLines, 1);
  });

  it("huge output is streamed to the file with bounded findings", async () => {
    const dir = makeWorkdir({
      "runner.py":
        "import sys\nfor i in range(300000):\n    print('linea %d ERROR simulado' % i if i % 1000 == 0 else 'linea %d' % i)\n",
    });
    const before = process.memoryUsage().rss;
    const r = await run(dir, "python3 runner.py");
    assert.equal(r.exitCode, 0);
    assert.equal(r.lines, 300000);
    assert.equal(r.findings.length, 200, "findings are capped");
    assert.equal(r.moreErrors, 100);
    assert.ok(fs.statSync(path.join(dir, "out", "RunRoutine-output.log")).size > 3_000_000);
    assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024, "memory stays bounded");
  });
});

describe("the expected-error patterns", () => {
  it("are one regular expression per line, blank lines ignored; the first invalid one is named with the reason", () => {
    assert.deepEqual(parseExpectedErrorPatterns(" does not have privileges \r\n\nTable does not exist\n"), {
      patterns: ["does not have privileges", "Table does not exist"],
    });
    const bad = parseExpectedErrorPatterns("ok\n([a-z\n(also");
    assert.equal(bad.invalid?.pattern, "([a-z");
    assert.match(bad.invalid?.error ?? "", /Invalid regular expression/);
  });

  it("default to the same list in core (lz run) and in RunRoutine's task.json", () => {
    const task = JSON.parse(fs.readFileSync(path.join(repoRoot, "tasks", "RunRoutineV1", "task.json"), "utf8"));
    const input = task.inputs.find((i: { name: string }) => i.name === "expectedErrorPatterns");
    assert.deepEqual(parseExpectedErrorPatterns(input.defaultValue).patterns, DEFAULT_EXPECTED_ERRORS);
  });
});
