/**
 * The routine's static/config/config.json: present and valid (CFG001), dsn as expected (CFG002,
 * CFG004), results zone equal to the release's zona (CFG003, CFG005). Positions come from
 * jsonc-parser so each finding points at the key in the file.
 */
import { printParseErrorCode } from "jsonc-parser";
import { CONFIG_PATH, findDsn, findZone, parseStrictJson } from "../config/json";
import type { SourceFile } from "../files/walk";
import { LineIndex } from "../findings/positions";
import type { RawFinding } from "../findings/types";

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
