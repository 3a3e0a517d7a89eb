/**
 * The coordinators of an API in the analytics repository (process note 001, "Coordinadores"):
 *
 *   <ApiName>/API/cfg/<table>.json     one per table, named exactly as the table in the results zone
 *   <ApiName>/TMP_FILES/logs/test.txt  an empty file, so that git keeps the logs folder
 *
 * The cfg format belongs to the team's coordinatorV2.py; what is checked is what a copied file gets
 * wrong: the table and zone it names. A value under a table key (`tabla`, `table`, `table_name`…) or a
 * zone key (`zona`, `schema`, `database`…), and every `<zone>.<table>` inside a string value, must name
 * the file's own table and the API's zone; no other table of the API may appear in it.
 */
import * as fs from "fs";
import * as path from "path";
import { printParseErrorCode, type Node as JsonNode } from "jsonc-parser";
import { API_FILE_LIMITS, readBoundedText } from "./bounded";
import { ApiFileError } from "./cfnYaml";
import { apiPascal, isPascalCase, tableKey } from "./naming";
import { parseStrictJson } from "../config/json";
import { type Message, msg } from "../i18n/catalogue";
import type { RawFinding } from "../findings/types";

export const TABLE_KEYS = [
  "tabla",
  "table",
  "table_name",
  "tablename",
  "nombre_tabla",
  "tabla_resultados",
  "tabla_origen",
];
export const ZONE_KEYS = ["zona", "zona_resultados", "zone", "schema", "esquema", "database", "db", "base_datos"];
export const CFG_FOLDER = ["API", "cfg"];
export const LOGS_PLACEHOLDER = ["TMP_FILES", "logs", "test.txt"];
/** Files of a cfg folder that are read; more is not a coordinator folder. */
const MAX_CFG_FILES = 500;

export interface CfgString {
  /** The property's key (lower case) the string is the value of; undefined inside an array. */
  key?: string;
  value: string;
  line: number;
  column: number;
}

/** Every string value of a JSON tree, with the key it is the value of and its position. */
export function cfgStrings(text: string, tree: JsonNode): CfgString[] {
  const out: CfgString[] = [];
  const pos = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    return { line, column: offset - before.lastIndexOf("\n") };
  };
  const visit = (node: JsonNode | undefined, key?: string) => {
    if (!node) return;
    if (node.type === "string") out.push({ key, value: String(node.value), ...pos(node.offset) });
    else if (node.type === "object")
      for (const p of node.children ?? []) visit(p.children?.[1], String(p.children?.[0]?.value).toLowerCase());
    else if (node.type === "array") for (const c of node.children ?? []) visit(c);
  };
  visit(tree);
  return out;
}

/** A pattern for a table name in any of its spellings (`scores_clientes`, `scores-clientes`), as a whole word. */
export function tableWord(table: string): RegExp {
  const body = table
    .split(/[-_]+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("[-_]");
  return new RegExp(`(?<![A-Za-z0-9_-])${body}(?![A-Za-z0-9_-])`, "i");
}

/** The table's DynamoDB name in any spelling: `dynamo-alter-ctra-api`, `dynamo_alter_ctra_api`, `dynamoalterctraapi`. */
export function dynamoWord(table: string): RegExp {
  const body = tableKey(table)
    .split("")
    .map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("[-_]?");
  return new RegExp(`dynamo[-_]?${body}[-_]?api`, "i");
}

const QUALIFIED = /(?<![A-Za-z0-9_.])([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_])/g;

export interface CfgFacts {
  file: string;
  table: string;
  /** The zone values it gives (zone keys, and qualifiers of its own table). */
  zones: Array<{ value: string; line: number; column: number; via: string }>;
}

export interface CoordinatorCheckOptions {
  /** The API's tables (results-zone names); undefined: only the folder's own consistency. */
  tables?: string[];
  /** Compare by key only (a table list from the template, whose names lose their `_`). */
  tablesByKey?: boolean;
  zone?: string;
}

/** The checks of one cfg's content (API024, API025); `others` are the API's other tables. */
export function checkCfgText(
  text: string,
  shown: string,
  table: string,
  others: string[],
  options: CoordinatorCheckOptions,
): { findings: RawFinding[]; facts?: CfgFacts } {
  const { tree, errors } = parseStrictJson(text.replace(/^\uFEFF/, ""));
  if (errors.length || !tree) {
    const offset = errors[0]?.offset ?? 0;
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    const column = offset - before.lastIndexOf("\n");
    return {
      findings: [
        {
          rule: "API024",
          file: shown,
          line,
          column,
          args: [
            shown,
            msg(
              "ApiAtLineColumn",
              line,
              column,
              errors.length ? printParseErrorCode(errors[0].error) : msg("ApiJsonEmpty"),
            ),
          ],
        },
      ],
    };
  }
  const findings: RawFinding[] = [];
  const facts: CfgFacts = { file: shown, table, zones: [] };
  const own = tableWord(table);
  for (const s of cfgStrings(text, tree)) {
    const at = (what: Message, found: string, expected: string) =>
      findings.push({
        rule: "API025",
        file: shown,
        line: s.line,
        column: s.column,
        args: [shown, what, found, expected],
      });
    if (s.key && TABLE_KEYS.includes(s.key)) {
      const bare = s.value.includes(".") ? s.value.split(".").pop()! : s.value;
      if (!own.test(bare) || bare.length !== table.length) at(msg("ApiTableValue", s.key), s.value, table);
    }
    if (s.key && ZONE_KEYS.includes(s.key) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(s.value))
      facts.zones.push({ value: s.value, line: s.line, column: s.column, via: s.key });
    for (const m of s.value.matchAll(QUALIFIED)) {
      const [, zone, name] = m;
      if (own.test(name) && name.length === table.length)
        facts.zones.push({ value: zone, line: s.line, column: s.column, via: `${zone}.${name}` });
    }
    for (const other of others) {
      if (tableKey(other) === tableKey(table)) continue;
      if (tableWord(other).test(s.value) || dynamoWord(other).test(s.value))
        at(msg("ApiTableValue", s.key ?? "[]"), s.value, table);
    }
  }
  if (options.zone)
    for (const z of facts.zones)
      if (z.value !== options.zone)
        findings.push({
          rule: "API025",
          file: shown,
          line: z.line,
          column: z.column,
          args: [shown, msg("ApiZoneValue", z.via), z.value, options.zone],
        });
  return { findings, facts };
}

export interface CoordinatorFolderResult {
  findings: RawFinding[];
  /** The tables that have a cfg, by file name. */
  cfgTables: string[];
  /** Texts read, for `# lz: ignore` lookups and the reports. */
  texts: Map<string, string>;
}

const rel = (root: string, file: string) => {
  const r = path.relative(root, file);
  return (r.startsWith("..") || path.isAbsolute(r) ? file : r).split(path.sep).join("/");
};

/**
 * The checks of an API folder of the analytics repository (API020–API026). `apiFolder` is
 * `<repo>/<ApiName>`; names in findings are relative to `root`.
 */
export function checkCoordinatorFolder(
  apiFolder: string,
  root: string,
  options: CoordinatorCheckOptions,
): CoordinatorFolderResult {
  const findings: RawFinding[] = [];
  const texts = new Map<string, string>();
  const shownFolder = rel(root, apiFolder);
  const name = path.basename(path.resolve(apiFolder));
  if (!isPascalCase(name))
    findings.push({ rule: "API020", file: shownFolder, line: 1, column: 1, args: [name, apiPascal(name)] });
  const placeholder = path.join(apiFolder, ...LOGS_PLACEHOLDER);
  if (!fs.existsSync(placeholder))
    findings.push({ rule: "API026", file: shownFolder, line: 1, column: 1, args: [rel(root, placeholder)] });
  const cfgFolder = path.join(apiFolder, ...CFG_FOLDER);
  let files: string[] = [];
  try {
    files = fs
      .readdirSync(cfgFolder, { withFileTypes: true })
      .filter((e) => e.isFile() && /\.json$/i.test(e.name))
      .map((e) => e.name)
      .sort()
      .slice(0, MAX_CFG_FILES);
  } catch {
    /* reported below */
  }
  if (!files.length) {
    findings.push({ rule: "API021", file: shownFolder, line: 1, column: 1, args: [shownFolder, CFG_FOLDER.join("/")] });
    return { findings, cfgTables: [], texts };
  }
  const cfgTables = files.map((f) => f.replace(/\.json$/i, ""));
  const listed = options.tables;
  const same = (a: string, b: string) => (options.tablesByKey ? tableKey(a) === tableKey(b) : a === b);
  const others = [...new Set([...(listed ?? []), ...cfgTables])];
  const facts: CfgFacts[] = [];
  for (const file of files) {
    const table = file.replace(/\.json$/i, "");
    const abs = path.join(cfgFolder, file);
    const shown = rel(root, abs);
    if (listed && !listed.some((t) => same(t, table))) {
      const near = listed.find((t) => tableKey(t) === tableKey(table));
      findings.push({
        rule: "API023",
        file: shown,
        line: 1,
        column: 1,
        args: [shown, near ? msg("ApiCaseDiffers", near) : msg("ApiNotInList", listed.join(", "))],
      });
    }
    let text: string;
    try {
      text = readBoundedText(abs, API_FILE_LIMITS.cfg, shown);
    } catch (err) {
      const e = err as ApiFileError;
      findings.push({
        rule: "API024",
        file: shown,
        line: 1,
        column: 1,
        args: [shown, msg(e.code, ...e.args)],
      });
      continue;
    }
    texts.set(shown, text);
    const checked = checkCfgText(text, shown, table, others, options);
    findings.push(...checked.findings);
    if (checked.facts) facts.push(checked.facts);
  }
  for (const table of listed ?? [])
    if (!cfgTables.some((c) => same(table, c)))
      findings.push({
        rule: "API022",
        file: rel(root, cfgFolder),
        line: 1,
        column: 1,
        args: [table, `${CFG_FOLDER.join("/")}/${table}.json`],
      });
  // Without a zone given, the API's zone is the one most files name: the others are the copies.
  if (!options.zone) {
    const counts = new Map<string, number>();
    for (const f of facts)
      for (const z of new Set(f.zones.map((x) => x.value))) counts.set(z, (counts.get(z) ?? 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1]);
    if (ranked.length > 1 && ranked[0][1] > ranked[1][1]) {
      const zone = ranked[0][0];
      for (const f of facts)
        for (const z of f.zones)
          if (z.value !== zone)
            findings.push({
              rule: "API025",
              file: f.file,
              line: z.line,
              column: z.column,
              args: [f.file, msg("ApiZoneValue", z.via), z.value, zone],
            });
    }
  }
  return { findings, cfgTables, texts };
}

/** The `<ApiName>` folder: `analyticsPath` itself when it holds API/ or TMP_FILES/, else `<analyticsPath>/<apiName>`. */
export function apiFolderOf(analyticsPath: string, apiName?: string): string {
  if (
    fs.existsSync(path.join(analyticsPath, "API")) ||
    fs.existsSync(path.join(analyticsPath, "TMP_FILES")) ||
    !apiName
  )
    return analyticsPath;
  const wanted = apiPascal(apiName);
  const match = fs.existsSync(analyticsPath)
    ? fs.readdirSync(analyticsPath).find((d) => d.toLowerCase() === wanted.toLowerCase())
    : undefined;
  return path.join(analyticsPath, match ?? wanted);
}
