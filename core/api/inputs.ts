/**
 * ValidateApiInfra's and RunCoordinators' inputs (the tasks' or `lz api validate` / `lz run-coordinators`
 * flags) → what to check or run, with a Problem for each value that cannot be used. Parsed here once
 * for both surfaces (core/inputs.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { type FailOn, type InputGetter, InputReader } from "../inputs";
import { problem } from "../problem";
import type { Problem } from "../problem";
import { expectedErrorPatternsInput } from "../run/runRoutine";
import { unresolvedVariables } from "../text";
import { patternError } from "../userPattern";
import { API_NAME, apiPascal } from "./naming";
import { tokenSyntax } from "./params";
import type { PolicyNames } from "./checkTemplate";
import { DEFAULT_VARIABLE_GROUP } from "./validateApiInfra";

/** The lines (or comma-separated items) of a multiLine input. */
const listOf = (text: string | undefined) =>
  (text ?? "")
    .split(/\r?\n|,/)
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * An input's text; one that still holds a `$(variable)` the release does not define is an error
 * naming the variables (the task would otherwise run with a path or name that does not exist).
 */
function defined(r: InputReader, name: string): string | undefined {
  const value = r.text(name);
  const missing = value ? unresolvedVariables(value) : [];
  if (missing.length) {
    r.problems.push(problem("InputVariablesUndefined", "error", name, name, missing.join(", ")));
    return undefined;
  }
  return value;
}

/** A required input: InputMissing when empty or a whole unexpanded macro, InputVariablesUndefined when it holds one. */
function needed(r: InputReader, name: string): string {
  const raw = r.text(name);
  if (raw && !/^\$\([^)]+\)$/.test(raw)) return defined(r, name) ?? "";
  return r.required(name);
}

/** A path input that must exist when given (the repository must be checked out in the job). */
function existingPath(r: InputReader, name: string, value = r.optional(name)): string | undefined {
  if (!value) return undefined;
  const abs = path.resolve(value);
  if (!fs.existsSync(abs)) r.problems.push(problem("PathMissing", "error", name, name, value));
  return abs;
}

function policiesOf(r: InputReader): PolicyNames {
  return {
    eks: r.optional("eksPolicy") ?? "EKSRolePolicyDynamo",
    glue: r.optional("gluePolicy") ?? "GlueRolePolicy",
  };
}

/** The token syntax input: a name (replace-tokens, macro) or a template with `name` in it. */
function tokenSyntaxOf(r: InputReader): string | undefined {
  const value = r.optional("tokenSyntax");
  if (value && !tokenSyntax(value))
    r.problems.push(problem("InputTokenSyntaxInvalid", "error", "tokenSyntax", "tokenSyntax", value));
  return value;
}

export interface ValidateApiInfraRequest {
  infraPath?: string;
  templatePath?: string;
  paramsPaths: string[];
  analyticsPath?: string;
  apiName?: string;
  tables: string[];
  zone?: string;
  tokenSyntax?: string;
  policies: PolicyNames;
  /** Read the variable group (the task only: it needs the job's token). */
  checkVariableGroup: boolean;
  variableGroup: string;
  ruleSeverities?: string;
  failOn: FailOn;
  reportDirectory?: string;
}

export function validateApiInfraRequestFromInputs(get: InputGetter): {
  request: ValidateApiInfraRequest;
  problems: Problem[];
} {
  const r = new InputReader(get);
  const infraPath = existingPath(r, "infraPath");
  const templatePath = existingPath(r, "templatePath");
  const analyticsPath = existingPath(r, "analyticsPath");
  const paramsPaths = listOf(r.optional("paramsPaths")).map((p) => existingPath(r, "paramsPaths", p)!);
  if (!infraPath && !templatePath && !analyticsPath)
    r.problems.push(problem("NothingToCheck", "error", "infraPath", "infraPath", "templatePath", "analyticsPath"));
  const request: ValidateApiInfraRequest = {
    infraPath,
    templatePath,
    paramsPaths,
    analyticsPath,
    apiName: r.optional("apiName"),
    tables: listOf(r.optional("tables")),
    zone: r.optional("zona"),
    tokenSyntax: tokenSyntaxOf(r),
    policies: policiesOf(r),
    checkVariableGroup: r.boolean("checkVariableGroup"),
    variableGroup: r.optional("variableGroup") ?? DEFAULT_VARIABLE_GROUP,
    ruleSeverities: r.text("ruleSeverities"),
    failOn: r.failOn(),
    reportDirectory: r.optional("reportDirectory"),
  };
  return { request, problems: r.problems };
}

export interface RunCoordinatorsRequest {
  /** As given (the HU and the evidence say it so). */
  apiName: string;
  /** The API's folder: the name in PascalCase (`AlterCtraScoreDelta`). */
  folder: string;
  deployPath: string;
  cfgFolder: string;
  coordinatorHome: string;
  logsFolder: string;
  tempDataFolder: string;
  tables: string[];
  python: string;
  script: string;
  concurrency: number;
  templatePath?: string;
  timeoutMinutes: number;
  expectedErrorPatterns: string[];
  successPattern?: string;
  /** More tolerated and retry-success patterns for the coordinators' logs (LOG005), added to the defaults. */
  logToleratedPatterns: string[];
  logRetryPatterns: string[];
  /** The HU that gets the evidence; undefined when not given or not a work item id (a warning says so). */
  workItemId?: number;
  failOn: FailOn;
  reportDirectory?: string;
}

export function runCoordinatorsRequestFromInputs(get: InputGetter): {
  request: RunCoordinatorsRequest;
  problems: Problem[];
} {
  const r = new InputReader(get);
  const apiName = needed(r, "apiName");
  if (apiName && !API_NAME.test(apiName))
    r.problems.push(problem("InputApiNameInvalid", "error", "apiName", "apiName", apiName));
  const folder = apiName ? apiPascal(apiName) : "";
  const deployPath = needed(r, "deployPath");
  const concurrency = r.number("concurrency", 1, "ConcurrencyInvalid", { integer: true, min: 1, max: 32 });
  const timeoutMinutes = r.number("timeoutMinutes", 120, "TimeoutInvalid");
  const expectedErrorPatterns = expectedErrorPatternsInput(r);
  const successPattern = defined(r, "successPattern");
  const successError = successPattern ? patternError(successPattern) : undefined;
  if (successError)
    r.problems.push(
      problem("InputPatternInvalid", "error", "successPattern", "successPattern", successPattern!, successError),
    );
  const logPatterns = (name: "logToleratedPatterns" | "logRetryPatterns"): string[] =>
    (r.optional(name) ?? "")
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"))
      .filter((p) => {
        const error = patternError(p);
        if (error) r.problems.push(problem("InputPatternInvalid", "error", name, name, p, error));
        return !error;
      });
  const logToleratedPatterns = logPatterns("logToleratedPatterns");
  const logRetryPatterns = logPatterns("logRetryPatterns");
  const workItem = r.optional("workItemId");
  if (workItem && !/^[0-9]{1,10}$/.test(workItem))
    r.problems.push(problem("EvidenceIdInvalid", "warning", "workItemId", "workItemId", workItem));
  const templatePath = defined(r, "templatePath");
  const request: RunCoordinatorsRequest = {
    apiName,
    folder,
    deployPath,
    cfgFolder: defined(r, "cfgFolder") ?? path.join(deployPath, folder, "API", "cfg"),
    coordinatorHome: defined(r, "coordinatorHome") ?? path.join(deployPath, "ProductizarPy3"),
    logsFolder: defined(r, "logsFolder") ?? path.join(deployPath, folder, "TMP_FILES", "logs"),
    tempDataFolder: path.join(needed(r, "tempDataRoot"), folder),
    tables: listOf(defined(r, "tables")),
    python: needed(r, "python"),
    script: needed(r, "script"),
    concurrency,
    templatePath: templatePath ? path.resolve(templatePath) : undefined,
    timeoutMinutes,
    expectedErrorPatterns,
    successPattern,
    logToleratedPatterns,
    logRetryPatterns,
    workItemId: workItem && /^[0-9]{1,10}$/.test(workItem) ? Number(workItem) : undefined,
    failOn: r.failOn(),
    reportDirectory: r.optional("reportDirectory"),
  };
  return { request, problems: r.problems };
}
