/** `lz run`: RunRoutine outside a pipeline. */
import * as path from "path";
import taskJson from "../../tasks/RunRoutineV1/task.json";
import { languageOf } from "../../core/i18n/localizer";
import { cliLocale } from "../taskStrings";
import { DEFAULT_EXPECTED_ERRORS, parseExpectedErrorPatterns, runRoutine } from "../../core/run/runRoutine";
import { listProcesses } from "../../core/run/markedProcesses";
import { unresolvedVariables } from "../../core/text";
import { resultFromRaw } from "../../core/validator/engine";
import { writeReports } from "../../core/findings/output";
import { formatTaskVersion } from "../../core/report";
import { jsonReport } from "../../core/findings/report";
import type { FailOn } from "../../core/findings/types";
import { CommandResult } from "../command";
import { parseTaskCommand, UsageError } from "../taskInputs";
import * as os from "os";
import { findingsText } from "../../core/findings/text";
import { render } from "../../core/i18n/catalogue";
import * as fs from "fs";

export const runHelp = ["(the output streams to stderr; the report goes to stdout)"];

export async function runCommand(argv: string[]): Promise<CommandResult> {
  const { inputs, options } = parseTaskCommand(taskJson, argv);
  const command = inputs.command;
  if (!command)
    throw new UsageError(
      'give --command, e.g. --command "python3 runPyEnv.py --resultDir zona --pyEnvPkg pkg --pySitePck site"',
    );
  const missing = unresolvedVariables(command);
  if (missing.length) throw new UsageError(`the command still has $(…) variables: ${missing.join(", ")}`);
  const minutes = Number(inputs.timeoutMinutes ?? "60");
  if (!(minutes > 0))
    throw new UsageError(`--timeout-minutes must be a positive number (got '${inputs.timeoutMinutes}')`);
  const cwd = path.resolve(inputs.workingDirectory || ".");
  const reportDir = path.resolve(inputs.reportDirectory || fs.mkdtempSync(path.join(os.tmpdir(), "lz-run-")));
  const given = parseExpectedErrorPatterns(inputs.expectedErrorPatterns ?? "");
  if (given.invalid)
    throw new UsageError(
      `--expected-error-patterns: '${given.invalid.pattern}' is not a valid regular expression (${given.invalid.error}); one pattern per line`,
    );
  const patterns = inputs.expectedErrorPatterns ? given.patterns : DEFAULT_EXPECTED_ERRORS;
  const logsPath = inputs.logsPath ? path.resolve(inputs.logsPath) : undefined;
  const maxLineKB = (inputs.maxLineKB ?? "1024").trim();
  if (!/^\d{1,5}$/.test(maxLineKB) || !(Number(maxLineKB) >= 1 && Number(maxLineKB) <= 65536))
    throw new UsageError(`--max-line-kb must be a whole number of KB from 1 to 65536 (got '${inputs.maxLineKB}')`);
  const started = Date.now();
  const outcome = await runRoutine({
    command,
    cwd,
    timeoutMs: minutes * 60_000,
    expectedErrorPatterns: patterns,
    outputFile: path.join(reportDir, "RunRoutine-output.log"),
    logsPath,
    maxLineBytes: Number(maxLineKB) * 1024,
    // Neutralized by core: `lz run` inside a pipeline script step cannot be driven by the routine either.
    onLine: (l) => process.stderr.write(l + "\n"),
  });
  if (outcome.stoppedProcesses.length)
    process.stderr.write(
      `lz run: ${outcome.timedOut ? "stopped at the timeout" : "the routine ended but left these running; stopped"}: ${listProcesses(outcome.stoppedProcesses)}\n`,
    );
  if (outcome.pipesAbandoned)
    process.stderr.write("lz run: a process outside the routine's reach kept its output open; reading stopped\n");
  if (outcome.cutLines)
    process.stderr.write(`lz run: ${outcome.cutLines} output line(s) longer than ${maxLineKB} KB were cut\n`);
  if (logsPath && outcome.logFiles === undefined)
    process.stderr.write(`lz run: --logs-path '${logsPath}' does not exist after the run: no log files read\n`);
  const lang = languageOf(cliLocale(options.lang));
  const result = resultFromRaw(outcome.findings, { lang, failOn: (inputs.failOn || "error") as FailOn }, started);
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
          tail: render(result.options.lang, "CliRunTail", outcome.exitCode ?? "-", report.outputFile),
        });
  return { output, exitCode: result.result === "Failed" ? 1 : 0 };
}
