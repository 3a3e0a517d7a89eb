/**
 * ValidateApiInfra: the API rules (core/api, API001–API026) on the infrastructure repository's API
 * folder and the analytics repository's coordinators, in the pull request's build validation;
 * reports and gate in the ValidateRoutine format.
 */
import * as fs from "fs";
import * as path from "path";
import tl = require("azure-pipelines-task-lib/task");
import { apiValidationResult } from "../../core/api/gate";
import { tokenSyntax } from "../../core/api/params";
import { DEFAULT_VARIABLE_GROUP, validateApiInfra, VariableGroupGateway } from "../../core/api/validateApiInfra";
import { writeReports } from "../../core/validator/output";
import { annotateFindings, failOnInput, findingsLang, setGateResult, taskVersion } from "../common/findings";
import {
  definedInput,
  failTask,
  InputError,
  loadTaskStrings,
  logLine,
  optionalFilePath,
  setTaskOutputs,
  taskLoc,
} from "../common/taskKit";
import { variableGroupGateway } from "./variableGroups";

/** A path input that must exist when given. */
function existingPath(name: string): string | undefined {
  const value = optionalFilePath(name);
  if (value && !fs.existsSync(value)) throw new InputError(taskLoc("PathMissing", name, value));
  return value;
}

const lines = (name: string) =>
  (tl.getInput(name, false) ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

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
  const lang = findingsLang();
  const failOn = failOnInput();
  const started = Date.now();
  const infraPath = existingPath("infraPath");
  const templatePath = existingPath("templatePath");
  const analyticsPath = existingPath("analyticsPath");
  const paramsPaths = lines("paramsPaths").map((p) => path.resolve(p));
  for (const p of paramsPaths) if (!fs.existsSync(p)) throw new InputError(taskLoc("PathMissing", "paramsPaths", p));
  if (!infraPath && !templatePath && !analyticsPath) throw new InputError(taskLoc("NothingToCheck"));
  const syntax = definedInput("tokenSyntax");
  if (syntax && !tokenSyntax(syntax)) throw new InputError(taskLoc("TokenSyntaxInvalid", syntax));

  const root = reportRoot(
    tl.getVariable("System.DefaultWorkingDirectory") || process.cwd(),
    [infraPath, templatePath, analyticsPath, ...paramsPaths].filter((p): p is string => !!p),
  );
  const groupName = definedInput("variableGroup") ?? DEFAULT_VARIABLE_GROUP;
  const gateway = tl.getBoolInput("checkVariableGroup", false) ? groupGateway() : undefined;
  const found = await validateApiInfra({
    root,
    infraPath,
    templatePaths: templatePath ? [templatePath] : undefined,
    paramsPaths,
    analyticsPath,
    apiName: definedInput("apiName"),
    tables: lines("tables"),
    zone: definedInput("zona"),
    tokenSyntax: syntax,
    policies: {
      eks: definedInput("eksPolicy") ?? "EKSRolePolicyDynamo",
      glue: definedInput("gluePolicy") ?? "GlueRolePolicy",
    },
    lang,
    variableGroup: gateway && { name: groupName, gateway },
  });
  if (found.variableGroupError) tl.warning(taskLoc("VariableGroupFailed", groupName, found.variableGroupError));
  else if (found.variableGroupFound === false) tl.warning(taskLoc("VariableGroupMissing", groupName));
  if ((infraPath || templatePath) && !found.templates.length)
    throw new InputError(taskLoc("NoTemplateFound", (templatePath ?? infraPath)!));
  logLine(taskLoc("Checking", found.templates.length, found.params.length, found.cfgTables.length));

  const result = apiValidationResult(
    found.findings,
    found.texts,
    { lang, failOn, ruleSeverities: tl.getInput("ruleSeverities", false) || undefined },
    { files: found.texts.size, started },
  );
  const reportDir = path.resolve(
    definedInput("reportDirectory") ??
      path.join(tl.getVariable("Agent.TempDirectory") || root, "lz-validate-api-infra"),
  );
  const reports = writeReports(result, root, reportDir, taskVersion(__dirname));
  tl.uploadSummary(reports.markdown);
  annotateFindings(result.findings, root);
  const s = result.summary;
  logLine(taskLoc("Totals", s.errors, s.warnings, s.infos, reportDir));
  setTaskOutputs("ValidateApiInfra", [
    ["Errors", String(s.errors)],
    ["Warnings", String(s.warnings)],
    ["ReportPath", reports.json],
  ]);
  setGateResult(result, failOn, { passed: "GatePassed", warnings: "GateWarnings" });
}

run().catch(failTask);
