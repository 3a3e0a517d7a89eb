/** `lz validate <path>`: ValidateRoutine outside a pipeline (same engine, findings and reports). */
import * as fs from "fs";
import * as path from "path";
import taskJson from "../../tasks/ValidateRoutineV1/task.json";
import { ANALYZERS } from "../../core/validator/analyzers";
import { analyzeHere } from "../../core/validator/fileAnalysis";
import { validateRoutine } from "../../core/validator/engine";
import { writeReports } from "../../core/findings/output";
import { analyzeInWorkers } from "../../core/validator/pool";
import { formatTaskVersion } from "../../core/report";
import { jsonReport, markdownSummary, sarifReport } from "../../core/findings/report";
import type { FailOn } from "../../core/findings/types";
import { languageOf } from "../../core/i18n/localizer";
import { cliLocale } from "../taskStrings";
import { CommandResult } from "../command";
import { kebabCase, parseTaskCommand, UsageError } from "../taskInputs";
import { findingsText } from "../../core/findings/text";
import { render } from "../../core/i18n/catalogue";
import { MAX_READ_LIMIT, parseReadLimits } from "../../core/validator/options";

export const validateHelp = [
  "<path>               the routine folder (or --routine-path)",
  "--format text|json|sarif|markdown",
];

const version = formatTaskVersion(taskJson.version);

export async function validate(argv: string[]): Promise<CommandResult> {
  const { inputs, options, positionals } = parseTaskCommand(taskJson, argv, {}, ["text", "json", "sarif", "markdown"]);
  const routine = positionals[0] ?? inputs.routinePath;
  if (!routine) throw new UsageError("give the routine folder: lz validate <path>");
  if (positionals.length > 1) throw new UsageError(`one routine folder at a time (got ${positionals.join(", ")})`);
  if (!fs.existsSync(routine) || !fs.statSync(routine).isDirectory())
    throw new UsageError(`'${routine}' is not a folder`);
  if (inputs.workItemId)
    throw new UsageError("--work-item-id only works inside a pipeline (it needs the job's access token)");
  const lang = languageOf(cliLocale(options.lang));
  const failOn = (inputs.failOn || "error") as FailOn;
  const limits = parseReadLimits((name) => inputs[name]);
  if (limits.invalid)
    throw new UsageError(
      `--${kebabCase(limits.invalid.name)} must be a whole number from 1 to ${MAX_READ_LIMIT} (got '${limits.invalid.value}')`,
    );
  const worker = path.join(__dirname, "validatorWorker.js");
  const result = await validateRoutine(
    routine,
    {
      pythonVersion: inputs.pythonVersion,
      expectedDsn: inputs.expectedDsn,
      zona: inputs.zona,
      artifactVersion: inputs.artifactVersion,
      versionFile: inputs.versionFile,
      configFile: inputs.configFile,
      ruleSeverities: inputs.ruleSeverities,
      protectedRules: inputs.protectedRules,
      failOn,
      lang,
      logsPath: inputs.logsPath || undefined,
      ...limits.limits,
    },
    // The built CLI has its worker beside it; run from sources (tests of core), analyze here.
    {
      analyzeFiles: fs.existsSync(worker)
        ? (files, ctx) => analyzeInWorkers(worker, files, ctx)
        : analyzeHere(ANALYZERS),
    },
  );
  if (inputs.reportDirectory) writeReports(result, routine, inputs.reportDirectory, version, inputs.rulesDocsUrl);
  const format = options.format as string;
  let output: string;
  if (format === "json") output = JSON.stringify(jsonReport(result, routine, version), null, 2);
  else if (format === "sarif")
    output = JSON.stringify(sarifReport(result, path.resolve(routine), version, inputs.rulesDocsUrl), null, 2);
  else if (format === "markdown") output = markdownSummary(result, routine, inputs.rulesDocsUrl);
  else output = findingsText(result, { tail: render(lang, "CliValidateTail", result.stats.files, result.stats.ms) });
  return { output, exitCode: result.result === "Failed" ? 1 : 0 };
}
