/**
 * The API's repositories checked in one call (ValidateApiInfra, `lz api validate`): the infrastructure
 * repository's API folder (its CloudFormation template and params files: API001–API012) and the
 * analytics repository's API folder (the coordinators: API020–API026). Findings are the validator's
 * raw findings: the caller applies severities, `# lz: ignore[CODE] <why>` comments of the template,
 * the gate and the reports with core/validator, like every other family.
 */
import * as fs from "fs";
import * as path from "path";
import { API_FILE_LIMITS, readBoundedText } from "./bounded";
import { ApiFileError, parseCfnYaml } from "./cfnYaml";
import { CAPACITY_PARAMETER, checkTemplate, PolicyNames } from "./checkTemplate";
import { apiFolderOf, checkCoordinatorFolder } from "./coordinators";
import { libraryVariables } from "./naming";
import { ParamsFile, parseParams, TokenSyntax, tokenSyntax, variableIn } from "./params";
import { readTemplate, TemplateModel } from "./template";
import { walkTree } from "../files/walk";
import type { RawFinding } from "../findings/types";
import { type MessageArg, msg } from "../i18n/catalogue";

/** Reads the variable names of a library variable group; undefined when the group does not exist (or is not visible). */
export interface VariableGroupGateway {
  variableNames(group: string): Promise<Set<string> | undefined>;
}

export const DEFAULT_VARIABLE_GROUP = "productizar-variables-informacion-dy-aws";

export interface ApiInfraInputs {
  /** Where findings' paths are relative to. */
  root: string;
  /** The API's folder of the infrastructure repository: templates and params files are found in it. */
  infraPath?: string;
  templatePaths?: string[];
  paramsPaths?: string[];
  /** The analytics repository, or the API's folder in it. */
  analyticsPath?: string;
  apiName?: string;
  /** The API's tables (results-zone names); default: the template's (compared by key). */
  tables?: string[];
  zone?: string;
  tokenSyntax?: string;
  policies?: PolicyNames;
  variableGroup?: { gateway: VariableGroupGateway; name: string };
}

export interface ApiInfraResult {
  findings: RawFinding[];
  /** Texts of the files read (template lines carry `# lz: ignore` comments). */
  texts: Map<string, string>;
  templates: string[];
  params: string[];
  cfgTables: string[];
  /** Whether the variable group was found (undefined: not read). */
  variableGroupFound?: boolean;
  /** Why the variable group could not be read (API009 was then not checked). */
  variableGroupError?: string;
}

/** Folders of the infrastructure repository looked into; files read to tell templates and params apart. */
const DISCOVERY = { maxDepth: 4, maxFiles: 2000 };

const relTo = (root: string, file: string) => {
  const r = path.relative(root, file);
  return (r.startsWith("..") || path.isAbsolute(r) ? file : r).split(path.sep).join("/");
};

/**
 * An API's infrastructure folder rather than a routine: CloudFormation templates and not one Python
 * file (a routine always has its orchestrator), within the same bounded walk.
 */
export function isInfraFolder(folder: string): boolean {
  let python = false;
  let seen = 0;
  walkTree(folder, { maxDepth: DISCOVERY.maxDepth }, [], (entry, abs) => {
    if (python || ++seen > DISCOVERY.maxFiles) return undefined;
    if (entry.isDirectory()) return entry.name.startsWith(".") || entry.name === "node_modules" ? undefined : abs;
    if (entry.isFile() && entry.name.endsWith(".py")) python = true;
    return undefined;
  });
  return !python && discoverInfraFiles(folder).templates.length > 0;
}

/** The templates (YAML with AWS:: resources) and params files (JSON in a params shape) under a folder. */
export function discoverInfraFiles(folder: string): { templates: string[]; params: string[] } {
  const templates: string[] = [];
  const params: string[] = [];
  const ignored: RawFinding[] = [];
  let seen = 0;
  walkTree(folder, { maxDepth: DISCOVERY.maxDepth }, ignored, (entry, abs) => {
    if (++seen > DISCOVERY.maxFiles) return undefined;
    if (entry.isDirectory()) return entry.name.startsWith(".") || entry.name === "node_modules" ? undefined : abs;
    if (!entry.isFile()) return undefined;
    const ext = path.extname(entry.name).toLowerCase();
    try {
      if ([".yaml", ".yml", ".template"].includes(ext)) {
        const text = readBoundedText(abs, API_FILE_LIMITS.template);
        if (/^\s*Resources\s*:/m.test(text) && /Type\s*:\s*["']?AWS::/.test(text)) templates.push(abs);
      } else if (ext === ".json") {
        const text = readBoundedText(abs, API_FILE_LIMITS.params);
        if (/"ParameterKey"|"Parameters"\s*:/.test(text)) params.push(abs);
      }
    } catch {
      /* too large or unreadable: not one of ours; the explicit inputs report such files */
    }
    return undefined;
  });
  return { templates: templates.sort(), params: params.sort() };
}

/** Why a file could not be used, for API001/API010: the parser's reason, or what kept it from being read. */
const whyUnreadable = (err: ApiFileError): MessageArg =>
  err.code === "TemplateInvalid" || err.code === "ParamsInvalid" ? err.args[0] : msg(err.code, ...err.args);

/** The template nearest above a params file (same folder first), else the first. */
function templateFor(paramsFile: string, templates: Array<{ file: string; model: TemplateModel }>) {
  let dir = path.dirname(paramsFile);
  for (;;) {
    const hit = templates.find((t) => path.dirname(t.file) === dir);
    if (hit) return hit;
    const up = path.dirname(dir);
    if (up === dir) return templates[0];
    dir = up;
  }
}

export async function validateApiInfra(inputs: ApiInfraInputs): Promise<ApiInfraResult> {
  const { root } = inputs;
  const findings: RawFinding[] = [];
  const texts = new Map<string, string>();
  const found = inputs.infraPath ? discoverInfraFiles(inputs.infraPath) : { templates: [], params: [] };
  const templateFiles = inputs.templatePaths?.length ? inputs.templatePaths : found.templates;
  const paramsFiles = inputs.paramsPaths?.length ? inputs.paramsPaths : found.params;

  const templates: Array<{ file: string; model: TemplateModel }> = [];
  for (const file of templateFiles) {
    const shown = relTo(root, file);
    try {
      const text = readBoundedText(file, API_FILE_LIMITS.template, shown);
      texts.set(shown, text);
      const model = readTemplate(parseCfnYaml(text, shown), shown);
      templates.push({ file, model });
      findings.push(...checkTemplate(model, shown, { policies: inputs.policies }));
    } catch (err) {
      if (!(err instanceof ApiFileError)) throw err;
      findings.push({
        rule: "API001",
        file: shown,
        line: err.line || 1,
        column: 1,
        args: [whyUnreadable(err)],
      });
    }
  }

  const syntax: TokenSyntax | undefined = inputs.tokenSyntax ? tokenSyntax(inputs.tokenSyntax) : undefined;
  const parsedParams: Array<{ shown: string; params: ParamsFile; template?: TemplateModel }> = [];
  for (const file of paramsFiles) {
    const shown = relTo(root, file);
    try {
      const params = parseParams(readBoundedText(file, API_FILE_LIMITS.params, shown), shown);
      parsedParams.push({ shown, params, template: templateFor(file, templates)?.model });
    } catch (err) {
      if (!(err instanceof ApiFileError)) throw err;
      findings.push({
        rule: "API010",
        file: shown,
        line: err.line || 1,
        column: 1,
        args: [whyUnreadable(err)],
      });
    }
  }
  const wanted = inputs.apiName ? libraryVariables(inputs.apiName) : undefined;
  const example = (kind: "read" | "write") =>
    (syntax ?? tokenSyntax("replace-tokens")!).token(wanted?.[kind] ?? `dy-<api>-api-tables-${kind}-cu`);
  const namedVariables = new Map<string, { parameter: string; file: string; line: number }>();
  for (const { shown, params, template } of parsedParams) {
    if (!template) continue;
    const values = new Map(params.entries.map((e) => [e.key, e]));
    // Every parameter of a table needs a value: the table name, and the capacities as library variables.
    for (const t of template.tables) {
      for (const name of [t.names.parameter, t.names.readCapacity, t.names.writeCapacity]) {
        const declared = [...template.parameters.values()].find((p) => p.name.toLowerCase() === name.toLowerCase());
        if (!declared) continue;
        const entry = values.get(declared.name);
        if (!entry) {
          findings.push({ rule: "API007", file: shown, line: 1, column: 1, args: [declared.name, shown] });
          continue;
        }
        const capacity = CAPACITY_PARAMETER.exec(declared.name);
        if (!capacity) continue;
        const variable = variableIn(entry.value, syntax);
        if (!variable)
          findings.push({
            rule: "API008",
            file: shown,
            line: entry.line,
            column: 1,
            args: [
              declared.name,
              JSON.stringify(entry.value),
              shown,
              example(capacity[2].toLowerCase() as "read" | "write"),
            ],
          });
        else if (!namedVariables.has(variable))
          namedVariables.set(variable, { parameter: declared.name, file: shown, line: entry.line });
      }
    }
    for (const e of params.entries)
      if (!template.parameters.has(e.key)) {
        const near = [...template.parameters.keys()].find((k) => k.toLowerCase() === e.key.toLowerCase());
        findings.push({
          rule: "API011",
          file: shown,
          line: e.line,
          column: 1,
          args: [e.key, shown, near ? msg("ApiDidYouMean", near) : ""],
        });
      }
  }
  let variableGroupFound: boolean | undefined;
  let variableGroupError: string | undefined;
  if (inputs.variableGroup && namedVariables.size) {
    const { gateway, name } = inputs.variableGroup;
    let group: Set<string> | undefined;
    try {
      group = await gateway.variableNames(name);
      variableGroupFound = group !== undefined;
    } catch (err) {
      // A read that failed says nothing about the variables: API009 is not checked, and the caller says why.
      variableGroupError = (err as Error).message;
    }
    // Azure DevOps variable names are case-insensitive.
    const names = new Set([...(group ?? [])].map((n) => n.toLowerCase()));
    if (!variableGroupError)
      for (const [variable, where] of namedVariables)
        if (!names.has(variable.toLowerCase()))
          findings.push({
            rule: "API009",
            file: where.file,
            line: where.line,
            column: 1,
            args: [variable, where.parameter, name],
          });
  }

  let cfgTables: string[] = [];
  if (inputs.analyticsPath) {
    const fromTemplate = templates.flatMap((t) => t.model.tables.map((x) => x.part));
    const tables = inputs.tables?.length ? inputs.tables : fromTemplate.length ? fromTemplate : undefined;
    const folder = apiFolderOf(inputs.analyticsPath, inputs.apiName);
    if (!fs.existsSync(folder))
      findings.push({
        rule: "API021",
        file: relTo(root, folder),
        line: 1,
        column: 1,
        args: [relTo(root, folder), "API/cfg"],
      });
    else {
      const result = checkCoordinatorFolder(folder, root, {
        tables,
        tablesByKey: !inputs.tables?.length,
        zone: inputs.zone,
      });
      findings.push(...result.findings);
      for (const [k, v] of result.texts) texts.set(k, v);
      cfgTables = result.cfgTables;
    }
  }
  return {
    findings,
    texts,
    // Every template checked, read or not (one that cannot be read is an API001 finding).
    templates: templateFiles.map((f) => relTo(root, f)),
    params: parsedParams.map((p) => p.shown),
    cfgTables,
    variableGroupFound,
    variableGroupError,
  };
}
