import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { makeWorkdir } from "../../helpers/routine";
import { DEFAULT_EXPECTED_ERRORS, parseExpectedErrorPatterns, runRoutine } from "../../../core/run/runRoutine";
import { repoRoot } from "../../helpers/taskRun";

const run = (cwd: string, command: string, timeoutMs = 30000, onLine?: (l: string) => void) =>
  runRoutine({
    command,
    cwd,
    timeoutMs,
    expectedErrorPatterns: DEFAULT_EXPECTED_ERRORS,
    outputFile: path.join(cwd, "out", "RunRoutine-output.log"),
    onLine,
    killGraceMs: 500,
  });

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
    assert.match(String(r.findings[1].args[1]), /exit code 1 — explained by the errors expected in dev/);
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
    // Gone, or a zombie waiting for a reaper (a container's PID 1 may not reap): not running either way.
    const stat = path.join("/proc", String(pid), "stat");
    const state = fs.existsSync(stat) ? fs.readFileSync(stat, "utf8").split(") ")[1]?.[0] : "gone";
    assert.ok(
      state === "gone" || state === "Z" || state === "X",
      `the child process is still running (state ${state})`,
    );
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
