/** What the task's main and post-job entries share: the restore with its messages, and the failure ending. */
import tl = require("azure-pipelines-task-lib/task");
import { DsnError, restoreDsn } from "../../core/env/dsnSwitch";
import { failTask, logLine, taskLoc } from "../common/taskKit";

/** The task variable through which the main step tells its post-job step what to restore. */
export const SWITCHED_CONFIG = "LZ_SWITCHED_CONFIG";

export function restoreAndReport(config: string): void {
  const outcome = restoreDsn(config);
  if (!outcome.restored) {
    logLine(taskLoc("NothingToRestore", config));
    return;
  }
  if (outcome.modifiedKeptAt) tl.warning(taskLoc("RestoredModifiedKept", config, outcome.modifiedKeptAt));
  if (outcome.configWasMissing) tl.warning(taskLoc("RestoredConfigWasMissing", config));
  logLine(taskLoc("Restored", config));
}

export function failWith(err: unknown): void {
  if (err instanceof DsnError) return tl.setResult(tl.TaskResult.Failed, taskLoc(err.code, ...err.args));
  failTask(err);
}
