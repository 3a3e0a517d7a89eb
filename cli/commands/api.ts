/** `lz api validate` and `lz run-coordinators`: ValidateApiInfra and RunCoordinators outside a pipeline. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import validateTask from "../../tasks/ValidateApiInfraV1/task.json";
import validateSpanish from "../../tasks/ValidateApiInfraV1/Strings/resources.resjson/es-ES/resources.resjson";
import runTask from "../../tasks/RunCoordinatorsV1/task.json";
import runSpanish from "../../tasks/RunCoordinatorsV1/Strings/resources.resjson/es-ES/resources.resjson";
import { API_FILE_LIMITS, readBoundedText } from "../../core/api/bounded";
import { parseCfnYaml } from "../../core/api/cfnYaml";
import { apiValidationResult } from "../../core/api/gate";
import { runCoordinatorsRequestFromInputs, validateApiInfraRequestFromInputs } from "../../core/api/inputs";
import { CoordinatorSetupError, glueMaxConcurrentRuns, runCoordinators } from "../../core/api/runCoordinators";
import { readTemplate } from "../../core/api/template";
import { validateApiInfra } from "../../core/api/validateApiInfra";
import { writeReports } from "../../core/findings/output";
import { jsonReport } from "../../core/findings/report";
import { findingsText } from "../../core/findings/text";
import { msg } from "../../core/i18n/catalogue";
import { refusing } from "../apiRefusing";
import { formatTaskVersion } from "../../core/report";
import { resultFromRaw } from "../../core/validator/engine";
import { type CommandSpec, UsageError } from "../command";
import { severityPainter } from "../paint";
import { flagInputs, takeFlagProblems, type TaskDefinition } from "../taskInputs";

/** The task's input names: a message that names one besides its own says the flag instead. */
const inputNames = (task: TaskDefinition) => (task.inputs ?? []).map((i) => i.name);

export const apiValidateCommand: CommandSpec = {
  name: "api validate",
  summary: "CliSummaryApiValidate",
  task: validateTask,
  spanish: validateSpanish,
  args: [{ usage: "<infra folder>", text: "CliArgApiInfra", input: "infraPath" }],
  // Reading the variable group needs the job's token.
  pipelineOnly: ["checkVariableGroup"],
  pipelineOnlyError: "CliPipelineOnlyGroup",
  pipelineOnlyHelp: "CliHelpPipelineOnlyGroup",
  async run({ inputs, options, lang, loc }, io) {
    const { request, problems } = validateApiInfraRequestFromInputs(flagInputs(inputs));
    takeFlagProblems(problems, loc, inputNames(validateTask));
    const started = Date.now();
    const root = request.infraPath ?? request.analyticsPath ?? path.dirname(request.templatePath!);
    const found = await validateApiInfra({
      root,
      infraPath: request.infraPath,
      templatePaths: request.templatePath ? [request.templatePath] : undefined,
      paramsPaths: request.paramsPaths,
      analyticsPath: request.analyticsPath,
      apiName: request.apiName,
      tables: request.tables,
      zone: request.zone,
      tokenSyntax: request.tokenSyntax,
      policies: request.policies,
    });
    const result = apiValidationResult(
      found.findings,
      found.texts,
      { lang, failOn: request.failOn, ruleSeverities: request.ruleSeverities },
      { files: found.texts.size, started },
    );
    const version = formatTaskVersion(validateTask.version);
    if (request.reportDirectory) writeReports(result, root, request.reportDirectory, version);
    const output =
      options.format === "json"
        ? JSON.stringify(jsonReport(result, root, version), null, 2)
        : findingsText(result, {
            tail: loc("CliApiValidateTail", found.templates.length, found.params.length, found.cfgTables.length),
            paint: io.colour ? severityPainter : undefined,
          });
    return { output, exitCode: result.result === "Failed" ? 1 : 0 };
  },
};

export const runCoordinatorsCommand: CommandSpec = {
  name: "run-coordinators",
  summary: "CliSummaryRunCoordinators",
  note: "CliCoordinatorsStreams",
  task: runTask,
  spanish: runSpanish,
  // Posting the evidence on the HU needs the job's token.
  pipelineOnly: ["workItemId"],
  pipelineOnlyError: "CliPipelineOnlyEvidence",
  async run({ inputs, options, lang, loc }, io) {
    const { request, problems } = runCoordinatorsRequestFromInputs(flagInputs(inputs));
    takeFlagProblems(problems, loc, inputNames(runTask));
    const template = request.templatePath;
    const cap = template
      ? refusing(loc, () =>
          glueMaxConcurrentRuns(
            readTemplate(parseCfnYaml(readBoundedText(template, API_FILE_LIMITS.template), template), template),
            request.apiName,
          ),
        )
      : undefined;
    const reportDir = path.resolve(
      request.reportDirectory ?? fs.mkdtempSync(path.join(os.tmpdir(), "lz-coordinators-")),
    );
    const started = Date.now();
    let outcome;
    try {
      outcome = await runCoordinators({
        cfgFolder: request.cfgFolder,
        tables: request.tables,
        home: request.coordinatorHome,
        python: request.python,
        script: request.script,
        tempDataFolder: request.tempDataFolder,
        concurrency: Math.min(request.concurrency, cap ?? request.concurrency),
        maxConcurrentRuns: cap,
        timeoutMs: request.timeoutMinutes * 60_000,
        expectedErrorPatterns: request.expectedErrorPatterns,
        logsFolder: request.logsFolder,
        successPattern: request.successPattern,
        logToleratedPatterns: request.logToleratedPatterns,
        logRetryPatterns: request.logRetryPatterns,
        outputDir: reportDir,
        // Neutralized by core: a coordinator's lines cannot drive a pipeline that runs `lz` either.
        onLine: (table, line) => process.stderr.write(`[${table}] ${line}\n`),
      });
    } catch (err) {
      if (err instanceof CoordinatorSetupError) throw new UsageError(loc(err.code, ...err.args));
      throw err;
    }
    const result = resultFromRaw(outcome.findings, { lang, failOn: request.failOn }, started);
    const version = formatTaskVersion(runTask.version);
    writeReports(result, reportDir, reportDir, version);
    const failed = outcome.coordinators.filter((c) => c.failed);
    const report = {
      ...jsonReport(result, reportDir, version),
      concurrency: outcome.concurrency,
      coordinators: outcome.coordinators.map((c) => ({
        table: c.table,
        exitCode: c.exitCode,
        timedOut: c.timedOut,
        failed: c.failed,
        outputFile: c.outputFile,
      })),
    };
    const failedList = failed.length ? msg("CliCoordinatorsFailedList", failed.map((c) => c.table).join(", ")) : "";
    const output =
      options.format === "json"
        ? JSON.stringify(report, null, 2)
        : findingsText(result, {
            tail: loc(
              "CliCoordinatorsTail",
              outcome.coordinators.length - failed.length,
              outcome.coordinators.length,
              failedList,
              reportDir,
            ),
            paint: io.colour ? severityPainter : undefined,
          });
    return { output, exitCode: failed.length || result.result === "Failed" ? 1 : 0 };
  },
};
