import { strict as assert } from "assert";
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
