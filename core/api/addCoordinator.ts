/**
 * `lz api add-coordinator`: the cfg of a new table, made from a cfg the user names (another
 * table's, ideally of a project with API, as the note warns), with the example's table, zone and
 * API replaced in its string values — every other byte of the example kept — and the API's
 * TMP_FILES/logs/test.txt. The new file is checked (checkCfgText) before it is handed back: a copy
 * that still names the example's table or zone is refused. Nothing here writes files.
 */
import * as fs from "fs";
import * as path from "path";
import { printParseErrorCode, visit } from "jsonc-parser";
import { API_FILE_LIMITS, readBoundedText } from "./bounded";
import { ApiFileError } from "./cfnYaml";
import { apiFolderOf, CFG_FOLDER, checkCfgText, LOGS_PLACEHOLDER, tableWord, ZONE_KEYS } from "./coordinators";
import { apiKebab, apiPascal, API_NAME, pascalTablePart, TABLE_NAME, tableKey } from "./naming";
import { parseStrictJson } from "../config/json";
import type { MessageArg, MessageKey } from "../i18n/catalogue";
import { ZONA_PATTERN } from "../oc/releaseFields";

export interface AddCoordinatorRequest {
  /** The analytics repository (or the API's folder in it). */
  analyticsPath: string;
  api: string;
  table: string;
  zone: string;
  /** A cfg of another table: its content is the model. */
  example: string;
  /** The example's own table; default: its file name. */
  exampleTable?: string;
  /** The example's zone; default: what it names under a zone key or as `<zone>.<its table>`. */
  exampleZone?: string;
  /** The example's API; default: the folder it sits in (`<Api>/API/cfg/`). */
  exampleApi?: string;
}

export interface AddCoordinatorResult {
  /** Files to create: the cfg, and test.txt when missing. */
  files: Array<{ path: string; text: string }>;
  cfgPath: string;
  replaced: Array<{ from: string; to: string; count: number }>;
}

const refuse = (code: MessageKey, file: string, line: number, ...args: MessageArg[]): never => {
  throw new ApiFileError(code, file, line, args);
};

/** The example's zone: a zone key's value, else the qualifier of `<zone>.<table>`. */
function exampleZoneOf(text: string, table: string): string | undefined {
  const { tree } = parseStrictJson(text);
  let found: string | undefined;
  let key: string | undefined;
  visit(text, {
    onObjectProperty: (property) => {
      key = property.toLowerCase();
    },
    onLiteralValue: (value) => {
      if (found || typeof value !== "string") return;
      if (key && ZONE_KEYS.includes(key) && ZONA_PATTERN.test(value)) found = value;
    },
  });
  if (found || !tree) return found;
  const own = new RegExp(`([A-Za-z_][A-Za-z0-9_]*)\\.${table.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9_])`);
  return own.exec(text)?.[1];
}

/** Replacements, most specific first: the table in each spelling, the zone, the API in each spelling. */
function replacements(from: { table: string; zone?: string; api?: string }, to: AddCoordinatorRequest) {
  const list: Array<{ from: string; to: string; pattern: RegExp }> = [];
  const word = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const add = (a: string | undefined, b: string, caseSensitive = true) => {
    if (!a || a === b || list.some((x) => x.from === a)) return;
    list.push({
      from: a,
      to: b,
      pattern: new RegExp(`(?<![A-Za-z0-9])${word(a)}(?![A-Za-z0-9])`, caseSensitive ? "g" : "gi"),
    });
  };
  add(from.table, to.table);
  add(from.table.replace(/_/g, "-"), to.table.replace(/_/g, "-"));
  add(pascalTablePart(from.table), pascalTablePart(to.table));
  add(tableKey(from.table), tableKey(to.table));
  add(from.zone, to.zone);
  if (from.api) {
    add(apiPascal(from.api), apiPascal(to.api));
    add(apiKebab(from.api), apiKebab(to.api));
    add(apiKebab(from.api).replace(/-/g, "_"), apiKebab(to.api).replace(/-/g, "_"));
    add(apiKebab(from.api).replace(/-/g, ""), apiKebab(to.api).replace(/-/g, ""));
  }
  return list;
}

export function addCoordinator(req: AddCoordinatorRequest): AddCoordinatorResult {
  if (!API_NAME.test(req.api)) refuse("ApiNameInvalid", "", 0, req.api);
  if (!TABLE_NAME.test(req.table)) refuse("TableNameInvalid", "", 0, req.table);
  if (!ZONA_PATTERN.test(req.zone)) refuse("ZoneInvalid", "", 0, req.zone);
  const apiFolder = apiFolderOf(req.analyticsPath, req.api);
  const cfgFolder = path.join(apiFolder, ...CFG_FOLDER);
  const cfgPath = path.join(cfgFolder, `${req.table}.json`);
  const existing = fs.existsSync(cfgFolder)
    ? fs.readdirSync(cfgFolder).find((f) => f.toLowerCase() === `${req.table}.json`.toLowerCase())
    : undefined;
  if (existing) refuse("CfgExists", path.join(cfgFolder, existing), 0);

  const text = readBoundedText(req.example, API_FILE_LIMITS.cfg);
  const { errors } = parseStrictJson(text);
  if (errors.length) {
    const line = text.slice(0, errors[0].offset).split("\n").length;
    refuse("ExampleInvalid", req.example, line, printParseErrorCode(errors[0].error));
  }
  const exampleTable = req.exampleTable ?? path.basename(req.example).replace(/\.json$/i, "");
  const exampleZone = req.exampleZone ?? exampleZoneOf(text, exampleTable);
  const parts = path.resolve(req.example).split(path.sep);
  const exampleApi =
    req.exampleApi ??
    (parts.length >= 4 && parts[parts.length - 2] === "cfg" && parts[parts.length - 3] === "API"
      ? parts[parts.length - 4]
      : undefined);
  if (!tableWord(exampleTable).test(text)) refuse("ExampleNoTable", req.example, 0, exampleTable);

  // String literals only (values and keys' values, never the structure), each re-encoded only when changed.
  const rules = replacements({ table: exampleTable, zone: exampleZone, api: exampleApi }, req);
  const counts = new Map(rules.map((r) => [r.from, 0]));
  const edits: Array<{ offset: number; length: number; text: string }> = [];
  visit(text, {
    onLiteralValue: (value, offset, length) => {
      if (typeof value !== "string") return;
      let next = value;
      for (const r of rules)
        next = next.replace(r.pattern, () => {
          counts.set(r.from, (counts.get(r.from) ?? 0) + 1);
          return r.to;
        });
      if (next !== value) edits.push({ offset, length, text: JSON.stringify(next) });
    },
  });
  let out = text;
  for (const e of edits.sort((a, b) => b.offset - a.offset))
    out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);

  const shown = path.relative(req.analyticsPath, cfgPath) || cfgPath;
  const check = checkCfgText(out, shown, req.table, [exampleTable], { zone: req.zone });
  const left = check.findings[0];
  if (left) refuse("ExampleLeftovers", shown, left.line, String(left.args[2]), `${left.line}:${left.column}`);

  const files = [{ path: cfgPath, text: out }];
  const placeholder = path.join(apiFolder, ...LOGS_PLACEHOLDER);
  if (!fs.existsSync(placeholder)) files.push({ path: placeholder, text: "" });
  return { files, cfgPath, replaced: rules.map((r) => ({ from: r.from, to: r.to, count: counts.get(r.from) ?? 0 })) };
}
