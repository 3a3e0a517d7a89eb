/** `lz logs <dir>`: the run-log requirements (LOG001–LOG006) on a folder of .log/.zip files. */
import * as path from "path";
import taskJson from "../../tasks/ValidateRoutineV1/task.json";
import spanish from "../../tasks/ValidateRoutineV1/Strings/resources.resjson/es-ES/resources.resjson";
import { checkLogFolder, logLimitsOf } from "../../core/logs/readLogs";
import { resultFromRaw } from "../../core/validator/engine";
import { resolveOptions } from "../../core/validator/options";
import { validateRequestFromInputs } from "../../core/validator/inputs";
import { DEFAULT_READ_LIMITS } from "../../core/files/limits";
import { formatTaskVersion } from "../../core/report";
import { jsonReport } from "../../core/findings/report";
import { findingsText } from "../../core/findings/text";
import type { CommandSpec } from "../command";
import { flagInputs, takeFlagProblems } from "../taskInputs";
import { severityPainter } from "../paint";

/** The ValidateRoutine inputs that mean something here: the logs' folder, thresholds file, tolerated and retry patterns, gate and read limits. */
const INPUTS = new Set([
  "logsPath",
  "configFile",
  "logToleratedPatterns",
  "logRetryPatterns",
  "failOn",
  "maxZipMb",
  "maxZipEntries",
  "maxLogFileMb",
  "maxLogLineKb",
]);

export const logsCommand: CommandSpec = {
  name: "logs",
  summary: "CliSummaryLogs",
  task: { ...taskJson, inputs: taskJson.inputs.filter((i) => INPUTS.has(i.name)) },
  spanish,
  note: "CliLogsThresholds",
  args: [{ usage: "<dir>", text: "CliArgLogs", input: "logsPath", missing: "CliGiveLogsFolder" }],
  async run({ inputs, options, lang, loc }, io) {
    const { request, problems } = validateRequestFromInputs(flagInputs(inputs));
    takeFlagProblems(problems, loc);
    const dir = request.options.logsPath!;
    const resolved = resolveOptions(path.resolve(dir), {
      configFile: request.options.configFile,
      logToleratedPatterns: request.options.logToleratedPatterns,
      logRetryPatterns: request.options.logRetryPatterns,
    });
    const raw = [
      ...resolved.findings,
      ...(await checkLogFolder(
        path.resolve(dir),
        resolved.options.logs,
        logLimitsOf({ ...DEFAULT_READ_LIMITS, ...request.options }),
      )),
    ];
    const result = resultFromRaw(raw, { lang, failOn: request.options.failOn ?? "error" });
    const version = formatTaskVersion(taskJson.version);
    const output =
      options.format === "json"
        ? JSON.stringify(jsonReport(result, dir, version), null, 2)
        : findingsText(result, { paint: io.colour ? severityPainter : undefined });
    return { output, exitCode: result.result === "Failed" ? 1 : 0 };
  },
};
