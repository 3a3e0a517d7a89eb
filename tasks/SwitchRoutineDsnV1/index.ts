/** SwitchRoutineDsn: switch (restored by post.ts when the job ends) or restore now. */
import tl = require("azure-pipelines-task-lib/task");
import { backupPath, switchDsn } from "../../core/env/dsnSwitch";
import { loadTaskStrings, logLine, taskLoc } from "../common/taskKit";
import { configFromInputs, failWith, restoreAndReport, SWITCHED_CONFIG } from "./dsnTask";

function run(): void {
  loadTaskStrings(__dirname);
  const config = configFromInputs();
  if (tl.getInput("mode", false) === "restore") {
    restoreAndReport(config);
    return tl.setResult(tl.TaskResult.Succeeded, "");
  }
  const from = tl.getInput("from", true)!.trim();
  const to = tl.getInput("to", true)!.trim();
  const outcome = switchDsn(config, from, to, { allowReadOnly: tl.getBoolInput("allowReadOnly", false) });
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
