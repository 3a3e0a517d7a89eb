/** `lz api validate` and `lz run-coordinators`: ValidateApiInfra and RunCoordinators outside a pipeline. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import validateTask from "../../tasks/ValidateApiInfraV1/task.json";
import runTask from "../../tasks/RunCoordinatorsV1/task.json";
import { API_FILE_LIMITS, readBoundedText } from "../../core/api/bounded";
import { ApiFileError, parseCfnYaml } from "../../core/api/cfnYaml";
import { apiValidationResult } from "../../core/api/gate";
import { describeApiError } from "../../core/api/messages";
import { API_NAME, apiPascal } from "../../core/api/naming";
import { tokenSyntax } from "../../core/api/params";
import { CoordinatorSetupError, glueMaxConcurrentRuns, runCoordinators } from "../../core/api/runCoordinators";
import { readTemplate } from "../../core/api/template";
import { validateApiInfra } from "../../core/api/validateApiInfra";
import { languageOf } from "../../core/i18n/localizer";
import { formatTaskVersion } from "../../core/report";
import { DEFAULT_EXPECTED_ERRORS, parseExpectedErrorPatterns } from "../../core/run/runRoutine";
import { resultFromRaw } from "../../core/validator/engine";
import { writeReports } from "../../core/validator/output";
import { jsonReport } from "../../core/validator/report";
import type { FailOn, Lang } from "../../core/validator/types";
import { CommandResult } from "../command";
import { parseTaskCommand, UsageError } from "../taskInputs";
import { cliLocale } from "../taskStrings";

const langOf = (options: Record<string, unknown>): Lang => languageOf(cliLocale(options.lang));

/** Runs `work`; an ApiFileError (a file or value refused) is a usage error with its file and line. */
function refusing<T>(lang: Lang, work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof ApiFileError) throw new UsageError(describeApiError(err, lang));
    throw err;
  }
}

// --- validate -------------------------------------------------------------------------------------

export const apiValidateHelp = [
  "<infra folder>       the API's folder of the infrastructure repository (or --infra-path)",
  "--format text|json",
];

const listOf = (text: string | undefined) =>
  (text ?? "")
    .split(/\r?\n|,/)
    .map((l) => l.trim())
    .filter(Boolean);

export async function apiValidateCommand(argv: string[]): Promise<CommandResult> {
  const { inputs, options, positionals } = parseTaskCommand(validateTask, argv);
  const lang = langOf(options);
  const infraPath = positionals[0] ?? inputs.infraPath;
  if (!infraPath && !inputs.templatePath && !inputs.analyticsPath)
    throw new UsageError(
      "give the API's infrastructure folder (lz api validate <folder>), --template-path or --analytics-path",
    );
  for (const [flag, p] of [
    ["infra folder", infraPath],
    ["--template-path", inputs.templatePath],
    ["--analytics-path", inputs.analyticsPath],
  ] as const)
    if (p && !fs.existsSync(p)) throw new UsageError(`${flag} '${p}' does not exist`);
  if (inputs.checkVariableGroup === "true")
    throw new UsageError("--check-variable-group only works inside a pipeline (it needs the job's access token)");
  if (inputs.tokenSyntax && !tokenSyntax(inputs.tokenSyntax))
    throw new UsageError(describeApiError(new ApiFileError("TokenSyntaxInvalid", "", 0, [inputs.tokenSyntax]), lang));
  const started = Date.now();
  const root = path.resolve(infraPath ?? inputs.analyticsPath ?? path.dirname(inputs.templatePath));
  const found = await validateApiInfra({
    root,
    infraPath: infraPath ? path.resolve(infraPath) : undefined,
    templatePaths: inputs.templatePath ? [path.resolve(inputs.templatePath)] : undefined,
    paramsPaths: listOf(inputs.paramsPaths).map((p) => path.resolve(p)),
    analyticsPath: inputs.analyticsPath ? path.resolve(inputs.analyticsPath) : undefined,
    apiName: inputs.apiName || undefined,
    tables: listOf(inputs.tables),
    zone: inputs.zona || undefined,
    tokenSyntax: inputs.tokenSyntax || undefined,
    policies: { eks: inputs.eksPolicy || "EKSRolePolicyDynamo", glue: inputs.gluePolicy || "GlueRolePolicy" },
    lang,
  });
  const failOn = (inputs.failOn || "error") as FailOn;
  const result = apiValidationResult(
    found.findings,
    found.texts,
    { lang, failOn, ruleSeverities: inputs.ruleSeverities },
    { files: found.texts.size, started },
  );
  const version = formatTaskVersion(validateTask.version);
  if (inputs.reportDirectory) writeReports(result, root, inputs.reportDirectory, version);
  let output: string;
  if (options.format === "json") output = JSON.stringify(jsonReport(result, root, version), null, 2);
  else {
    const s = result.summary;
    output = [
      ...result.findings.map((f) => `${f.file || "."}:${f.line}:${f.column}: ${f.severity} ${f.rule} ${f.message}`),
      "",
      `${result.result}: ${s.errors} errors, ${s.warnings} warnings, ${s.infos} info (${found.templates.length} template(s), ${found.params.length} params file(s), ${found.cfgTables.length} coordinator(s))`,
    ].join("\n");
  }
  return { output, exitCode: result.result === "Failed" ? 1 : 0 };
}

// --- run-coordinators -------------------------------------------------------------------------------

export const runCoordinatorsHelp = ["(the output streams to stderr; the report goes to stdout)"];

export async function runCoordinatorsCommand(argv: string[]): Promise<CommandResult> {
  const { inputs, options } = parseTaskCommand(runTask, argv);
  const lang = langOf(options);
  const api = inputs.apiName;
  if (!api || !API_NAME.test(api))
    throw new UsageError(`give --api-name, e.g. AlterCtraScoreDelta (got '${api ?? ""}')`);
  const folder = apiPascal(api);
  const deployPath = inputs.deployPath || "/opt/gitDevops/ProductizarLaAnalitica";
  const concurrency = Number(inputs.concurrency || "1");
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
    throw new UsageError(`--concurrency must be a whole number from 1 to 32 (got '${inputs.concurrency}')`);
  const minutes = Number(inputs.timeoutMinutes || "120");
  if (!(minutes > 0))
    throw new UsageError(`--timeout-minutes must be a positive number (got '${inputs.timeoutMinutes}')`);
  const given = parseExpectedErrorPatterns(inputs.expectedErrorPatterns ?? "");
  if (given.invalid)
    throw new UsageError(`--expected-error-patterns: '${given.invalid.pattern}': ${given.invalid.error}`);
  let cap: number | undefined;
  if (inputs.templatePath) {
    const template = inputs.templatePath;
    cap = refusing(lang, () =>
      glueMaxConcurrentRuns(
        readTemplate(parseCfnYaml(readBoundedText(template, API_FILE_LIMITS.template), template), template),
        api,
      ),
    );
  }
  const reportDir = path.resolve(inputs.reportDirectory || fs.mkdtempSync(path.join(os.tmpdir(), "lz-coordinators-")));
  const started = Date.now();
  let outcome;
  try {
    outcome = await runCoordinators({
      cfgFolder: inputs.cfgFolder || path.join(deployPath, folder, "API", "cfg"),
      tables: listOf(inputs.tables),
      home: inputs.coordinatorHome || path.join(deployPath, "ProductizarPy3"),
      python: inputs.python || "python3",
      script: inputs.script || "coordinatorV2.py",
      tempDataFolder: path.join(inputs.tempDataRoot || "/data01/Cloud/TMP_FILES", folder),
      concurrency: Math.min(concurrency, cap ?? concurrency),
      maxConcurrentRuns: cap,
      timeoutMs: minutes * 60_000,
      expectedErrorPatterns: inputs.expectedErrorPatterns ? given.patterns : DEFAULT_EXPECTED_ERRORS,
      logsFolder: inputs.logsFolder || path.join(deployPath, folder, "TMP_FILES", "logs"),
      successPattern: inputs.successPattern || undefined,
      outputDir: reportDir,
      onLine: (table, line) => process.stderr.write(`[${table}] ${line}\n`),
    });
  } catch (err) {
    if (err instanceof CoordinatorSetupError) {
      const loc = runTask.messages as Record<string, string>;
      throw new UsageError((loc[err.code] ?? err.code).replace(/%s/g, () => String(err.args.shift() ?? "")));
    }
    throw err;
  }
  const failOn = (inputs.failOn || "error") as FailOn;
  const result = resultFromRaw(outcome.findings, { lang, failOn }, started);
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
  const output =
    options.format === "json"
      ? JSON.stringify(report, null, 2)
      : [
          ...result.findings.map((f) => `${f.file || "."}:${f.line}: ${f.severity} ${f.rule} ${f.message}`),
          "",
          `${failed.length ? "Failed" : result.result}: ${outcome.coordinators.length - failed.length}/${outcome.coordinators.length} coordinator(s) OK${failed.length ? ` (failed: ${failed.map((c) => c.table).join(", ")})` : ""}, ${result.summary.errors} errors (outputs in ${reportDir})`,
        ].join("\n");
  return { output, exitCode: failed.length || result.result === "Failed" ? 1 : 0 };
}
