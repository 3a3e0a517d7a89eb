/**
 * ValidateApiInfra: the API rules (core/api, API001–API026) on the infrastructure repository's API
 * folder and the analytics repository's coordinators, in the pull request's build validation;
 * reports and gate in the ValidateRoutine format.
 */
import * as fs from "fs";
import * as path from "path";
import tl = require("azure-pipelines-task-lib/task");
import { apiValidationResult } from "../../core/api/gate";
import { validateApiInfraRequestFromInputs } from "../../core/api/inputs";
import { validateApiInfra, VariableGroupGateway } from "../../core/api/validateApiInfra";
import { writeReports } from "../../core/findings/output";
import { annotateFindings, setGateResult, taskVersion } from "../common/findings";
import {
  failTask,
  InputError,
  loadTaskStrings,
  logLine,
  setTaskOutputs,
  takeInputProblems,
  taskInputs,
  taskLanguage,
  taskLoc,
} from "../common/taskKit";
import { variableGroupGateway } from "./variableGroups";

/** The group's gateway with the job's token; undefined (with a warning) when the job has none. */
function groupGateway(): VariableGroupGateway | undefined {
  const token =
    tl.getEndpointAuthorizationParameter("SYSTEMVSSCONNECTION", "AccessToken", true) ||
    tl.getVariable("System.AccessToken");
  if (!token) {
    tl.warning(taskLoc("VariableGroupNoToken"));
    return undefined;
  }
  tl.setSecret(token);
  const collection =
    tl.getVariable("System.CollectionUri") || tl.getVariable("System.TeamFoundationCollectionUri") || "";
  return variableGroupGateway(collection, tl.getVariable("System.TeamProject") || "", token);
}

/**
 * What the findings' paths are relative to: the job's working folder (the checkouts), or, when a path
 * is outside it, the folder all the given paths share.
 */
function reportRoot(workingDirectory: string, paths: string[]): string {
  const inside = (p: string) => !path.relative(workingDirectory, p).startsWith("..");
  if (paths.every(inside)) return workingDirectory;
  let common = path.resolve(paths[0]);
  if (fs.statSync(common).isFile()) common = path.dirname(common);
  while (!paths.every((p) => !path.relative(common, path.resolve(p)).startsWith(".."))) common = path.dirname(common);
  return common;
}

async function run(): Promise<void> {
  loadTaskStrings(__dirname);
  const lang = taskLanguage();
  const started = Date.now();
  const { request, problems } = validateApiInfraRequestFromInputs(taskInputs(__dirname));
  takeInputProblems(problems);
  const { infraPath, templatePath, analyticsPath, paramsPaths, failOn } = request;

  const root = reportRoot(
    tl.getVariable("System.DefaultWorkingDirectory") || process.cwd(),
    [infraPath, templatePath, analyticsPath, ...paramsPaths].filter((p): p is string => !!p),
  );
  const groupName = request.variableGroup;
  const gateway = request.checkVariableGroup ? groupGateway() : undefined;
  const found = await validateApiInfra({
    root,
    infraPath,
    templatePaths: templatePath ? [templatePath] : undefined,
    paramsPaths,
    analyticsPath,
    apiName: request.apiName,
    tables: request.tables,
    zone: request.zone,
    tokenSyntax: request.tokenSyntax,
    policies: request.policies,
    variableGroup: gateway && { name: groupName, gateway },
  });
  if (found.variableGroupError) tl.warning(taskLoc("VariableGroupFailed", groupName, found.variableGroupError));
  else if (found.variableGroupFound === false) tl.warning(taskLoc("VariableGroupMissing", groupName));
  if ((infraPath || templatePath) && !found.templates.length)
    throw new InputError(taskLoc("NoTemplateFound", (templatePath ?? infraPath)!));
  logLine(taskLoc("ApiChecking", found.templates.length, found.params.length, found.cfgTables.length));

  const result = apiValidationResult(
    found.findings,
    found.texts,
    { lang, failOn, ruleSeverities: request.ruleSeverities },
    { files: found.texts.size, started },
  );
  const reportDir = path.resolve(
    request.reportDirectory ?? path.join(tl.getVariable("Agent.TempDirectory") || root, "lz-validate-api-infra"),
  );
  const reports = writeReports(result, root, reportDir, taskVersion(__dirname));
  tl.uploadSummary(reports.markdown);
  annotateFindings(result.findings, root);
  const s = result.summary;
  logLine(taskLoc("ApiTotals", s.errors, s.warnings, s.infos, reportDir));
  setTaskOutputs("ValidateApiInfra", [
    ["Errors", String(s.errors)],
    ["Warnings", String(s.warnings)],
    ["ReportPath", reports.json],
  ]);
  setGateResult(result, failOn, { failed: "ApiGateFailed", passed: "ApiGatePassed", warnings: "ApiGateWarnings" });
}

run().catch(failTask);
