/**
 * `lz api add-table` and `lz api add-coordinator`: edits of the API's files (process note 001). Files
 * are written only when everything was computed and verified, each through a temporary file and a
 * rename: bad input changes nothing. Kept apart from the other commands so that its bundle
 * (build/cli/lzApiEdit.js) loads in a fraction of the whole CLI's time. No task runs them: their
 * flags are described here, with the catalogue's texts (core/i18n) as the help's labels.
 */
import * as fs from "fs";
import * as path from "path";
import { createTwoFilesPatch } from "diff";
import { parse as parseYaml } from "yaml";
import { addCoordinator } from "../../core/api/addCoordinator";
import { addTable, Tag } from "../../core/api/addTable";
import { API_FILE_LIMITS, readBoundedText } from "../../core/api/bounded";
import { ApiFileError, describeApiError } from "../../core/api/cfnYaml";
import { addCoordinatorInputsFrom, addTableInputsFrom } from "../../core/api/editInputs";
import { type MessageKey, msg, render } from "../../core/i18n/catalogue";
import type { Localizer } from "../../core/i18n/localizer";
import { refusing } from "../apiRefusing";
import { DEFAULT_VARIABLE_GROUP } from "../../core/api/validateApiInfra";
import { type CommandResult, type CommandSpec, UsageError } from "../command";
import { flagInputs, type ParsedCommand, takeFlagProblems, type TaskDefinition } from "../taskInputs";

interface EditInput {
  name: string;
  text: MessageKey;
  defaultValue?: string;
  options?: Record<string, string>;
}

/** The command's inputs as a task's, labelled in English (the task definition) and Spanish (its "resjson"). */
function editTask(name: string, inputs: EditInput[]): { task: TaskDefinition; spanish: Record<string, string> } {
  return {
    task: { name, inputs: inputs.map(({ text, ...i }) => ({ type: "string", ...i, label: render("en", text) })) },
    spanish: Object.fromEntries(inputs.map((i) => [`loc.input.label.${i.name}`, render("es", i.text)])),
  };
}

/** Writes every file through a temporary file and a rename, after all of them were computed. */
function writeAll(files: Array<{ path: string; text: string }>): void {
  for (const f of files) {
    fs.mkdirSync(path.dirname(f.path), { recursive: true });
    const tmp = `${f.path}.lz-tmp-${process.pid}`;
    fs.writeFileSync(tmp, f.text, { flag: "wx" });
    fs.renameSync(tmp, f.path);
  }
}

// --- add-table --------------------------------------------------------------------------------------

const addTableInputs = editTask("lz api add-table", [
  { name: "template", text: "CliApiTemplate" },
  { name: "api", text: "CliApiName" },
  { name: "table", text: "CliApiTable" },
  { name: "partitionKey", text: "CliApiPartitionKey" },
  { name: "sortKey", text: "CliApiSortKey" },
  { name: "tags", text: "CliApiTags" },
  { name: "nameStyle", text: "CliApiNameStyle", defaultValue: "auto", options: { auto: "", pascal: "", lower: "" } },
  { name: "tokenSyntax", text: "CliApiTokenSyntax" },
  { name: "eksPolicy", text: "CliApiEksPolicy", defaultValue: "EKSRolePolicyDynamo" },
  { name: "gluePolicy", text: "CliApiGluePolicy", defaultValue: "GlueRolePolicy" },
]);

function readTags(file: string, loc: Localizer): Tag[] {
  const text = refusing(loc, () => readBoundedText(file, API_FILE_LIMITS.params));
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: 10 });
  } catch (err) {
    throw new UsageError(describeApiError(new ApiFileError("TagsInvalid", file, 0, [(err as Error).message]), loc));
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
    throw new UsageError(describeApiError(new ApiFileError("TagsInvalid", file, 0, [msg("ApiTagsKeyValue")]), loc));
  return list.map((t) => ({ Key: t.Key, Value: String(t.Value) }));
}

async function addTableRun({ inputs, options, loc }: ParsedCommand): Promise<CommandResult> {
  const { request, problems } = addTableInputsFrom(flagInputs(inputs));
  takeFlagProblems(problems, loc);
  const templateFile = request.template;
  const template = {
    file: templateFile,
    text: refusing(loc, () => readBoundedText(templateFile, API_FILE_LIMITS.template)),
  };
  const params = ((options.params as string[] | undefined) ?? []).map((file) => ({
    file,
    text: refusing(loc, () => readBoundedText(file, API_FILE_LIMITS.params)),
  }));
  const result = refusing(loc, () =>
    addTable({
      template,
      params,
      api: request.api,
      table: request.table,
      partitionKey: request.partitionKey!,
      sortKey: request.sortKey,
      tags: request.tags ? readTags(request.tags, loc) : undefined,
      style: request.style,
      tokenSyntax: request.tokenSyntax,
      policies: request.policies,
    }),
  );
  const changed = [{ path: templateFile, before: template.text, text: result.template }].concat(
    result.params.map((p, i) => ({ path: p.file, before: params[i].text, text: p.text })),
  );
  const lines: string[] = [];
  const dryRun = !!options["dry-run"];
  if (dryRun)
    for (const f of changed) lines.push(createTwoFilesPatch(f.path, f.path, f.before, f.text, "", "", { context: 3 }));
  else writeAll(changed);
  const style = msg(result.style === "pascal" ? "CliApiStylePascal" : "CliApiStyleLower");
  lines.push(loc(dryRun ? "CliApiWouldAdd" : "CliApiAdded", result.names.table, result.names.resource, style));
  const create = result.variables.filter((v) => !v.reused);
  if (create.length)
    lines.push(loc("CliApiCreateVariables", DEFAULT_VARIABLE_GROUP), ...create.map((v) => `  ${v.name} = ${v.value}`));
  for (const v of result.variables.filter((x) => x.reused)) lines.push(loc("CliApiReusesVariable", v.name));
  for (const u of result.unvalued) lines.push(loc("CliApiAddValue", u.file, u.parameter));
  return { output: lines.join("\n"), exitCode: 0 };
}

export const addTableCommand: CommandSpec = {
  name: "api add-table",
  summary: "CliSummaryApiAddTable",
  ...addTableInputs,
  flags: {
    params: { type: "string", multiple: true, value: "FILE", text: "CliApiParams" },
    "dry-run": { type: "boolean", text: "CliApiDryRun" },
  },
  formats: ["text"],
  run: addTableRun,
};

// --- add-coordinator --------------------------------------------------------------------------------

const addCoordinatorInputs = editTask("lz api add-coordinator", [
  { name: "analytics", text: "CliApiAnalytics" },
  { name: "api", text: "CliApiName" },
  { name: "table", text: "CliApiTable" },
  { name: "zone", text: "CliApiZone" },
  { name: "example", text: "CliApiExample" },
  { name: "exampleTable", text: "CliApiExampleTable" },
  { name: "exampleZone", text: "CliApiExampleZone" },
  { name: "exampleApi", text: "CliApiExampleApi" },
]);

async function addCoordinatorRun({ inputs, options, loc }: ParsedCommand): Promise<CommandResult> {
  const { request, problems } = addCoordinatorInputsFrom(flagInputs(inputs));
  takeFlagProblems(problems, loc);
  const result = refusing(loc, () => addCoordinator(request));
  const dryRun = !!options["dry-run"];
  const lines: string[] = [];
  if (dryRun) for (const f of result.files) lines.push(`--- ${f.path}`, f.text);
  else writeAll(result.files);
  for (const r of result.replaced.filter((x) => x.count)) lines.push(loc("CliApiReplaced", r.from, r.to, r.count));
  lines.push(
    ...result.files.map((f) => loc(dryRun ? "CliApiWouldCreate" : "CliApiCreated", f.path)),
    loc("CliApiCheckExample"),
  );
  return { output: lines.join("\n"), exitCode: 0 };
}

export const addCoordinatorCommand: CommandSpec = {
  name: "api add-coordinator",
  summary: "CliSummaryApiAddCoordinator",
  ...addCoordinatorInputs,
  flags: { "dry-run": { type: "boolean", text: "CliApiDryRunFiles" } },
  formats: ["text"],
  run: addCoordinatorRun,
};

/** The two edits, for the whole CLI's list and the small bundle (cli/apiEdit.ts). */
export const API_EDIT_COMMANDS: readonly CommandSpec[] = [addTableCommand, addCoordinatorCommand];
