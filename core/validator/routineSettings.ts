/**
 * The gate belongs to the LZ team, not to the routine it checks. What the routine itself says about
 * its validation — its own `.lzvalidator.json` at the routine root and its `# lz: ignore[…]`
 * comments — is untrusted: it is applied only where it cannot switch off a rule that protects
 * production, every piece of it is listed in the reports and on the HU, and each suppression must
 * say why. Settings from the task's inputs or an explicit `configFile` (chosen by the LZ team) are
 * trusted and not listed here.
 */
import { findNodeAtLocation, type Node as JsonNode } from "jsonc-parser";
import { LineIndex } from "../findings/positions";
import { allRules } from "./registry";
import type { RuleCode } from "../findings/ruleCodes";
import type { RawFinding, RoutineSetting, RuleSetting } from "../findings/types";

export type { RoutineSetting };

/** Settings of `.lzvalidator.json` that decide what the gate checks: only the LZ team's inputs may set them. */
export const LZ_ONLY_SETTINGS = [
  "pythonVersion",
  "pythonGuards",
  "expectedDsn",
  "zona",
  "failOn",
  "maxFileSizeKb",
  "logs",
] as const;

/** Settings that allow findings through, refused from the routine with an error, and the task input that sets each. */
const ALLOW_LIST_SETTINGS: ReadonlyArray<[jsonPath: string[], input: string]> = [
  [["allowedNamesAndPaths"], "allowedNamesAndPaths"],
  [["logs", "toleratedPatterns"], "logToleratedPatterns"],
  [["logs", "retryPatterns"], "logRetryPatterns"],
];

/** Rules that protect production (the registry's `protectsProduction`) plus the codes the task input names. */
export function protectedRuleCodes(extra: readonly string[] = []): Set<string> {
  return new Set([
    ...allRules()
      .filter((r) => r.protectsProduction)
      .map((r) => r.code),
    ...extra.map((c) => c.trim().toUpperCase()).filter(Boolean),
  ]);
}

export const ROUTINE_CONFIG = ".lzvalidator.json";

/** A rule setting as `.lzvalidator.json` may write it: a severity, or `{ severity, reason }`. */
export type RuleEntry = RuleSetting | { severity: RuleSetting; reason?: string };
/** An exclude as `.lzvalidator.json` may write it: a glob, or `{ pattern, reason }`. */
export type ExcludeEntry = string | { pattern: string; reason?: string };

export const ruleSeverity = (entry: RuleEntry): RuleSetting => (typeof entry === "string" ? entry : entry.severity);
export const ruleReason = (entry: RuleEntry): string | undefined =>
  typeof entry === "string" ? undefined : entry.reason?.trim() || undefined;
export const excludePattern = (entry: ExcludeEntry): string => (typeof entry === "string" ? entry : entry.pattern);
export const excludeReason = (entry: ExcludeEntry): string | undefined =>
  typeof entry === "string" ? undefined : entry.reason?.trim() || undefined;

/** What the routine's own `.lzvalidator.json` leaves applied, and what it says about it. */
export interface RoutineConfig {
  rules: Record<string, RuleSetting>;
  exclude: string[];
  zoneKeys?: string[];
  sqlCallNames?: string[];
  settings: RoutineSetting[];
  findings: RawFinding[];
}

interface RoutineConfigData {
  rules?: Record<string, RuleEntry>;
  exclude?: ExcludeEntry[];
  zoneKeys?: string[];
  sqlCallNames?: string[];
  [key: string]: unknown;
}

/**
 * Sorts the routine's own configuration (already checked against the schema) into what is applied
 * and what is refused; LZV002 for each refusal, LZV003 for each suppression without a reason.
 */
export function readRoutineConfig(
  data: RoutineConfigData,
  text: string,
  tree: JsonNode,
  protectedRules: ReadonlySet<string>,
): RoutineConfig {
  const lines = new LineIndex(text);
  const lineOf = (jsonPath: Array<string | number>): number => {
    const node = findNodeAtLocation(tree, jsonPath);
    return node ? lines.position(node.offset).line : 1;
  };
  const out: RoutineConfig = { rules: {}, exclude: [], settings: [], findings: [] };
  const finding = (rule: RuleCode, line: number, args: string[]) =>
    out.findings.push({ rule, file: ROUTINE_CONFIG, line, column: 1, args });

  // Allow-lists and tolerated log patterns would let the routine wave its own findings through: an error (LZV005).
  for (const [jsonPath, input] of ALLOW_LIST_SETTINGS) {
    let value: unknown = data;
    for (const k of jsonPath) value = (value as Record<string, unknown> | undefined)?.[k];
    if (value === undefined) continue;
    const line = lineOf(jsonPath);
    const setting = `${jsonPath.join(".")} = ${JSON.stringify(value)}`;
    out.settings.push({ file: ROUTINE_CONFIG, line, setting, applied: false });
    finding("LZV005", line, [ROUTINE_CONFIG, jsonPath.join("."), input]);
  }
  for (const key of LZ_ONLY_SETTINGS) {
    if (data[key] === undefined) continue;
    if (key === "logs") {
      // Its allow-list keys are refused above (LZV005); the other log requirements are LZV002's.
      const rest = Object.keys(data.logs as object).filter((k) => k !== "toleratedPatterns" && k !== "retryPatterns");
      if (!rest.length) continue;
    }
    const line = lineOf([key]);
    const setting = `${key} = ${JSON.stringify(data[key])}`;
    out.settings.push({ file: ROUTINE_CONFIG, line, setting, applied: false });
    finding("LZV002", line, [ROUTINE_CONFIG, setting]);
  }
  for (const [rawCode, entry] of Object.entries(data.rules ?? {})) {
    const code = rawCode.toUpperCase();
    const line = lineOf(["rules", rawCode]);
    const setting = `rules.${code} = ${ruleSeverity(entry)}`;
    const reason = ruleReason(entry);
    if (protectedRules.has(code)) {
      out.settings.push({ file: ROUTINE_CONFIG, line, setting, reason, applied: false });
      finding("LZV002", line, [ROUTINE_CONFIG, setting]);
      continue;
    }
    out.rules[code] = ruleSeverity(entry);
    out.settings.push({ file: ROUTINE_CONFIG, line, setting, reason, applied: true });
    if (!reason)
      finding("LZV003", line, [ROUTINE_CONFIG, setting, `"rules": { "${code}": { "severity": …, "reason": "…" } }`]);
  }
  (data.exclude ?? []).forEach((entry, index) => {
    const line = lineOf(["exclude", index]);
    const pattern = excludePattern(entry);
    const reason = excludeReason(entry);
    out.exclude.push(pattern);
    // Applied to every rule but those that protect production: the files are still read for them.
    out.settings.push({ file: ROUTINE_CONFIG, line, setting: `exclude ${pattern}`, reason, applied: true });
    if (!reason)
      finding("LZV003", line, [ROUTINE_CONFIG, `exclude ${pattern}`, `{ "pattern": "${pattern}", "reason": "…" }`]);
  });
  for (const key of ["zoneKeys", "sqlCallNames"] as const) {
    if (!data[key]) continue;
    out[key] = data[key];
    out.settings.push({
      file: ROUTINE_CONFIG,
      line: lineOf([key]),
      setting: `${key} = ${JSON.stringify(data[key])}`,
      applied: true,
    });
  }
  return out;
}

const IGNORE = /lz:\s*ignore\[([A-Za-z0-9_,\s]+)\]\s*(?:[:\-—–]\s*)?(.*)$/;

/** An inline `# lz: ignore[CODE1,CODE2] reason` (any comment syntax): its codes and reason. */
export function inlineIgnore(lineText: string): { codes: Set<string>; reason?: string } | undefined {
  const match = IGNORE.exec(lineText);
  if (!match) return undefined;
  const codes = new Set(
    match[1]
      .split(",")
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean),
  );
  // A comment that closes on the same line (`*/`, `-->`) is not part of the reason.
  const reason = match[2].replace(/\s*(\*\/|-->)\s*$/, "").trim();
  return { codes, reason: reason || undefined };
}
