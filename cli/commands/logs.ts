/** `lz logs <dir>`: the run-log requirements (LOG001–LOG006) on a folder of .log/.zip files. */
import * as fs from "fs";
import * as path from "path";
import taskJson from "../../tasks/ValidateRoutineV1/task.json";
import { checkLogFolder, logLimitsOf } from "../../core/logs/readLogs";
import { languageOf } from "../../core/i18n/localizer";
import { cliLocale } from "../taskStrings";
import { resultFromRaw } from "../../core/validator/engine";
import { DEFAULT_READ_LIMITS, MAX_READ_LIMIT, parseReadLimits, resolveOptions } from "../../core/validator/options";
import { formatTaskVersion } from "../../core/report";
import { jsonReport } from "../../core/findings/report";
import type { FailOn } from "../../core/findings/types";
import { CommandResult } from "../command";
import { findingsText } from "../../core/findings/text";
import { kebabCase, parseTaskCommand, UsageError } from "../taskInputs";

export const logsHelp = [
  "<dir>                the folder of run logs (.log, .zip); or --logs-path",
  '(thresholds: "logs" in the --config-file, see docs/lzvalidator.schema.json)',
];

/** The ValidateRoutine inputs that mean something here. */
const INPUTS = new Set([
  "logsPath",
  "configFile",
  "failOn",
  "maxZipMb",
  "maxZipEntries",
  "maxLogFileMb",
  "maxLogLineKb",
]);
const logsTask = { ...taskJson, inputs: taskJson.inputs.filter((i) => INPUTS.has(i.name)) };

export async function logs(argv: string[]): Promise<CommandResult> {
  const { inputs, options, positionals } = parseTaskCommand(logsTask, argv);
  const dir = positionals[0] ?? inputs.logsPath;
  if (!dir) throw new UsageError("give the folder of run logs: lz logs <dir>");
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`'${dir}' is not a folder`);
  const limits = parseReadLimits((name) => inputs[name]);
  if (limits.invalid)
    throw new UsageError(
      `--${kebabCase(limits.invalid.name)} must be a whole number from 1 to ${MAX_READ_LIMIT} (got '${limits.invalid.value}')`,
    );
  const lang = languageOf(cliLocale(options.lang));
  const resolved = resolveOptions(path.resolve(dir), { configFile: inputs.configFile });
  const raw = [
    ...resolved.findings,
    ...(await checkLogFolder(
      path.resolve(dir),
      resolved.options.logs,
      logLimitsOf({ ...DEFAULT_READ_LIMITS, ...limits.limits }),
    )),
  ];
  const result = resultFromRaw(raw, { lang, failOn: (inputs.failOn || "error") as FailOn });
  const version = formatTaskVersion(taskJson.version);
  const output =
    options.format === "json" ? JSON.stringify(jsonReport(result, dir, version), null, 2) : findingsText(result);
  return { output, exitCode: result.result === "Failed" ? 1 : 0 };
}
