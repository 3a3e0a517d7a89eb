/** `lz verify-env` and `lz switch-dsn`: the Deploy DEV helpers outside a pipeline. */
import verifyTask from "../../tasks/VerifyRoutineEnvV1/task.json";
import switchTask from "../../tasks/SwitchRoutineDsnV1/task.json";
import * as path from "path";
import { backupPath, DsnError, restoreDsn, switchDsn } from "../../core/env/dsnSwitch";
import { verifyEnvironment } from "../../core/env/verifyEnv";
import { languageOf } from "../../core/i18n/localizer";
import { formatTaskVersion } from "../../core/report";
import { resultFromRaw } from "../../core/validator/engine";
import { MAX_READ_LIMIT, parseReadLimits } from "../../core/validator/options";
import { writeReports } from "../../core/findings/output";
import { jsonReport } from "../../core/findings/report";
import type { FailOn } from "../../core/findings/types";
import { CommandResult } from "../command";
import { parseTaskCommand, UsageError } from "../taskInputs";
import { findingsText } from "../../core/findings/text";
import { cliLocale, cliLocalizer } from "../taskStrings";

export const verifyEnvHelp = ["--format text|json"];
export const switchDsnHelp = [
  "--mode switch|restore (restore puts the backup back)",
  "--allow-read-only true (switch a read-only config.json; refused by default)",
];

const lang = (option: unknown) => languageOf(cliLocale(option));
const verifyVersion = formatTaskVersion(verifyTask.version);

export async function verifyEnv(argv: string[]): Promise<CommandResult> {
  const { inputs, options } = parseTaskCommand(verifyTask, argv);
  if (!inputs.zona) throw new UsageError("--zona is required");
  if (!inputs.repositoryName && !inputs.packageName) throw new UsageError("give --repository-name or --package-name");
  const maxAgeHours = Number(inputs.maxAgeHours ?? "24");
  if (!(maxAgeHours > 0))
    throw new UsageError(`--max-age-hours must be a positive number (got '${inputs.maxAgeHours}')`);
  const depth = parseReadLimits((name) => (name === "maxFolderDepth" ? inputs.maxFolderDepth : undefined));
  if (depth.invalid)
    throw new UsageError(
      `--max-folder-depth must be a whole number from 1 to ${MAX_READ_LIMIT} (got '${depth.invalid.value}')`,
    );
  const found = verifyEnvironment({
    ...inputs,
    baseDirectory: inputs.baseDirectory ?? "/avirtual",
    zona: inputs.zona,
    maxAgeHours,
    maxFolderDepth: depth.limits.maxFolderDepth,
  });
  const result = resultFromRaw(found.findings, {
    lang: lang(options.lang),
    failOn: (inputs.failOn || "error") as FailOn,
  });
  const root = found.environment ?? path.join(inputs.baseDirectory ?? "/avirtual", inputs.zona);
  if (inputs.reportDirectory) writeReports(result, root, inputs.reportDirectory, verifyVersion);
  const report = {
    ...jsonReport(result, root, verifyVersion),
    sitePackagePath: found.sitePackagePath,
    sitePackageName: found.sitePackageName,
    compared: found.compared,
  };
  const output =
    options.format === "json"
      ? JSON.stringify(report, null, 2)
      : findingsText(result, {
          before: found.sitePackagePath ? [`RoutineEnv.SitePackagePath = ${found.sitePackagePath}`] : [],
        });
  return { output, exitCode: result.result === "Failed" ? 1 : 0 };
}

export async function switchDsnCommand(argv: string[]): Promise<CommandResult> {
  const { inputs, options } = parseTaskCommand(switchTask, argv);
  const loc = cliLocalizer(options.lang);
  const config =
    inputs.configPath ||
    (inputs.sitePackagePath ? path.join(inputs.sitePackagePath, "static", "config", "config.json") : "");
  if (!config) throw new UsageError("give --config-path or --site-package-path");
  const json = options.format === "json";
  try {
    if ((inputs.mode ?? "switch") === "restore") {
      const outcome = restoreDsn(config);
      const text = outcome.restored ? loc("Restored", config) : loc("NothingToRestore", config);
      return { output: json ? JSON.stringify({ config, ...outcome, message: text }, null, 2) : text, exitCode: 0 };
    }
    const from = inputs.from ?? "impala-virtual-prd";
    const to = inputs.to ?? "impala-virtual-dev";
    const outcome = switchDsn(config, from, to, { allowReadOnly: inputs.allowReadOnly === "true" });
    const text = [
      outcome.recovered?.restored ? loc("Recovered", config) : "",
      loc("SwitchedByCli", config, from, to, backupPath(config), config),
    ]
      .filter(Boolean)
      .join("\n");
    return {
      output: json
        ? JSON.stringify(
            { config, switched: true, from, to, backup: backupPath(config), recovered: !!outcome.recovered?.restored },
            null,
            2,
          )
        : text,
      exitCode: 0,
    };
  } catch (err) {
    if (!(err instanceof DsnError)) throw err;
    const text = loc(err.code, ...err.args);
    return {
      output: json ? JSON.stringify({ config, switched: false, error: err.code, message: text }, null, 2) : text,
      exitCode: 1,
    };
  }
}
