/**
 * `lz api add-table` and `lz api add-coordinator`: edits of the API's files (process note 001). Files
 * are written only when everything was computed and verified, each through a temporary file and a
 * rename: bad input changes nothing. Kept apart from the other commands so that its bundle
 * (build/cli/lzApiEdit.js) loads in a fraction of the whole CLI's time.
 */
import * as fs from "fs";
import * as path from "path";
import { createTwoFilesPatch } from "diff";
import { parse as parseYaml } from "yaml";
import { addCoordinator } from "../../core/api/addCoordinator";
import { addTable, parseKeySpec, Tag } from "../../core/api/addTable";
import { API_FILE_LIMITS, readBoundedText } from "../../core/api/bounded";
import { ApiFileError } from "../../core/api/cfnYaml";
import { describeApiError } from "../../core/api/messages";
import type { NameStyle } from "../../core/api/naming";
import { languageOf } from "../../core/i18n/culture";
import type { Lang } from "../../core/validator/types";
import { CommandResult } from "../command";
import { parseTaskCommand, TaskDefinition, UsageError } from "../taskInputs";
import { cliLocale } from "../taskStrings";

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
