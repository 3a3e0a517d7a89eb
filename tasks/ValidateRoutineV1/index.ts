/**
 * ValidateRoutine: the automatic gate of Dev Validation. Reads inputs, runs the validator engine
 * (core/validator) with worker threads, publishes annotations, summary, SARIF and JSON, and
 * optionally comments the findings on the HU.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import tl = require("azure-pipelines-task-lib/task");
import { validateRoutine, type ValidateHooks, ValidationResult } from "../../core/validator/engine";
import { compileNote, patchHtml, patchMarkdown, patchSummary } from "../../core/validator/fixes";
import { commentHtml, commentMarker, publishOnWorkItem } from "../../core/findings/huComment";
import { writeReports } from "../../core/findings/output";
import { DEFAULT_READ_LIMITS } from "../../core/files/limits";
import { validateRequestFromInputs } from "../../core/validator/inputs";
import { startWorkerPool } from "../../core/validator/pool";
import type { RawFinding } from "../../core/findings/types";
import { annotateFindings, setGateResult, taskVersion } from "../common/findings";
import { downloadLogAttachments } from "../../core/logs/huLogs";
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
import { HttpError, workItemGateway } from "../common/workItems";

/** The job's token for the REST API, registered as a secret; undefined when the job has none. */
function accessToken(): string | undefined {
  // The job's own connection carries the token without the "Allow scripts to access the OAuth
  // token" switch; System.AccessToken is the fallback for agents that do not expose it.
  const token =
    tl.getEndpointAuthorizationParameter("SYSTEMVSSCONNECTION", "AccessToken", true) ||
    tl.getVariable("System.AccessToken");
  if (token) tl.setSecret(token);
  return token;
}

function huGateway(token: string) {
  const collection =
    tl.getVariable("System.CollectionUri") || tl.getVariable("System.TeamFoundationCollectionUri") || "";
  return workItemGateway(collection, tl.getVariable("System.TeamProject") || "", token);
}

/**
 * Downloads the HU's .log/.zip attachments into the agent's temp folder, each bounded by
 * maxAttachmentMb; returns that folder and a LOG007 finding per attachment over it.
 */
async function logsFromHu(
  raw: string | undefined,
  maxAttachmentMb: number,
): Promise<{ folder: string; findings: RawFinding[] }> {
  if (!raw || !/^[0-9]+$/.test(raw)) throw new InputError(taskLoc("LogsNeedWorkItem"));
  const token = accessToken();
  if (!token) throw new InputError(taskLoc("WorkItemNoToken", raw));
  const folder = path.join(tl.getVariable("Agent.TempDirectory") || os.tmpdir(), `lz-hu-logs-${raw}-${process.pid}`);
  const { names, findings } = await downloadLogAttachments(huGateway(token), Number(raw), folder, maxAttachmentMb);
  logLine(names.length ? taskLoc("LogsDownloaded", names.length, raw, names.join(", ")) : taskLoc("LogsNone", raw));
  return { folder, findings };
}

/** Returns false when the HU comment was asked for and could not be posted. */
async function commentOnHu(
  raw: string | undefined,
  result: ValidationResult,
  routine: string,
  sarifPath: string,
  patch?: string,
): Promise<boolean> {
  if (!raw) return true;
  if (!/^[0-9]+$/.test(raw)) {
    tl.warning(taskLoc("WorkItemIdInvalid", raw));
    return false;
  }
  const id = Number(raw);
  const token = accessToken();
  if (!token) {
    tl.warning(taskLoc("WorkItemNoToken", id));
    return false;
  }
  const releaseId = tl.getVariable("Release.ReleaseId");
  const marker = commentMarker(releaseId, tl.getVariable("Build.BuildId"));
  try {
    const outcome = await publishOnWorkItem(
      huGateway(token),
      id,
      commentHtml(
        result,
        routine,
        marker,
        tl.getVariable("Release.ReleaseName") || tl.getVariable("Build.BuildNumber"),
        patch,
      ),
      marker,
      { fileName: path.basename(sarifPath), content: fs.readFileSync(sarifPath) },
    );
    logLine(taskLoc(outcome.updated ? "WorkItemCommentUpdated" : "WorkItemCommented", id, outcome.commentId));
    logLine(taskLoc("WorkItemAttached", id));
    return true;
  } catch (err) {
    // The HU comment is a courtesy: a failure to post it is a warning, the gate stands on the findings.
    if (err instanceof HttpError && (err.status === 401 || err.status === 403))
      tl.warning(taskLoc("WorkItemForbidden", id, err.status));
    else tl.warning(taskLoc("WorkItemFailed", id, (err as Error).message));
    return false;
  }
}

async function run(): Promise<void> {
  loadTaskStrings(__dirname);
  const lang = taskLanguage();
  const { request, problems } = validateRequestFromInputs(taskInputs(__dirname));
  takeInputProblems(problems);
  const routine = path.resolve(request.routinePath ?? "");
  if (!request.routinePath || !fs.existsSync(routine) || !fs.statSync(routine).isDirectory())
    throw new InputError(taskLoc("RoutinePathMissing", routine));

  const { options } = request;
  const failOn = options.failOn ?? "error";
  logLine(taskLoc("Analyzing", routine, options.pythonVersion ?? "3.5", failOn));
  let lastShown = 0;
  const progress = (done: number, total: number) => {
    if (total >= 50 && (done === total || done - lastShown >= Math.ceil(total / 10))) {
      lastShown = done;
      logLine(taskLoc("Progress", done, total));
    }
  };
  let logsPath = options.logsPath;
  let downloadFindings: RawFinding[] = [];
  if (!logsPath && request.logsFromWorkItem) {
    const downloaded = await logsFromHu(
      request.workItemId,
      options.maxAttachmentMb ?? DEFAULT_READ_LIMITS.maxAttachmentMb,
    );
    logsPath = downloaded.folder;
    downloadFindings = downloaded.findings;
  }
  // Started now: the workers load while the routine is walked, and stay for the patch's second look.
  const pool = startWorkerPool(path.join(__dirname, "validatorWorker.js"));
  const analyzeFiles: ValidateHooks["analyzeFiles"] = (files, ctx) => pool.analyze(files, ctx, progress);
  let result;
  let patch;
  try {
    result = await validateRoutine(
      routine,
      { ...options, lang, logsPath },
      { findings: downloadFindings, analyzeFiles },
    );
    // The fixes' patch for the summary and the HU: validated again and compiled by the target's Python.
    patch = await patchSummary(result, routine, analyzeFiles, request.python);
  } finally {
    pool.close();
  }

  const version = taskVersion(__dirname);
  const reportDir = path.resolve(
    request.reportDirectory ?? path.join(tl.getVariable("Agent.TempDirectory") || routine, "lz-validate-routine"),
  );
  if (patch) logLine(compileNote(patch.compile, patch.target, lang).join(" "));
  const reports = writeReports(
    result,
    routine,
    reportDir,
    version,
    request.rulesDocsUrl,
    patch && patchMarkdown(patch, lang),
  );
  tl.uploadSummary(reports.markdown);
  const hidden = annotateFindings(result.findings, routine);
  if (hidden) logLine(taskLoc("AnnotationsTruncated", hidden));
  const s = result.summary;
  logLine(
    taskLoc(
      "Totals",
      result.stats.files,
      Math.round(result.stats.bytes / 1024),
      result.stats.ms,
      s.errors,
      s.warnings,
      s.infos,
    ),
  );
  logLine(taskLoc("ReportWritten", reports.json, reports.sarif));

  setTaskOutputs("ValidateRoutine", [
    ["Errors", String(s.errors)],
    ["Warnings", String(s.warnings)],
    ["ReportPath", reports.json],
  ]);
  const commented = await commentOnHu(
    request.workItemId,
    result,
    routine,
    reports.sarif,
    patch && patchHtml(patch, lang),
  );

  setGateResult(
    result,
    failOn,
    { failed: "RoutineGateFailed", passed: "GatePassed", warnings: "GateWarnings" },
    !commented,
  );
}

run().catch(failTask);
