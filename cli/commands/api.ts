/**
 * `lz api add-table`, `lz api add-coordinator`, `lz api validate` and `lz run-coordinators`: the API
 * process (process note 001) outside a pipeline. Files are written only when everything was computed
 * and verified, each through a temporary file and a rename: bad input changes nothing.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createTwoFilesPatch } from "diff";
import validateTask from "../../tasks/ValidateApiInfraV1/task.json";
import runTask from "../../tasks/RunCoordinatorsV1/task.json";
import { addCoordinator } from "../../core/api/addCoordinator";
import { addTable, parseKeySpec, Tag } from "../../core/api/addTable";
import { API_FILE_LIMITS, readBoundedText } from "../../core/api/bounded";
import { ApiFileError, parseCfnYaml } from "../../core/api/cfnYaml";
import { apiValidationResult } from "../../core/api/gate";
import { describeApiError } from "../../core/api/messages";
import { API_NAME, apiPascal, NameStyle } from "../../core/api/naming";
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
import { parseTaskCommand, TaskDefinition, UsageError } from "../taskInputs";
import { cliLocale } from "../taskStrings";
import { parse as parseYaml } from "yaml";

const langOf = (options: Record<string, unknown>): Lang => languageOf(cliLocale(options.lang));

/** Writes every file through a temporary file and a rename, after all of them were computed. */
function writeAll(files: Array<{ path: string; text: string }>): void {
  for (const f of files) {
    fs.mkdirSync(path.dirname(f.path), { recursive: true });
    const tmp = `${f.path}.lz-tmp-${process.pid}`;
    fs.writeFileSync(tmp, f.text, { flag: "wx" });
    fs.renameSync(tmp, f.path);
  }
}

/** Runs `work`; an ApiFileError (a file or value refused) is a usage error with its file and line. */
function refusing<T>(lang: Lang, work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof ApiFileError) throw new UsageError(describeApiError(err, lang));
    throw err;
  }
}

// --- add-table --------------------------------------------------------------------------------------

export const addTableTask: TaskDefinition = {
  name: "lz api add-table",
  inputs: [
    { name: "template", type: "filePath", required: true },
    { name: "api", type: "string", required: true },
    { name: "table", type: "string", required: true },
    { name: "partitionKey", type: "string", required: true },
    { name: "sortKey", type: "string" },
    { name: "tags", type: "filePath" },
    { name: "nameStyle", type: "string", defaultValue: "auto", options: { auto: "", pascal: "", lower: "" } },
    { name: "tokenSyntax", type: "string" },
    { name: "eksPolicy", type: "string", defaultValue: "EKSRolePolicyDynamo" },
    { name: "gluePolicy", type: "string", defaultValue: "GlueRolePolicy" },
  ],
};

export const addTableHelp = [
  "--params FILE        a params file (repeatable: every environment's); its capacity entries are added",
  "--partition-key name:S|N   --sort-key name:S|N   (S text, N number)",
  "--tags FILE          YAML/JSON list of {Key, Value} (default: the template's last table's tags)",
  "--name-style auto|pascal|lower   the table part of resource names (auto: as the template's tables)",
  "--token-syntax replace-tokens|macro|'#{name}#'   how params name library variables (default: as the files)",
  "--dry-run            print the diff, write nothing",
];

function readTags(file: string, lang: Lang): Tag[] {
  const text = refusing(lang, () => readBoundedText(file, API_FILE_LIMITS.params));
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: 10 });
  } catch (err) {
    throw new UsageError(
      `${file}: ${describeApiError(new ApiFileError("TagsInvalid", "", 0, [(err as Error).message]), lang)}`,
    );
  }
  const list = Array.isArray(data)
    ? data
    : data && typeof data === "object"
      ? Object.entries(data).map(([Key, Value]) => ({ Key, Value }))
      : undefined;
  if (
    !list ||
    !list.every((t) => t && typeof t.Key === "string" && ["string", "number", "boolean"].includes(typeof t.Value))
  )
    throw new UsageError(
      `${file}: ${describeApiError(new ApiFileError("TagsInvalid", "", 0, ["Key and Value in each entry"]), lang)}`,
    );
  return list.map((t) => ({ Key: t.Key, Value: String(t.Value) }));
}

export async function addTableCommand(argv: string[]): Promise<CommandResult> {
  const { inputs, options } = parseTaskCommand(addTableTask, argv, {
    params: { type: "string", multiple: true },
    "dry-run": { type: "boolean" },
  });
  const multiple = (options.params as string[] | undefined) ?? [];
  const lang = langOf(options);
  for (const name of ["template", "api", "table", "partitionKey"] as const)
    if (!inputs[name]) throw new UsageError(`give --${name.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())}`);
  const partitionKey = parseKeySpec(inputs.partitionKey);
  if (!partitionKey)
    throw new UsageError(
      describeApiError(new ApiFileError("KeyInvalid", "", 0, ["--partition-key", inputs.partitionKey]), lang),
    );
  const sortKey = inputs.sortKey ? parseKeySpec(inputs.sortKey) : undefined;
  if (inputs.sortKey && !sortKey)
    throw new UsageError(describeApiError(new ApiFileError("KeyInvalid", "", 0, ["--sort-key", inputs.sortKey]), lang));
  const templateFile = inputs.template;
  const template = {
    file: templateFile,
    text: refusing(lang, () => readBoundedText(templateFile, API_FILE_LIMITS.template)),
  };
  const params = multiple.map((file) => ({
    file,
    text: refusing(lang, () => readBoundedText(file, API_FILE_LIMITS.params)),
  }));
  const result = refusing(lang, () =>
    addTable({
      template,
      params,
      api: inputs.api,
      table: inputs.table,
      partitionKey,
      sortKey,
      tags: inputs.tags ? readTags(inputs.tags, lang) : undefined,
      style: (inputs.nameStyle || "auto") as NameStyle | "auto",
      tokenSyntax: inputs.tokenSyntax || undefined,
      policies: { eks: inputs.eksPolicy || "EKSRolePolicyDynamo", glue: inputs.gluePolicy || "GlueRolePolicy" },
    }),
  );
  const changed = [{ path: templateFile, before: template.text, text: result.template }].concat(
    result.params.map((p, i) => ({ path: p.file, before: params[i].text, text: p.text })),
  );
  const lines: string[] = [];
  if (options["dry-run"])
    for (const f of changed) lines.push(createTwoFilesPatch(f.path, f.path, f.before, f.text, "", "", { context: 3 }));
  else writeAll(changed);
  const es = lang === "es";
  lines.push(
    es
      ? `${options["dry-run"] ? "Se agregaría" : "Agregada"} la tabla ${result.names.table} como ${result.names.resource} (nombres ${result.style === "pascal" ? "PascalCase" : "en minúsculas"}).`
      : `${options["dry-run"] ? "Would add" : "Added"} table ${result.names.table} as ${result.names.resource} (${result.style === "pascal" ? "PascalCase" : "lower-case"} names).`,
  );
  const create = result.variables.filter((v) => !v.reused);
  if (create.length) {
    lines.push(
      es
        ? "Cree estas variables en Pipelines › Library › productizar-variables-informacion-dy-aws:"
        : "Create these variables in Pipelines › Library › productizar-variables-informacion-dy-aws:",
      ...create.map((v) => `  ${v.name} = ${v.value}`),
    );
  }
  for (const v of result.variables.filter((x) => x.reused))
    lines.push(es ? `Reutiliza la variable de library ${v.name}.` : `Reuses the library variable ${v.name}.`);
  for (const u of result.unvalued)
    lines.push(
      es
        ? `${u.file}: agregue el valor de ${u.parameter} (el nombre de la tabla en DynamoDB).`
        : `${u.file}: add the value of ${u.parameter} (the DynamoDB table's name).`,
    );
  return { output: lines.join("\n"), exitCode: 0 };
}

// --- add-coordinator --------------------------------------------------------------------------------

export const addCoordinatorTask: TaskDefinition = {
  name: "lz api add-coordinator",
  inputs: [
    { name: "analytics", type: "filePath", required: true },
    { name: "api", type: "string", required: true },
    { name: "table", type: "string", required: true },
    { name: "zone", type: "string", required: true },
    { name: "example", type: "filePath", required: true },
    { name: "exampleTable", type: "string" },
    { name: "exampleZone", type: "string" },
    { name: "exampleApi", type: "string" },
  ],
};

export const addCoordinatorHelp = [
  "--analytics DIR      the analytics repository (NU0044001_ProductizarLaAnalitica) or the API's folder in it",
  "--example FILE       another table's cfg (of a project with API): the model; its table, zone and API are replaced",
  "--dry-run            print the new files, write nothing",
];

export async function addCoordinatorCommand(argv: string[]): Promise<CommandResult> {
  const { inputs, options } = parseTaskCommand(addCoordinatorTask, argv, { "dry-run": { type: "boolean" } });
  const lang = langOf(options);
  for (const name of ["analytics", "api", "table", "zone", "example"] as const)
    if (!inputs[name]) throw new UsageError(`give --${name}`);
  const result = refusing(lang, () =>
    addCoordinator({
      analyticsPath: inputs.analytics,
      api: inputs.api,
      table: inputs.table,
      zone: inputs.zone,
      example: inputs.example,
      exampleTable: inputs.exampleTable || undefined,
      exampleZone: inputs.exampleZone || undefined,
      exampleApi: inputs.exampleApi || undefined,
    }),
  );
  const lines: string[] = [];
  if (options["dry-run"]) for (const f of result.files) lines.push(`--- ${f.path}`, f.text);
  else writeAll(result.files);
  const es = lang === "es";
  for (const r of result.replaced.filter((x) => x.count))
    lines.push(es ? `${r.from} → ${r.to} (${r.count} vez/veces)` : `${r.from} → ${r.to} (${r.count} time(s))`);
  lines.push(
    ...result.files.map((f) =>
      es
        ? `${options["dry-run"] ? "Se crearía" : "Creado"} ${f.path}`
        : `${options["dry-run"] ? "Would create" : "Created"} ${f.path}`,
    ),
    es
      ? "Revise las demás claves del ejemplo (columnas, claves, rutas) para esta tabla."
      : "Check the example's other values (columns, keys, paths) for this table.",
  );
  return { output: lines.join("\n"), exitCode: 0 };
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
