/**
 * The routine's static/config/config.json: present and valid (CFG001), dsn as expected (CFG002,
 * CFG004), results zone equal to the release's zona (CFG003, CFG005). Positions come from
 * jsonc-parser so each finding points at the key in the file.
 */
import { findNodeAtLocation, Node as JsonNode, parseTree, printParseErrorCode, ParseError } from "jsonc-parser";
import type { SourceFile } from "../files";
import { LineIndex } from "../positions";
import type { RawFinding } from "../types";

export const CONFIG_PATH = /(^|\/)static\/config\/config\.json$/;

export interface ConfigCheckOptions {
  expectedDsn: string;
  zona?: string;
  zoneKeys: string[];
}

export interface ConfigInfo {
  file: string;
  dsn?: string;
  zone?: { key: string; value: string };
}

/** Parses JSON strictly (no comments, no trailing commas); errors carry offsets. */
export function parseStrictJson(text: string): { tree?: JsonNode; errors: ParseError[] } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return { tree, errors };
}

/** The keys that may hold the results zone, tried in order (teams differ). */
export const DEFAULT_ZONE_KEYS = ["zona", "zona_resultados", "results_zone", "resultDir"];

/** A top-level key, or the first one found at any depth, compared without case. */
export function findJsonProperty(tree: JsonNode, key: string): JsonNode | undefined {
  const wanted = key.toLowerCase();
  const direct = tree.children?.find(
    (p) => p.type === "property" && String(p.children?.[0]?.value).toLowerCase() === wanted,
  );
  if (direct) return direct;
  for (const prop of tree.children ?? []) {
    const value = prop.children?.[1];
    if (value?.type === "object") {
      const nested = findJsonProperty(value, key);
      if (nested) return nested;
    }
  }
  return undefined;
}

/**
 * The dsn's value node: the one place that decides which "dsn" a config.json has, so the validator
 * (CFG002), the dsn switch and the release tab all see the same one.
 */
export function findDsn(tree: JsonNode): JsonNode | undefined {
  return findJsonProperty(tree, "dsn")?.children?.[1];
}

/** The results zone: the first of `keys` that holds a string, with the key as written in the file. */
export function findZone(
  tree: JsonNode,
  keys: readonly string[],
): { key: string; value: string; offset: number } | undefined {
  for (const key of keys) {
    const prop = findJsonProperty(tree, key);
    const value = prop?.children?.[1];
    if (prop && value && typeof value.value === "string")
      return { key: String(prop.children?.[0]?.value), value: value.value, offset: value.offset };
  }
  return undefined;
}

export function checkConfig(
  files: SourceFile[],
  allPaths: string[],
  options: ConfigCheckOptions,
): { findings: RawFinding[]; info?: ConfigInfo } {
  const findings: RawFinding[] = [];
  const configs = files.filter((f) => CONFIG_PATH.test(f.path));
  if (!configs.length) {
    const unread = allPaths.find((p) => CONFIG_PATH.test(p));
    findings.push({
      rule: "CFG001",
      file: unread ?? "",
      line: 1,
      column: 1,
      args: [
        unread
          ? `${unread} could not be read as text`
          : "No static/config/config.json in the routine: the routine cannot read its dsn and results zone.",
      ],
    });
    return { findings };
  }
  // The package's own config: the shallowest one (tests may carry fixtures deeper down).
  const config = [...configs].sort((a, b) => a.path.split("/").length - b.path.split("/").length)[0];
  const lines = new LineIndex(config.text);
  const at = (offset: number) => lines.position(offset);
  const { tree, errors } = parseStrictJson(config.text);
  if (errors.length || !tree || tree.type !== "object") {
    const e = errors[0];
    const pos = at(e?.offset ?? 0);
    const why = e ? printParseErrorCode(e.error) : "the top level is not a JSON object";
    findings.push({
      rule: "CFG001",
      file: config.path,
      ...pos,
      args: [`${config.path} is not valid JSON: ${why} at line ${pos.line}, column ${pos.column}.`],
    });
    return { findings, info: { file: config.path } };
  }
  const info: ConfigInfo = { file: config.path };
  const dsn = findDsn(tree);
  if (!dsn) findings.push({ rule: "CFG004", file: config.path, line: 1, column: 1, args: [] });
  else {
    info.dsn = String(dsn.value ?? "");
    if (info.dsn !== options.expectedDsn) {
      findings.push({ rule: "CFG002", file: config.path, ...at(dsn.offset), args: [info.dsn, options.expectedDsn] });
    }
  }
  const zone = findZone(tree, options.zoneKeys);
  if (zone) {
    info.zone = { key: zone.key, value: zone.value };
    if (options.zona && zone.value !== options.zona) {
      findings.push({
        rule: "CFG003",
        file: config.path,
        ...at(zone.offset),
        args: [zone.key, zone.value, options.zona],
      });
    }
  }
  if (!info.zone && options.zona) {
    findings.push({
      rule: "CFG005",
      file: config.path,
      line: 1,
      column: 1,
      args: [options.zoneKeys.join(", "), options.zona],
    });
  }
  return { findings, info };
}

export { findNodeAtLocation };
