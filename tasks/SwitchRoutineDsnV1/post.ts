/** SwitchRoutineDsn's post-job step: runs when the job ends, pass or fail, and restores the original. */
import * as path from "path";
import tl = require("azure-pipelines-task-lib/task");
import { taskLoc } from "../common/taskKit";
import { failWith, restoreAndReport, SWITCHED_CONFIG } from "./dsnTask";

try {
  tl.setResourcePath(path.join(__dirname, "task.json"));
  const config = tl.getTaskVariable(SWITCHED_CONFIG);
  if (!config)
    console.log(
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
