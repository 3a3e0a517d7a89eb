/** `lz run`: RunRoutine outside a pipeline. */
import * as path from "path";
import taskJson from "../../tasks/RunRoutineV1/task.json";
import spanish from "../../tasks/RunRoutineV1/Strings/resources.resjson/es-ES/resources.resjson";
import { runRequestFromInputs } from "../../core/run/inputs";
import { runRoutine } from "../../core/run/runRoutine";
import { listProcesses } from "../../core/run/markedProcesses";
import { resultFromRaw } from "../../core/validator/engine";
import { writeReports } from "../../core/findings/output";
import { formatTaskVersion } from "../../core/report";
import { jsonReport } from "../../core/findings/report";
import type { CommandIo, CommandResult, CommandSpec } from "../command";
import { flagInputs, type ParsedCommand, takeFlagProblems } from "../taskInputs";
import { severityPainter } from "../paint";
import * as os from "os";
import { findingsText } from "../../core/findings/text";
import * as fs from "fs";

export const runCommand: CommandSpec = {
  name: "run",
  summary: "CliSummaryRun",
  task: taskJson,
  spanish,
  note: "CliRunStreams",
  run: runRun,
};

async function runRun({ inputs, options, lang, loc }: ParsedCommand, io: CommandIo): Promise<CommandResult> {
  const { request, problems } = runRequestFromInputs(flagInputs(inputs));
  takeFlagProblems(problems, loc);
  const cwd = path.resolve(request.workingDirectory ?? ".");
  const reportDir = path.resolve(request.reportDirectory ?? fs.mkdtempSync(path.join(os.tmpdir(), "lz-run-")));
  const logsPath = request.logsPath ? path.resolve(request.logsPath) : undefined;
  const started = Date.now();
  const outcome = await runRoutine({
    command: request.command,
    cwd,
    timeoutMs: request.timeoutMinutes * 60_000,
    expectedErrorPatterns: request.expectedErrorPatterns,
    outputFile: path.join(reportDir, "RunRoutine-output.log"),
    logsPath,
    maxLineBytes: request.maxLineKB * 1024,
    cutNote: (dropped) => loc("LineCutNote", dropped),
    // Neutralized by core: `lz run` inside a pipeline script step cannot be driven by the routine either.
    onLine: (l) => process.stderr.write(l + "\n"),
  });
  const say = (text: string) => process.stderr.write(`lz run: ${text}\n`);
  const stopped = outcome.stoppedProcesses;
  if (stopped.length && outcome.timedOut) say(loc("StoppedAtTimeout", listProcesses(stopped)));
  else if (stopped.length) say(loc("StoppedLeftovers", stopped.length, listProcesses(stopped)));
  if (outcome.pipesAbandoned) say(loc("PipesAbandoned"));
  if (outcome.cutLines) say(loc("LinesCut", outcome.cutLines, request.maxLineKB));
  if (logsPath && outcome.logFiles === undefined) say(loc("LogsPathNotCreated", logsPath));
  const result = resultFromRaw(outcome.findings, { lang, failOn: request.failOn }, started);
  const version = formatTaskVersion(taskJson.version);
  writeReports(result, cwd, reportDir, version);
  const report = {
    ...jsonReport(result, cwd, version),
    exitCode: outcome.exitCode,
    timedOut: outcome.timedOut,
    logFiles: outcome.logFiles ?? 0,
    stoppedProcesses: outcome.stoppedProcesses,
    cutLines: outcome.cutLines,
    outputFile: path.join(reportDir, "RunRoutine-output.log"),
  };
  const output =
    options.format === "json"
      ? JSON.stringify(report, null, 2)
      : findingsText(result, {
          tail: loc("CliRunTail", outcome.exitCode ?? "-", report.outputFile),
          paint: io.colour ? severityPainter : undefined,
        });
  return { output, exitCode: result.result === "Failed" ? 1 : 0 };
}
