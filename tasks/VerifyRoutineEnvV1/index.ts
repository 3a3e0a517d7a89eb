/**
 * VerifyRoutineEnv: after Deploy DEV, find and check the routine's environment (core/env), report
 * in the ValidateRoutine format and hand the site-package path to the next tasks of the job.
 */
import * as path from "path";
import tl = require("azure-pipelines-task-lib/task");
import { verifyEnvironment } from "../../core/env/verifyEnv";
import { resultFromRaw } from "../../core/validator/engine";
import { MAX_READ_LIMIT, parseReadLimits } from "../../core/validator/options";
import { writeReports } from "../../core/findings/output";
import {
  definedInput,
  failTask,
  InputError,
  loadTaskStrings,
  logLine,
  optionalFilePath,
  setTaskOutputs,
  taskLanguage,
  taskLoc,
} from "../common/taskKit";
import { annotateFindings, failOnInput, setGateResult, taskVersion } from "../common/findings";

function input(name: string, required: boolean): string | undefined {
  const value = definedInput(name);
  if (!value && required) throw new InputError(taskLoc("InputMissing", name, tl.getInput(name, false)?.trim() ?? ""));
  return value;
}

async function run(): Promise<void> {
  loadTaskStrings(__dirname);
  const lang = taskLanguage();
  const failOn = failOnInput();
  const maxAge = Number(tl.getInput("maxAgeHours", false) || "24");
  if (!(maxAge > 0))
    return tl.setResult(tl.TaskResult.Failed, taskLoc("MaxAgeInvalid", tl.getInput("maxAgeHours", false) ?? ""));
  const depth = parseReadLimits((name) => (name === "maxFolderDepth" ? tl.getInput(name, false) : undefined));
  if (depth.invalid)
    throw new InputError(taskLoc("LimitInvalid", depth.invalid.name, depth.invalid.value, MAX_READ_LIMIT));
  const baseDirectory = input("baseDirectory", true)!;
  const zona = input("zona", true)!;
  const repositoryName = input("repositoryName", false);
  const packageName = input("packageName", false);
  if (!repositoryName && !packageName)
    throw new InputError(taskLoc("InputMissing", "repositoryName", tl.getInput("repositoryName", false) ?? ""));
  logLine(taskLoc("Checking", (repositoryName ?? packageName)!, path.join(baseDirectory, zona)));

  const started = Date.now();
  const found = verifyEnvironment({
    baseDirectory,
    zona,
    repositoryName,
    packageName,
    sitePackageName: input("sitePackageName", false),
    artifactVersion: input("artifactVersion", false),
    maxAgeHours: maxAge,
    sourcePath: optionalFilePath("sourcePath"),
    maxFolderDepth: depth.limits.maxFolderDepth,
  });
  const result = resultFromRaw(found.findings, { lang, failOn }, started);
  const reportRoot = found.environment ?? path.join(baseDirectory, zona);
  const reportDir = path.resolve(
    input("reportDirectory", false) ?? path.join(tl.getVariable("Agent.TempDirectory") || reportRoot, "lz-verify-env"),
  );
  const reports = writeReports(result, reportRoot, reportDir, taskVersion(__dirname));
  tl.uploadSummary(reports.markdown);
  annotateFindings(result.findings, found.sitePackagePath ?? reportRoot);
  if (found.compared)
    logLine(
      taskLoc("Compared", found.compared.files, found.compared.changed, found.compared.missing, found.compared.extra),
    );

  if (found.sitePackagePath) {
    logLine(taskLoc("Found", found.environment!, found.sitePackagePath));
    setTaskOutputs("RoutineEnv", [
      ["SitePackagePath", found.sitePackagePath],
      ["SitePackageName", found.sitePackageName!],
    ]);
  }
  setGateResult(result, failOn, { failed: "EnvGateFailed", passed: "EnvPassed" });
}

run().catch(failTask);
