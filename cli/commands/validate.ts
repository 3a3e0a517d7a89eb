/** `lz validate <path>`: ValidateRoutine outside a pipeline (same engine, findings and reports). */
import * as fs from "fs";
import * as path from "path";
import taskJson from "../../tasks/ValidateRoutineV1/task.json";
import spanish from "../../tasks/ValidateRoutineV1/Strings/resources.resjson/es-ES/resources.resjson";
import { ANALYZERS } from "../../core/validator/analyzers";
import { analyzeHere } from "../../core/validator/fileAnalysis";
import { validateRoutine } from "../../core/validator/engine";
import { validateRequestFromInputs } from "../../core/validator/inputs";
import { writeReports } from "../../core/findings/output";
import { analyzeInWorkers } from "../../core/validator/pool";
import { formatTaskVersion } from "../../core/report";
import { jsonReport, markdownSummary, sarifReport } from "../../core/findings/report";
import { type CommandSpec, UsageError } from "../command";
import { flagInputs, takeFlagProblems } from "../taskInputs";
import { findingsText } from "../../core/findings/text";
import { severityPainter } from "../paint";

const version = formatTaskVersion(taskJson.version);

export const validateCommand: CommandSpec = {
  name: "validate",
  summary: "CliSummaryValidate",
  task: taskJson,
  spanish,
  formats: ["text", "json", "sarif", "markdown"],
  // Both need the job's token to reach the HU: outside a pipeline there is none.
  pipelineOnly: ["workItemId", "logsFromWorkItem"],
  args: [{ usage: "<path>", text: "CliArgRoutine" }],
  async run({ inputs, options, positionals, lang, loc }, io) {
    if (positionals.length > 1) throw new UsageError(loc("CliOneFolder", positionals.join(", ")));
    const { request, problems } = validateRequestFromInputs(
      flagInputs(positionals[0] ? { ...inputs, routinePath: positionals[0] } : inputs),
    );
    takeFlagProblems(problems, loc);
    const routine = request.routinePath;
    if (!routine) throw new UsageError(loc("CliGiveRoutine"));
    if (!fs.existsSync(routine) || !fs.statSync(routine).isDirectory())
      throw new UsageError(loc("CliNotAFolder", routine));
    const worker = path.join(__dirname, "validatorWorker.js");
    const progress = io.progress;
    const result = await validateRoutine(
      routine,
      { ...request.options, lang },
      // The built CLI has its worker beside it; run from sources (tests of core), analyze here.
      {
        analyzeFiles: fs.existsSync(worker)
          ? (files, ctx) =>
              analyzeInWorkers(
                worker,
                files,
                ctx,
                undefined,
                progress && ((done, total) => progress(loc("CliProgress", done, total))),
              )
          : analyzeHere(ANALYZERS),
      },
    );
    progress?.("");
    if (request.reportDirectory) writeReports(result, routine, request.reportDirectory, version, request.rulesDocsUrl);
    let output: string;
    if (options.format === "json") output = JSON.stringify(jsonReport(result, routine, version), null, 2);
    else if (options.format === "sarif")
      output = JSON.stringify(sarifReport(result, path.resolve(routine), version, request.rulesDocsUrl), null, 2);
    else if (options.format === "markdown") output = markdownSummary(result, routine, request.rulesDocsUrl);
    else
      output = findingsText(result, {
        tail: loc("CliValidateTail", result.stats.files, result.stats.ms),
        paint: io.colour ? severityPainter : undefined,
      });
    return { output, exitCode: result.result === "Failed" ? 1 : 0 };
  },
};
