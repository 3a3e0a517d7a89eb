/** SwitchRoutineDsn's post-job step: runs when the job ends, pass or fail, and restores the original. */
import tl = require("azure-pipelines-task-lib/task");
import { loadTaskStrings, logLine, taskLoc } from "../common/taskKit";
import { failWith, restoreAndReport, SWITCHED_CONFIG } from "./dsnTask";

try {
  loadTaskStrings(__dirname);
  const config = tl.getTaskVariable(SWITCHED_CONFIG);
  if (!config)
    logLine(
      taskLoc(
        "NothingToRestore",
        tl.getInput("configPath", false) || tl.getInput("sitePackagePath", false) || "config.json",
      ),
    );
  else restoreAndReport(config);
  tl.setResult(tl.TaskResult.Succeeded, "");
} catch (err) {
  failWith(err);
}
