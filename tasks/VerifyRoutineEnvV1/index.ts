/**
 * VerifyRoutineEnv: after Deploy DEV, find and check the routine's environment (core/env), report
 * in the ValidateRoutine format and hand the site-package path to the next tasks of the job.
 */
import * as path from "path";
import tl = require("azure-pipelines-task-lib/task");
import { verifyEnvironment } from "../../core/env/verifyEnv";
import { resultFromRaw } from "../../core/validator/engine";
import { verifyRequestFromInputs } from "../../core/env/inputs";
import { writeReports } from "../../core/findings/output";
import {
  failTask,
  loadTaskStrings,
  logLine,
  setTaskOutputs,
  takeInputProblems,
  taskInputs,
  taskLanguage,
  taskLoc,
} from "../common/taskKit";
import { annotateFindings, setGateResult, taskVersion } from "../common/findings";

async function run(): Promise<void> {
  loadTaskStrings(__dirname);
  const lang = taskLanguage();
  const { request, problems } = verifyRequestFromInputs(taskInputs(__dirname));
  takeInputProblems(problems);
  const { check, failOn } = request;
  logLine(
    taskLoc("Checking", (check.repositoryName ?? check.packageName)!, path.join(check.baseDirectory, check.zona)),
  );

  const started = Date.now();
  const found = verifyEnvironment(check);
  const result = resultFromRaw(found.findings, { lang, failOn }, started);
  const reportRoot = found.environment ?? path.join(check.baseDirectory, check.zona);
  const reportDir = path.resolve(
    request.reportDirectory ?? path.join(tl.getVariable("Agent.TempDirectory") || reportRoot, "lz-verify-env"),
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
