import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { makeWorkdir } from "../helpers/routine";
import { describeOnTaskNodes, runTask, uploadedSummary } from "../helpers/taskRun";

const run = (inputs: Record<string, string>, variables: Record<string, string> = {}) =>
  runTask("RunRoutineV1", {
    inputs: {
      timeoutMinutes: "5",
      failOn: "error",
      expectedErrorPatterns: "does not have privileges\nCould not resolve table reference",
      ...inputs,
    },
    variables,
  });

describeOnTaskNodes("RunRoutine task", function () {
  this.timeout(60000);

  it("streams the output and fails on a traceback, annotated at the routine's file and line", async () => {
    const dir = makeWorkdir({
      "alm_x/main.py": "def run():\n    return 1 / 0\n",
      "runPyEnv.py":
        "import sys\nsys.path.insert(0, '.')\nprint('Iniciando rutina')\nfrom alm_x.main import run\nrun()\n",
    });
    const r = await run({ command: "python3 runPyEnv.py --resultDir zona", workingDirectory: dir });
    assert.equal(r.result, "Failed", r.stdout);
    assert.match(r.stdout, /^Iniciando rutina$/m);
    const issue = r.commands.find((c) => c.command === "task.logissue" && c.properties.code === "RUN001")!;
    assert.equal(issue.properties.sourcepath, path.join(dir, "alm_x/main.py"));
    assert.equal(issue.properties.linenumber, "2");
    assert.match(issue.message, /ZeroDivisionError: division by zero/);
    assert.equal(r.variables.get("RunRoutine.ExitCode")?.message, "1");
    assert.match(uploadedSummary(r), /RUN003/);
  });

  it("passes a run whose only errors are expected in dev", async () => {
    const dir = makeWorkdir({
      "r.py":
        "import sys\nprint(\"AnalysisException: Could not resolve table reference: 'resultados.x'\", file=sys.stderr)\nsys.exit(2)\n",
    });
    const r = await run({ command: "python3 r.py", workingDirectory: dir });
    assert.equal(r.result, "Succeeded", r.stdout);
    assert.equal(r.variables.get("RunRoutine.Errors")?.message, "0");
  });

  it("names the release variables the default command needs when they are not defined", async () => {
    const r = await run({ command: 'python3 "$(runnerPath)" --resultDir "$(zona)"' }, { "System.Culture": "es-ES" });
    assert.equal(r.result, "Failed");
    assert.match(
      r.runner.errorIssues[0],
      /El comando usa variable\(s\) del release runnerPath, zona que este release no define/,
    );
  });

  it("classifies the log files the routine wrote during the run", async () => {
    const dir = makeWorkdir({
      "r.py":
        "import os\nos.makedirs('logs', exist_ok=True)\nopen('logs/20240105_101010_orquestador_x.log', 'w').write('INFO ok\\nERROR: AnalysisException: Syntax error\\n')\nprint('listo')\n",
    });
    const r = await run({ command: "python3 r.py", workingDirectory: dir, logsPath: path.join(dir, "logs") });
    assert.equal(r.result, "Failed");
    const issue = r.commands.find((c) => c.command === "task.logissue")!;
    assert.equal(issue.properties.sourcepath, path.join(dir, "logs", "20240105_101010_orquestador_x.log"));
    assert.match(r.stdout, /Also read 1 log file\(s\)/);
  });
});

/** Whether `pid` is still running (a zombie waiting for a reaper is not). */
function running(pid: number): boolean {
  try {
    const state = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

describeOnTaskNodes("RunRoutine task, hostile routines", function () {
  this.timeout(90000);

  it("a routine's output cannot issue agent commands (stdout, stderr, after \\r), and still reads the same", async () => {
    const dir = makeWorkdir({
      "r.py":
        "import sys\n" +
        "print('##vso[task.setvariable variable=INJECTED]pwned')\n" +
        "print('##vso[task.setvariable variable=INJECTED_ERR]pwned', file=sys.stderr)\n" +
        "print('progreso\\r##vso[task.setvariable variable=INJECTED_CR]pwned')\n" +
        "print('##[error]falso error')\n" +
        "print('##vso[task.complete result=Failed;]done')\n",
    });
    const r = await run({ command: "python3 r.py", workingDirectory: dir });
    assert.equal(r.result, "Succeeded", r.stdout);
    for (const name of ["INJECTED", "INJECTED_ERR", "INJECTED_CR"]) assert.equal(r.variables.has(name), false, name);
    assert.deepEqual(
      r.commands.filter((c) => c.command === "task.complete").map((c) => c.properties.result),
      ["Succeeded"],
    );
    assert.equal(/^\s*##\[/m.test(r.stdout), false, "a line starts with ##[");
    const readable = r.stdout.replaceAll("\u200b", "");
    assert.match(readable, /^##vso\[task\.setvariable variable=INJECTED\]pwned$/m);
    assert.match(readable, /^##\[error\]falso error$/m);
  });

  it("`setsid sleep 40 &` under a 3 s timeout: the task ends within timeout + grace, the sleeper is gone and named", async () => {
    const dir = makeWorkdir({});
    const t0 = Date.now();
    const r = await run({
      command: "setsid sh -c 'echo $$ > sleeper.pid; exec sleep 40' & exec sleep 30",
      workingDirectory: dir,
      timeoutMinutes: "0.05",
    });
    const elapsed = Date.now() - t0;
    const sleeper = Number(fs.readFileSync(path.join(dir, "sleeper.pid"), "utf8"));
    assert.equal(r.result, "Failed");
    assert.ok(elapsed < 3000 + 5000 + 10000, `the task took ${elapsed} ms`);
    assert.equal(running(sleeper), false, `the sleeper ${sleeper} is still running`);
    assert.match(uploadedSummary(r), /RUN004/);
    assert.match(r.stdout, new RegExp(`Stopped at the timeout: .*pid ${sleeper} \\(sleep\\)`));
  });

  it("a background child left after a normal exit is stopped and named in a warning, in Spanish too", async () => {
    const dir = makeWorkdir({});
    const r = await run(
      {
        command:
          "sh -c 'echo $$ > bg.pid; exec sleep 30' >/dev/null 2>&1 & until [ -s bg.pid ]; do sleep 0.05; done; sleep 0.2; echo listo",
        workingDirectory: dir,
      },
      { "System.Culture": "es-ES" },
    );
    const bg = Number(fs.readFileSync(path.join(dir, "bg.pid"), "utf8"));
    assert.equal(r.result, "Succeeded", r.stdout);
    assert.equal(running(bg), false, `the background child ${bg} is still running`);
    assert.match(
      r.runner.warningIssues.join("\n"),
      new RegExp(`La rutina terminó pero dejó 1 proceso\\(s\\) en ejecución; se detuvieron: pid ${bg} \\(sleep\\)`),
    );
  });

  it("a 5 MB single line is cut at maxLineKB with a note in the agent's language", async () => {
    const dir = makeWorkdir({ "r.py": "import sys\nsys.stdout.write('x' * (5 << 20) + '\\nfin\\n')\n" });
    const r = await run(
      { command: "python3 r.py", workingDirectory: dir, maxLineKB: "1" },
      { "System.Culture": "es-ES" },
    );
    assert.equal(r.result, "Succeeded", r.stdout.slice(0, 2000));
    const line = r.stdout.split("\n").find((l) => l.startsWith("xxx"))!;
    assert.equal(line, "x".repeat(1024) + ` [… se cortaron ${(5 << 20) - 1024} bytes más de esta línea]`);
    assert.match(r.stdout, /^fin$/m);
    assert.match(r.stdout, /1 línea\(s\) de la salida pasaban de 1 KB/);
  });

  it("refuses a maxLineKB that is not a whole number of KB from 1 to 65536, naming the input", async () => {
    const r = await run({ command: "echo hola", maxLineKB: "1,5" });
    assert.equal(r.result, "Failed");
    assert.match(r.runner.errorIssues[0], /Input maxLineKB '1,5' is not a whole number of KB from 1 to 65536/);
  });
});
