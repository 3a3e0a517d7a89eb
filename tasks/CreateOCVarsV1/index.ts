/**
 * CreateOCVars: runs first in the Create OC stage. Reads the release variables and description,
 * lets core decide, then either sets every OC.* variable or fails listing every problem.
 */
import tl = require("azure-pipelines-task-lib/task");
import { ocInputFromInputs } from "../../core/oc/inputs";
import { prepareOcVariables } from "../../core/oc/ocVariables";
import { renderOcSummary } from "../../core/oc/summary";
import { buildReport } from "../../core/report";
import { failTask, loadTaskStrings, logLine, publishReport, taskInputs, taskLoc } from "../common/taskKit";

function run(): void {
  loadTaskStrings(__dirname);
  const result = prepareOcVariables(ocInputFromInputs(taskInputs(__dirname), (name) => tl.getVariable(name)));
  const release = {
    releaseName: tl.getVariable("Release.ReleaseName"),
    releaseId: tl.getVariable("Release.ReleaseId"),
  };
  publishReport(
    buildReport("CreateOCVars", result.problems, result.variables, taskLoc),
    renderOcSummary(result, taskLoc, release),
  );

  for (const p of result.problems) {
    if (p.severity === "warning") tl.warning(taskLoc(p.code, ...p.args));
  }
  if (!result.ok) {
    const errors = result.problems.filter((p) => p.severity === "error");
    const lines = errors.map((p, i) => `  ${i + 1}. ${taskLoc(p.code, ...p.args)}`);
    tl.setResult(tl.TaskResult.Failed, [taskLoc("FailedWithProblems", errors.length), ...lines].join("\n"));
    return;
  }
  for (const [name, value] of result.variables) logLine(taskLoc("SettingVariable", name, value.replace(/\n/g, " ⏎ ")));
  // Job variables only: the change-order task runs later in the same job. (No declared outputs:
  // sixteen more commands at every run for a reference name nobody needs here.)
  for (const [name, value] of result.variables) tl.setVariable(name, value);
  logLine(taskLoc("SetVariables", result.variables.length));
  // No message on success: with issues, task-lib would log it as one more warning.
  const warned = result.problems.some((p) => p.severity === "warning");
  tl.setResult(warned ? tl.TaskResult.SucceededWithIssues : tl.TaskResult.Succeeded, "");
}

try {
  run();
} catch (err) {
  failTask(err);
}
