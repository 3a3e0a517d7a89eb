/**
 * RunCoordinators: Deploy DEV / Deploy CER of the coordinators (core/api/runCoordinators): checks the
 * deployed cfg folder, runs each coordinator through RunRoutine's runner, checks their logs, attaches
 * the evidence to the HU, and fails with one message naming every coordinator that failed.
 */
import * as fs from "fs";
import * as path from "path";
import tl = require("azure-pipelines-task-lib/task");
import { API_FILE_LIMITS, readBoundedText } from "../../core/api/bounded";
import { ApiFileError, describeApiError, parseCfnYaml } from "../../core/api/cfnYaml";
import { coordinatorsHtml, coordinatorsMarker } from "../../core/api/evidence";
import { runCoordinatorsRequestFromInputs } from "../../core/api/inputs";
import {
  CoordinatorSetupError,
  CoordinatorsOutcome,
  glueMaxConcurrentRuns,
  runCoordinators,
} from "../../core/api/runCoordinators";
import { readTemplate } from "../../core/api/template";
import { publishOnWorkItem } from "../../core/findings/huComment";
import { writeReports } from "../../core/findings/output";
import { resultFromRaw } from "../../core/validator/engine";
import { annotateFindings, setGateResult, taskVersion } from "../common/findings";
import {
  failTask,
  InputError,
  loadTaskStrings,
  logLine,
  setTaskOutputs,
  takeInputProblems,
  taskInputs,
  taskLanguage,
  taskLoc,
} from "../common/taskKit";
import { workItemGateway } from "../common/workItems";

const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/** Concurrency capped by the Glue job's MaxConcurrentRuns when the template is given. */
function maxConcurrentRuns(api: string, asked: number, template: string | undefined): number | undefined {
  if (!template) return undefined;
  try {
    const text = readBoundedText(template, API_FILE_LIMITS.template);
    return glueMaxConcurrentRuns(readTemplate(parseCfnYaml(text, template), template), api);
  } catch (err) {
    const why = err instanceof ApiFileError ? describeApiError(err, taskLoc) : String(err);
    tl.warning(taskLoc("TemplateUnreadable", why, asked));
    return undefined;
  }
}

async function attachEvidence(
  outcome: CoordinatorsOutcome,
  id: number,
  api: string,
  where: string,
  lang: "en" | "es",
): Promise<boolean> {
  const token =
    tl.getEndpointAuthorizationParameter("SYSTEMVSSCONNECTION", "AccessToken", true) ||
    tl.getVariable("System.AccessToken");
  if (!token) {
    tl.warning(taskLoc("EvidenceNoToken", id));
    return false;
  }
  tl.setSecret(token);
  const collection =
    tl.getVariable("System.CollectionUri") || tl.getVariable("System.TeamFoundationCollectionUri") || "";
  const gateway = workItemGateway(collection, tl.getVariable("System.TeamProject") || "", token);
  const marker = coordinatorsMarker(tl.getVariable("Release.ReleaseId"), tl.getVariable("Build.BuildId"));
  try {
    const html = coordinatorsHtml(outcome, api, where, marker, lang, tl.getVariable("Release.ReleaseName"));
    const posted = await publishOnWorkItem(gateway, id, html, marker);
    logLine(taskLoc(posted.updated ? "EvidenceCommentUpdated" : "EvidenceCommented", id, posted.commentId));
    let attached = 0;
    for (const c of outcome.coordinators) {
      if (fs.statSync(c.outputFile).size > MAX_EVIDENCE_BYTES) {
        logLine(taskLoc("EvidenceSkipped", path.basename(c.outputFile)));
        continue;
      }
      await gateway.attachFile(id, path.basename(c.outputFile), fs.readFileSync(c.outputFile), marker);
      attached++;
    }
    logLine(taskLoc("EvidenceAttached", attached, id));
    return true;
  } catch (err) {
    // The evidence is a courtesy: its failure is a warning, the result stands on the runs.
    tl.warning(taskLoc("EvidencePostFailed", id, (err as Error).message));
    return false;
  }
}

async function run(): Promise<void> {
  loadTaskStrings(__dirname);
  const lang = taskLanguage();
  const { request, problems } = runCoordinatorsRequestFromInputs(taskInputs(__dirname));
  takeInputProblems(problems);
  const { apiName: api, folder, cfgFolder, coordinatorHome: home, logsFolder, tempDataFolder, failOn } = request;
  const { concurrency, timeoutMinutes: minutes } = request;
  const cap = maxConcurrentRuns(api, concurrency, request.templatePath);
  const effective = Math.min(concurrency, cap ?? concurrency);
  if (cap !== undefined && concurrency > cap) tl.warning(taskLoc("ConcurrencyCapped", concurrency, cap, effective));
  const reportDir = path.resolve(
    request.reportDirectory ?? path.join(tl.getVariable("Agent.TempDirectory") || process.cwd(), "lz-run-coordinators"),
  );
  logLine(taskLoc("TempFolder", tempDataFolder));

  const started = Date.now();
  let outcome: CoordinatorsOutcome;
  try {
    outcome = await runCoordinators({
      cfgFolder,
      tables: request.tables,
      home,
      python: request.python,
      script: request.script,
      tempDataFolder,
      concurrency: effective,
      maxConcurrentRuns: cap,
      timeoutMs: minutes * 60_000,
      expectedErrorPatterns: request.expectedErrorPatterns,
      logsFolder,
      successPattern: request.successPattern,
      logToleratedPatterns: request.logToleratedPatterns,
      logRetryPatterns: request.logRetryPatterns,
      outputDir: reportDir,
      onStart: (table, command) => logLine(taskLoc("CoordinatorStarting", table, command, home)),
      // Already neutralized by core: a coordinator's lines cannot issue agent commands.
      onLine: (table, line) => logLine(`[${table}] ${line}`),
    });
  } catch (err) {
    if (err instanceof CoordinatorSetupError) throw new InputError(taskLoc(err.code, ...err.args));
    throw err;
  }
  for (const c of outcome.coordinators) {
    if (c.timedOut) logLine(taskLoc("CoordinatorTimedOut", c.table, minutes));
    logLine(taskLoc("CoordinatorFinished", c.table, c.exitCode ?? "-", (c.durationMs / 1000).toFixed(1)));
  }
  if (outcome.logFiles !== undefined) logLine(taskLoc("CoordinatorsLogFilesRead", outcome.logFiles, logsFolder));

  const result = resultFromRaw(outcome.findings, { lang, failOn }, started);
  const reports = writeReports(result, reportDir, reportDir, taskVersion(__dirname));
  tl.uploadSummary(reports.markdown);
  annotateFindings(result.findings, reportDir);
  const failed = outcome.coordinators.filter((c) => c.failed);
  setTaskOutputs("RunCoordinators", [
    ["Failed", String(failed.length)],
    ["Errors", String(result.summary.errors)],
  ]);
  // An input warning (a workItemId that is no id) leaves the evidence out: the result says so.
  const inputWarned = problems.some((p) => p.severity === "warning");
  const attached =
    request.workItemId === undefined || (await attachEvidence(outcome, request.workItemId, folder, cfgFolder, lang));
  if (failed.length) {
    const list = failed
      .map((c) =>
        c.timedOut
          ? taskLoc("CoordinatorFailedTimeout", c.table, minutes)
          : taskLoc("CoordinatorFailedExit", c.table, c.exitCode ?? "-"),
      )
      .join(", ");
    return tl.setResult(
      tl.TaskResult.Failed,
      taskLoc("CoordinatorsFailed", failed.length, outcome.coordinators.length, list),
    );
  }
  setGateResult(
    result,
    failOn,
    { failed: "CoordinatorsGateFailed", passed: "CoordinatorsPassed" },
    !attached || inputWarned,
  );
}

run().catch(failTask);
