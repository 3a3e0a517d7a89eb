/** What the task's main and post-job entries share: which file, and the restore with its messages. */
import * as path from "path";
import tl = require("azure-pipelines-task-lib/task");
import { DsnError, restoreDsn } from "../../core/env/dsnSwitch";
import { isUnresolvedMacro } from "../../core/text";
import { failTask, logLine, optionalFilePath, taskLoc } from "../common/taskKit";

/** The task variable through which the main step tells its post-job step what to restore. */
export const SWITCHED_CONFIG = "LZ_SWITCHED_CONFIG";

export function configFromInputs(): string {
  const explicit = optionalFilePath("configPath");
  if (explicit) return explicit;
  const site = tl.getInput("sitePackagePath", false)?.trim() ?? "";
  if (!site || isUnresolvedMacro(site)) throw new DsnError("ConfigMissing", []);
  return path.join(site, "static", "config", "config.json");
}

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
  if (err instanceof DsnError) {
    if (err.code === "ConfigMissing" && !err.args.length) {
      tl.setResult(tl.TaskResult.Failed, taskLoc("ConfigPathMissing", tl.getInput("sitePackagePath", false) ?? ""));
    } else tl.setResult(tl.TaskResult.Failed, taskLoc(err.code, ...err.args));
    return;
  }
  failTask(err);
}
