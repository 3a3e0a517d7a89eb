/**
 * RunCoordinators: Deploy DEV / Deploy CER of the coordinators (core/api/runCoordinators): checks the
 * deployed cfg folder, runs each coordinator through RunRoutine's runner, checks their logs, attaches
 * the evidence to the HU, and fails with one message naming every coordinator that failed.
 */
import * as fs from "fs";
import * as path from "path";
import tl = require("azure-pipelines-task-lib/task");
import { API_FILE_LIMITS, readBoundedText } from "../../core/api/bounded";
import { ApiFileError, parseCfnYaml } from "../../core/api/cfnYaml";
import { coordinatorsHtml, coordinatorsMarker } from "../../core/api/evidence";
import { API_NAME, apiPascal } from "../../core/api/naming";
import {
  CoordinatorSetupError,
  CoordinatorsOutcome,
  glueMaxConcurrentRuns,
  runCoordinators,
} from "../../core/api/runCoordinators";
import { readTemplate } from "../../core/api/template";
import { parseExpectedErrorPatterns } from "../../core/run/runRoutine";
import { unresolvedVariables } from "../../core/text";
import { patternError } from "../../core/userPattern";
import { resultFromRaw } from "../../core/validator/engine";
import { publishOnWorkItem } from "../../core/validator/huComment";
import { writeReports } from "../../core/validator/output";
import { annotateFindings, failOnInput, findingsLang, setGateResult, taskVersion } from "../common/findings";
import {
  definedInput,
  failTask,
  InputError,
  loadTaskStrings,
  logLine,
  optionalFilePath,
  setTaskOutputs,
  taskLoc,
} from "../common/taskKit";
import { workItemGateway } from "../common/workItems";

const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/** A text input; one that still holds a `$(variable)` the release does not define stops the task. */
function input(name: string, required = false): string | undefined {
  const raw = tl.getInput(name, required)?.trim();
  if (!raw) return undefined;
  const missing = unresolvedVariables(raw);
  if (missing.length) throw new InputError(taskLoc("VariablesUndefined", name, missing.join(", ")));
  return raw;
}

/** Concurrency capped by the Glue job's MaxConcurrentRuns when the template is given. */
function maxConcurrentRuns(api: string, asked: number): number | undefined {
  const template = optionalFilePath("templatePath");
  if (!template) return undefined;
  try {
    const text = readBoundedText(template, API_FILE_LIMITS.template);
    return glueMaxConcurrentRuns(readTemplate(parseCfnYaml(text, template), template), api);
  } catch (err) {
    const why = err instanceof ApiFileError ? `${err.file}:${err.line} ${err.code} ${err.args.join(" ")}` : String(err);
    tl.warning(taskLoc("TemplateUnreadable", why, asked));
    return undefined;
  }
}

async function attachEvidence(
  outcome: CoordinatorsOutcome,
  api: string,
  where: string,
  lang: "en" | "es",
): Promise<boolean> {
  const raw = definedInput("workItemId");
  if (!raw) return true;
  if (!/^[0-9]+$/.test(raw)) {
    tl.warning(taskLoc("WorkItemIdInvalid", raw));
    return false;
  }
  const token =
    tl.getEndpointAuthorizationParameter("SYSTEMVSSCONNECTION", "AccessToken", true) ||
    tl.getVariable("System.AccessToken");
  if (!token) {
    tl.warning(taskLoc("WorkItemNoToken", raw));
    return false;
  }
  tl.setSecret(token);
  const id = Number(raw);
  const collection =
    tl.getVariable("System.CollectionUri") || tl.getVariable("System.TeamFoundationCollectionUri") || "";
  const gateway = workItemGateway(collection, tl.getVariable("System.TeamProject") || "", token);
  const marker = coordinatorsMarker(tl.getVariable("Release.ReleaseId"), tl.getVariable("Build.BuildId"));
  try {
    const html = coordinatorsHtml(outcome, api, where, marker, lang, tl.getVariable("Release.ReleaseName"));
    const posted = await publishOnWorkItem(gateway, id, html, marker);
    logLine(taskLoc(posted.updated ? "WorkItemCommentUpdated" : "WorkItemCommented", id, posted.commentId));
    let attached = 0;
    for (const c of outcome.coordinators) {
      if (fs.statSync(c.outputFile).size > MAX_EVIDENCE_BYTES) {
        logLine(taskLoc("WorkItemSkipped", path.basename(c.outputFile)));
        continue;
      }
      await gateway.attachFile(id, path.basename(c.outputFile), fs.readFileSync(c.outputFile), marker);
      attached++;
    }
    logLine(taskLoc("WorkItemAttached", attached, id));
    return true;
  } catch (err) {
    // The evidence is a courtesy: its failure is a warning, the result stands on the runs.
    tl.warning(taskLoc("WorkItemFailed", id, (err as Error).message));
    return false;
  }
}

async function run(): Promise<void> {
  loadTaskStrings(__dirname);
  const lang = findingsLang();
  const failOn = failOnInput();
  const api = input("apiName", true)!;
  if (!API_NAME.test(api)) throw new InputError(taskLoc("ApiNameInvalid", api));
  const folder = apiPascal(api);
  const deployPath = input("deployPath", true)!;
  const cfgFolder = input("cfgFolder") ?? path.join(deployPath, folder, "API", "cfg");
  const home = input("coordinatorHome") ?? path.join(deployPath, "ProductizarPy3");
  const logsFolder = input("logsFolder") ?? path.join(deployPath, folder, "TMP_FILES", "logs");
  const tempDataFolder = path.join(input("tempDataRoot", true)!, folder);
  const concurrencyText = input("concurrency") ?? "1";
  const concurrency = /^[0-9]{1,2}$/.test(concurrencyText) ? Number(concurrencyText) : NaN;
  if (!(concurrency >= 1 && concurrency <= 32)) throw new InputError(taskLoc("ConcurrencyInvalid", concurrencyText));
  const minutesText = input("timeoutMinutes") ?? "120";
  const minutes = Number(minutesText);
  if (!(minutes > 0)) throw new InputError(taskLoc("TimeoutInvalid", minutesText));
  const { patterns, invalid } = parseExpectedErrorPatterns(tl.getInput("expectedErrorPatterns", false) ?? "");
  if (invalid) throw new InputError(taskLoc("PatternInvalid", "expectedErrorPatterns", invalid.pattern, invalid.error));
  const successPattern = input("successPattern");
  const successError = successPattern ? patternError(successPattern) : undefined;
  if (successError) throw new InputError(taskLoc("PatternInvalid", "successPattern", successPattern!, successError));
  const tables = (tl.getInput("tables", false) ?? "")
    .split(/\r?\n/)
    .map((t) => t.trim())
    .filter(Boolean);
  const cap = maxConcurrentRuns(api, concurrency);
  const effective = Math.min(concurrency, cap ?? concurrency);
  if (cap !== undefined && concurrency > cap) tl.warning(taskLoc("ConcurrencyCapped", concurrency, cap, effective));
  const reportDir = path.resolve(
    definedInput("reportDirectory") ??
      path.join(tl.getVariable("Agent.TempDirectory") || process.cwd(), "lz-run-coordinators"),
  );
  logLine(taskLoc("TempFolder", tempDataFolder));

  const started = Date.now();
  let outcome: CoordinatorsOutcome;
  try {
    outcome = await runCoordinators({
      cfgFolder,
      tables,
      home,
      python: input("python", true)!,
      script: input("script", true)!,
      tempDataFolder,
      concurrency: effective,
      maxConcurrentRuns: cap,
      timeoutMs: minutes * 60_000,
      expectedErrorPatterns: patterns,
      logsFolder,
      successPattern,
      outputDir: reportDir,
      onStart: (table, command) => logLine(taskLoc("Starting", table, command, home)),
      // Already neutralized by core: a coordinator's lines cannot issue agent commands.
      onLine: (table, line) => logLine(`[${table}] ${line}`),
    });
  } catch (err) {
    if (err instanceof CoordinatorSetupError) throw new InputError(taskLoc(err.code, ...err.args));
    throw err;
  }
  for (const c of outcome.coordinators) {
    if (c.timedOut) logLine(taskLoc("TimedOut", c.table, minutes));
    logLine(taskLoc("Finished", c.table, c.exitCode ?? "-", (c.durationMs / 1000).toFixed(1)));
  }
  if (outcome.logFiles !== undefined) logLine(taskLoc("LogFilesRead", outcome.logFiles, logsFolder));

  const result = resultFromRaw(outcome.findings, { lang, failOn }, started);
  const reports = writeReports(result, reportDir, reportDir, taskVersion(__dirname));
  tl.uploadSummary(reports.markdown);
  annotateFindings(result.findings, reportDir);
  const failed = outcome.coordinators.filter((c) => c.failed);
  setTaskOutputs("RunCoordinators", [
    ["Failed", String(failed.length)],
    ["Errors", String(result.summary.errors)],
  ]);
  const attached = await attachEvidence(outcome, folder, cfgFolder, lang);
  if (failed.length) {
    const list = failed
      .map((c) =>
        c.timedOut ? taskLoc("FailedTimeout", c.table, minutes) : taskLoc("FailedExit", c.table, c.exitCode ?? "-"),
      )
      .join(", ");
    return tl.setResult(
      tl.TaskResult.Failed,
      taskLoc("CoordinatorsFailed", failed.length, outcome.coordinators.length, list),
    );
  }
  setGateResult(result, failOn, { passed: "Passed" }, !attached);
}

run().catch(failTask);
