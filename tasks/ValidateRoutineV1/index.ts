/**
 * ValidateRoutine: the automatic gate of Dev Validation. Reads inputs, runs the validator engine
 * (core/validator) with worker threads, publishes annotations, summary, SARIF and JSON, and
 * optionally comments the findings on the HU.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import tl = require("azure-pipelines-task-lib/task");
import { isUnresolvedMacro } from "../../core/text";
import { validateRoutine, ValidationResult } from "../../core/validator/engine";
import { commentHtml, commentMarker, publishOnWorkItem } from "../../core/findings/huComment";
import { writeReports } from "../../core/findings/output";
import { DEFAULT_READ_LIMITS, MAX_READ_LIMIT, parseReadLimits, ReadLimits } from "../../core/validator/options";
import { analyzeInWorkers } from "../../core/validator/pool";
import type { RawFinding } from "../../core/findings/types";
import { annotateFindings, failOnInput, setGateResult, taskVersion } from "../common/findings";
import { downloadLogAttachments } from "../../core/logs/huLogs";
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
import { HttpError, workItemGateway } from "../common/workItems";

/** An optional input; an unresolved `$(var)` counts as not given, with a warning naming it. */
const optionalInput = (name: string) => definedInput(name, (raw) => tl.warning(taskLoc("InputUnresolved", name, raw)));

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

/** The read limits (issue #18); a value that is not a whole number stops the task before any work. */
function readLimits(): Partial<ReadLimits> {
  const parsed = parseReadLimits((name) => tl.getInput(name, false));
  if (parsed.invalid)
    throw new InputError(taskLoc("LimitInvalid", parsed.invalid.name, parsed.invalid.value, MAX_READ_LIMIT));
  return parsed.limits;
}

/**
 * Downloads the HU's .log/.zip attachments into the agent's temp folder, each bounded by
 * maxAttachmentMb; returns that folder and a LOG007 finding per attachment over it.
 */
async function logsFromHu(maxAttachmentMb: number): Promise<{ folder: string; findings: RawFinding[] }> {
  const raw = optionalInput("workItemId");
  if (!raw || !/^[0-9]+$/.test(raw)) throw new InputError(taskLoc("LogsNeedWorkItem"));
  const token = accessToken();
  if (!token) throw new InputError(taskLoc("WorkItemNoToken", raw));
  const folder = path.join(tl.getVariable("Agent.TempDirectory") || os.tmpdir(), `lz-hu-logs-${raw}-${process.pid}`);
  const { names, findings } = await downloadLogAttachments(huGateway(token), Number(raw), folder, maxAttachmentMb);
  logLine(names.length ? taskLoc("LogsDownloaded", names.length, raw, names.join(", ")) : taskLoc("LogsNone", raw));
  return { folder, findings };
}

/** Returns false when the HU comment was asked for and could not be posted. */
async function commentOnHu(result: ValidationResult, routine: string, sarifPath: string): Promise<boolean> {
  const raw = optionalInput("workItemId");
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
  const rawRoutine = tl.getInput("routinePath", true)!.trim();
  if (isUnresolvedMacro(rawRoutine))
    return tl.setResult(tl.TaskResult.Failed, taskLoc("RoutinePathUnresolved", rawRoutine));
  const routine = path.resolve(rawRoutine);
  if (!fs.existsSync(routine) || !fs.statSync(routine).isDirectory())
    return tl.setResult(tl.TaskResult.Failed, taskLoc("RoutinePathMissing", routine));

  const failOn = failOnInput();
  const limits = readLimits();
  const pythonVersion = tl.getInput("pythonVersion", false) || "3.5";
  logLine(taskLoc("Analyzing", routine, pythonVersion, failOn));
  let lastShown = 0;
  const progress = (done: number, total: number) => {
    if (total >= 50 && (done === total || done - lastShown >= Math.ceil(total / 10))) {
      lastShown = done;
      logLine(taskLoc("Progress", done, total));
    }
  };
  let logsPath = optionalFilePath("logsPath");
  let downloadFindings: RawFinding[] = [];
  if (!logsPath && tl.getBoolInput("logsFromWorkItem", false)) {
    const downloaded = await logsFromHu(limits.maxAttachmentMb ?? DEFAULT_READ_LIMITS.maxAttachmentMb);
    logsPath = downloaded.folder;
    downloadFindings = downloaded.findings;
  }
  const result = await validateRoutine(
    routine,
    {
      pythonVersion,
      expectedDsn: tl.getInput("expectedDsn", false) || undefined,
      zona: optionalInput("zona"),
      artifactVersion: optionalInput("artifactVersion"),
      versionFile: optionalFilePath("versionFile"),
      configFile: optionalFilePath("configFile"),
      ruleSeverities: tl.getInput("ruleSeverities", false) || undefined,
      protectedRules: tl.getInput("protectedRules", false) || undefined,
      failOn,
      lang,
      logsPath,
      ...limits,
    },
    {
      findings: downloadFindings,
      analyzeFiles: (files, ctx) =>
        analyzeInWorkers(path.join(__dirname, "validatorWorker.js"), files, ctx, undefined, progress),
    },
  );

  const version = taskVersion(__dirname);
  const reportDir = path.resolve(
    optionalInput("reportDirectory") ??
      path.join(tl.getVariable("Agent.TempDirectory") || routine, "lz-validate-routine"),
  );
  const reports = writeReports(result, routine, reportDir, version, optionalInput("rulesDocsUrl"));
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
  const commented = await commentOnHu(result, routine, reports.sarif);

  setGateResult(
    result,
    failOn,
    { failed: "RoutineGateFailed", passed: "GatePassed", warnings: "GateWarnings" },
    !commented,
  );
}

run().catch(failTask);
