/** SwitchRoutineDsn: switch (restored by post.ts when the job ends) or restore now. */
import tl = require("azure-pipelines-task-lib/task");
import { backupPath, switchDsn } from "../../core/env/dsnSwitch";
import { switchRequestFromInputs } from "../../core/env/inputs";
import { loadTaskStrings, logLine, takeInputProblems, taskInputs, taskLoc } from "../common/taskKit";
import { failWith, restoreAndReport, SWITCHED_CONFIG } from "./dsnTask";

function run(): void {
  loadTaskStrings(__dirname);
  const { request, problems } = switchRequestFromInputs(taskInputs(__dirname));
  takeInputProblems(problems);
  const { config, from, to } = request;
  if (request.mode === "restore") {
    restoreAndReport(config);
    return tl.setResult(tl.TaskResult.Succeeded, "");
  }
  const outcome = switchDsn(config, from, to, { allowReadOnly: request.allowReadOnly });
  if (outcome.recovered?.restored) tl.warning(taskLoc("Recovered", config));
  // Only now, with the file switched, does the post-job step have something to restore.
  tl.setTaskVariable(SWITCHED_CONFIG, config);
  logLine(taskLoc("Switched", config, from, to, backupPath(config)));
  tl.setResult(tl.TaskResult.Succeeded, "");
}

try {
  run();
} catch (err) {
  failWith(err);
}
