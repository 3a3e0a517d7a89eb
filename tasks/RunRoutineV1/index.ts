/** RunRoutine: run the routine on dev (core/run), stream it, report its errors in the ValidateRoutine format. */
import * as path from "path";
import tl = require("azure-pipelines-task-lib/task");
import { listProcesses } from "../../core/run/markedProcesses";
import { runRequestFromInputs } from "../../core/run/inputs";
import { runRoutine } from "../../core/run/runRoutine";
import { resultFromRaw } from "../../core/validator/engine";
import { writeReports } from "../../core/findings/output";
import { annotateFindings, setGateResult, taskVersion } from "../common/findings";
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

async function run(): Promise<void> {
  loadTaskStrings(__dirname);
  const lang = taskLanguage();
  const { request, problems } = runRequestFromInputs(taskInputs(__dirname));
  takeInputProblems(problems);
  const { command, failOn, maxLineKB, logsPath, timeoutMinutes: minutes } = request;
  const cwd = request.workingDirectory ?? tl.getVariable("System.DefaultWorkingDirectory") ?? process.cwd();
  const reportDir = path.resolve(
    request.reportDirectory ?? path.join(tl.getVariable("Agent.TempDirectory") || cwd, "lz-run-routine"),
  );
  const outputFile = path.join(reportDir, "RunRoutine-output.log");

  logLine(taskLoc("Running", cwd, command));
  const started = Date.now();
  const outcome = await runRoutine({
    command,
    cwd,
    timeoutMs: minutes * 60_000,
    expectedErrorPatterns: request.expectedErrorPatterns,
    outputFile,
    logsPath,
    maxLineBytes: maxLineKB * 1024,
    cutNote: (dropped) => taskLoc("LineCutNote", dropped),
    // Already neutralized by core: the routine's lines cannot issue agent commands.
    onLine: (line) => logLine(line),
  });
  if (outcome.timedOut) logLine(taskLoc("TimedOut", minutes));
  const stopped = outcome.stoppedProcesses;
  if (stopped.length && outcome.timedOut) logLine(taskLoc("StoppedAtTimeout", listProcesses(stopped)));
  else if (stopped.length) tl.warning(taskLoc("StoppedLeftovers", stopped.length, listProcesses(stopped)));
  if (outcome.pipesAbandoned) tl.warning(taskLoc("PipesAbandoned"));
  if (outcome.cutLines) logLine(taskLoc("LinesCut", outcome.cutLines, maxLineKB));
  logLine(taskLoc("Finished", outcome.exitCode ?? "-", (outcome.durationMs / 1000).toFixed(1), outcome.lines));
  if (outcome.moreErrors) logLine(taskLoc("MoreErrors", outcome.moreErrors, outputFile));

  if (logsPath && outcome.logFiles !== undefined) logLine(taskLoc("LogFilesRead", outcome.logFiles, logsPath));

  const result = resultFromRaw(outcome.findings, { lang, failOn }, started);
  const reports = writeReports(result, cwd, reportDir, taskVersion(__dirname));
  tl.uploadSummary(reports.markdown);
  annotateFindings(result.findings, cwd);
  setTaskOutputs("RunRoutine", [
    ["ExitCode", String(outcome.exitCode ?? -1)],
    ["Errors", String(result.summary.errors)],
  ]);
  setGateResult(result, failOn, { failed: "RunGateFailed", passed: "RunPassed" });
}

run().catch(failTask);
