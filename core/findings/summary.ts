/** Counting findings and the gate's verdict: the same for every task that reports findings. */
import type { Rule } from "./rule";
import type { FailOn, Finding, Lang, RoutineSetting, RuleSetting } from "./types";

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
}

export type GateResult = "Succeeded" | "SucceededWithIssues" | "Failed";

/** The settings the reports show (the engine's options have more). */
export interface ReportOptions {
  lang: Lang;
  failOn: FailOn;
  pythonVersion: string;
  /** Severities the LZ team or the routine set per rule. */
  rules: Record<string, RuleSetting>;
}

/** Findings with their verdict: what every report writer (JSON, SARIF, Markdown, text, HU comment) takes. */
export interface FindingsResult {
  findings: Finding[];
  summary: Summary;
  result: GateResult;
  options: ReportOptions;
  /** The rules the findings name: their texts and pages, for the reports. */
  rules: readonly Rule[];
  /** What the routine itself asked of its gate (its .lzvalidator.json, its ignore comments): every report lists it. */
  routineSettings: RoutineSetting[];
}

export function summarize(findings: readonly Finding[]): Summary {
  const s: Summary = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === "error") s.errors++;
    else if (f.severity === "warning") s.warnings++;
    else s.infos++;
  }
  return s;
}

/** Failed when a finding reaches failOn; with issues when warnings remain below it; info never counts. */
export function gate(summary: Summary, failOn: FailOn): GateResult {
  if (failOn === "error" && summary.errors) return "Failed";
  if (failOn === "warning" && (summary.errors || summary.warnings)) return "Failed";
  if (summary.errors || summary.warnings) return "SucceededWithIssues";
  return "Succeeded";
}

/** The rule of `code` among those the result carries. */
export function ruleOf(result: Pick<FindingsResult, "rules">, code: string): Rule | undefined {
  return result.rules.find((r) => r.code === code);
}
