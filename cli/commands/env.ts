/** `lz verify-env` and `lz switch-dsn`: the Deploy DEV helpers outside a pipeline. */
import verifyTask from "../../tasks/VerifyRoutineEnvV1/task.json";
import switchTask from "../../tasks/SwitchRoutineDsnV1/task.json";
import * as path from "path";
import verifySpanish from "../../tasks/VerifyRoutineEnvV1/Strings/resources.resjson/es-ES/resources.resjson";
import switchSpanish from "../../tasks/SwitchRoutineDsnV1/Strings/resources.resjson/es-ES/resources.resjson";
import * as dsn from "../../core/env/dsnSwitch";
import { verifyEnvironment } from "../../core/env/verifyEnv";
import { formatTaskVersion } from "../../core/report";
import { resultFromRaw } from "../../core/validator/engine";
import { switchRequestFromInputs, verifyRequestFromInputs } from "../../core/env/inputs";
import { writeReports } from "../../core/findings/output";
import { jsonReport } from "../../core/findings/report";
import type { CommandIo, CommandResult, CommandSpec } from "../command";
import { flagInputs, type ParsedCommand, takeFlagProblems } from "../taskInputs";
import { severityPainter } from "../paint";
import { findingsText } from "../../core/findings/text";

const verifyVersion = formatTaskVersion(verifyTask.version);

export const verifyEnvCommand: CommandSpec = {
  name: "verify-env",
  summary: "CliSummaryVerifyEnv",
  task: verifyTask,
  spanish: verifySpanish,
  run: verifyEnv,
};

export const switchDsnCommand: CommandSpec = {
  name: "switch-dsn",
  summary: "CliSummarySwitchDsn",
  task: switchTask,
  spanish: switchSpanish,
  run: switchDsn,
};

function verifyEnv({ inputs, options, lang, loc }: ParsedCommand, io: CommandIo): CommandResult {
  const { request, problems } = verifyRequestFromInputs(flagInputs(inputs));
  takeFlagProblems(problems, loc);
  const found = verifyEnvironment(request.check);
  const result = resultFromRaw(found.findings, { lang, failOn: request.failOn });
  const root = found.environment ?? path.join(request.check.baseDirectory, request.check.zona);
  if (request.reportDirectory) writeReports(result, root, request.reportDirectory, verifyVersion);
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
          paint: io.colour ? severityPainter : undefined,
        });
  return { output, exitCode: result.result === "Failed" ? 1 : 0 };
}

function switchDsn({ inputs, options, loc }: ParsedCommand): CommandResult {
  const { request, problems } = switchRequestFromInputs(flagInputs(inputs));
  takeFlagProblems(problems, loc);
  const { config, from, to } = request;
  const json = options.format === "json";
  try {
    if (request.mode === "restore") {
      const outcome = dsn.restoreDsn(config);
      const text = outcome.restored ? loc("Restored", config) : loc("NothingToRestore", config);
      return { output: json ? JSON.stringify({ config, ...outcome, message: text }, null, 2) : text, exitCode: 0 };
    }
    const outcome = dsn.switchDsn(config, from, to, { allowReadOnly: request.allowReadOnly });
    const text = [
      outcome.recovered?.restored ? loc("Recovered", config) : "",
      loc("SwitchedByCli", config, from, to, dsn.backupPath(config), config),
    ]
      .filter(Boolean)
      .join("\n");
    return {
      output: json
        ? JSON.stringify(
            {
              config,
              switched: true,
              from,
              to,
              backup: dsn.backupPath(config),
              recovered: !!outcome.recovered?.restored,
            },
            null,
            2,
          )
        : text,
      exitCode: 0,
    };
  } catch (err) {
    if (!(err instanceof dsn.DsnError)) throw err;
    const text = loc(err.code, ...err.args);
    return {
      output: json ? JSON.stringify({ config, switched: false, error: err.code, message: text }, null, 2) : text,
      exitCode: 1,
    };
  }
}
