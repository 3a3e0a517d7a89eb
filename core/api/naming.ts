/**
 * The spellings of one table and one API across the template, the params files, the library and the
 * analytics repository (process note 001, "Infraestructura" and "Coordinadores"). For the table
 * `scores_clientes` of the API `AlterCtraScoreDelta`:
 *
 *   template parameter        dynamoscoresclientesapi                 (all lower case)
 *   capacity parameters       DyScoresClientesApiReadCapacityUnits    (PascalCase)
 *                             DyScoresClientesApiWriteCapacityUnits
 *   resources                 DynamoScoresClientesapi                 (PascalCase or all lower case:
 *                             DynamoScoresClientesapiReadScalableTarget   "ya sea camelcase o todas en
 *                             …ReadScalingPolicy, …WriteScalableTarget,    minusculas", the nameStyle)
 *                             …WriteScalingPolicy
 *   library variables         dy-alter-ctra-score-delta-api-tables-read-cu / …-write-cu (one pair per API)
 *   coordinator cfg           AlterCtraScoreDelta/API/cfg/scores_clientes.json
 *
 * CloudFormation names are case-sensitive: every spelling of a table is compared through its key
 * (lower case, no `_` or `-`), and the exact spelling is then checked on its own.
 */

export type NameStyle = "pascal" | "lower";

/** Results-zone table names (Impala): letters, digits and `_`, starting with a letter. */
export const TABLE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** The key every spelling of a table reduces to. */
export function tableKey(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, "");
}

const capitalize = (w: string) => (w ? w[0].toUpperCase() + w.slice(1) : w);

/** `scores_clientes` → `ScoresClientes`; a name without separators keeps its own capitals after the first. */
export function pascalTablePart(table: string): string {
  return table.split(/[_-]+/).filter(Boolean).map(capitalize).join("");
}

export interface TableNames {
  table: string;
  key: string;
  parameter: string;
  readCapacity: string;
  writeCapacity: string;
  resource: string;
  readTarget: string;
  readPolicy: string;
  writeTarget: string;
  writePolicy: string;
}

/** Every template name of a table, the resources in `style`. */
export function tableNames(table: string, style: NameStyle): TableNames {
  const key = tableKey(table);
  const pascal = pascalTablePart(table);
  return withResource(table, key, `Dynamo${style === "pascal" ? pascal : key}api`, pascal);
}

/** The names of a table whose resource is already spelled (the pieces follow the resource's spelling). */
export function withResource(
  table: string,
  key: string,
  resource: string,
  pascal = pascalTablePart(table),
): TableNames {
  return {
    table,
    key,
    parameter: `dynamo${key}api`,
    readCapacity: `Dy${pascal}ApiReadCapacityUnits`,
    writeCapacity: `Dy${pascal}ApiWriteCapacityUnits`,
    resource,
    readTarget: `${resource}ReadScalableTarget`,
    readPolicy: `${resource}ReadScalingPolicy`,
    writeTarget: `${resource}WriteScalableTarget`,
    writePolicy: `${resource}WriteScalingPolicy`,
  };
}

/**
 * The table part of a DynamoDB table's resource name (`DynamoScoresClientesapi` → `ScoresClientes`),
 * or the whole name when it does not follow the pattern.
 */
export function resourceTablePart(resource: string): string {
  const m = /^dynamo(.+?)api$/i.exec(resource);
  return m ? m[1] : resource;
}

/** Which style a resource's table part is written in: all lower case, or with capitals. */
export function styleOf(resource: string): NameStyle {
  const part = resourceTablePart(resource);
  return part === part.toLowerCase() ? "lower" : "pascal";
}

/** The words of an API name in any spelling: `AlterCtraScoreDelta`, `alter-ctra-score-delta`, `alter_ctra…`. */
export function apiWords(name: string): string[] {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** The analytics repository's folder name: PascalCase (`AlterCtraScoreDelta`; the note calls it camelcase). */
export function apiPascal(name: string): string {
  return apiWords(name).map(capitalize).join("");
}

/** `alter-ctra-score-delta`: the library variables' spelling. */
export function apiKebab(name: string): string {
  return apiWords(name).join("-");
}

/** PascalCase as the note's examples: a capital, then letters and digits, no separators. */
export function isPascalCase(name: string): boolean {
  return /^[A-Z][A-Za-z0-9]*$/.test(name) && /[a-z]/.test(name);
}

/** API names: letters and digits, with `-`, `_` or spaces between words. */
export const API_NAME = /^[A-Za-z][A-Za-z0-9]*(?:[\s_-]+[A-Za-z0-9]+)*$/;

export interface LibraryVariables {
  read: string;
  write: string;
}

/** The API's library variables, shared by all its tables (note: `dy-alter-ctra-score-delta-api-tables-read-cu`). */
export function libraryVariables(api: string): LibraryVariables {
  const base = `dy-${apiKebab(api)}-api-tables`;
  return { read: `${base}-read-cu`, write: `${base}-write-cu` };
}

/** The values the note gives for new library variables (read `1,50`, write `1,8000`). */
export const DEFAULT_CAPACITY_VALUES: LibraryVariables = { read: "1,50", write: "1,8000" };
