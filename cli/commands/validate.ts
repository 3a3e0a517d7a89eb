/** `lz validate <path>`: ValidateRoutine outside a pipeline (same engine, findings and reports). */
import * as path from "path";
import taskJson from "../../tasks/ValidateRoutineV1/task.json";
import spanish from "../../tasks/ValidateRoutineV1/Strings/resources.resjson/es-ES/resources.resjson";
import { validateRoutine } from "../../core/validator/engine";
import { patchMarkdown, patchSummary } from "../../core/validator/fixes";
import { validateRequestFromInputs } from "../../core/validator/inputs";
import { writeReports } from "../../core/findings/output";
import { formatTaskVersion } from "../../core/report";
import { jsonReport, markdownSummary, sarifReport } from "../../core/findings/report";
import type { CommandSpec } from "../command";
import { flagInputs, parseTaskCommand, takeFlagProblems } from "../taskInputs";
import { isInfraFolder } from "../../core/api/validateApiInfra";
import { apiValidateCommand } from "./api";
import { findingsText } from "../../core/findings/text";
import { severityPainter } from "../paint";
import { withAnalysis } from "../validatorWorkers";

const version = formatTaskVersion(taskJson.version);

export const validateCommand: CommandSpec = {
  name: "validate",
  summary: "CliSummaryValidate",
  task: taskJson,
  spanish,
  formats: ["text", "json", "sarif", "markdown"],
  // Both need the job's token to reach the HU: outside a pipeline there is none.
  pipelineOnly: ["workItemId", "logsFromWorkItem"],
  args: [{ usage: "<path>", text: "CliArgRoutine", input: "routinePath", missing: "CliGiveRoutine" }],
  async run({ inputs, options, lang, loc }, io) {
    const { request, problems } = validateRequestFromInputs(flagInputs(inputs));
    takeFlagProblems(problems, loc);
    const routine = request.routinePath!;
    // `lz validate` on an API's infrastructure folder runs the API rules (lz api validate, ValidateApiInfra).
    if (isInfraFolder(routine)) {
      process.stderr.write(`${loc("CliValidateInfraFolder", routine)}\n`);
      const argv = ["--infra-path", routine, "--format", String(options.format), "--lang", lang];
      if (inputs.failOn) argv.push("--fail-on", inputs.failOn);
      const { task, flags, formats } = apiValidateCommand;
      return apiValidateCommand.run(parseTaskCommand(task, argv, flags, formats), io);
    }
    const progress = io.progress;
    const { result, patch } = await withAnalysis(
      async (analyzeFiles) => {
        const result = await validateRoutine(routine, { ...request.options, lang }, { analyzeFiles });
        progress?.("");
        // The patch costs a second analysis of the files it fixes: only for the reports that show it.
        const patch =
          request.reportDirectory || options.format === "markdown"
            ? await patchSummary(result, routine, analyzeFiles, request.python)
            : undefined;
        return { result, patch };
      },
      progress && ((done, total) => progress(loc("CliProgress", done, total))),
    );
    const patchSection = patch && patchMarkdown(patch, lang);
    if (request.reportDirectory)
      writeReports(result, routine, request.reportDirectory, version, request.rulesDocsUrl, patchSection);
    let output: string;
    if (options.format === "json") output = JSON.stringify(jsonReport(result, routine, version), null, 2);
    else if (options.format === "sarif")
      output = JSON.stringify(sarifReport(result, path.resolve(routine), version, request.rulesDocsUrl), null, 2);
    else if (options.format === "markdown")
      output = markdownSummary(result, routine, request.rulesDocsUrl, patchSection);
    else
      output = findingsText(result, {
        tail: loc("CliValidateTail", result.stats.files, result.stats.ms),
        paint: io.colour ? severityPainter : undefined,
      });
    return { output, exitCode: result.result === "Failed" ? 1 : 0 };
  },
};
