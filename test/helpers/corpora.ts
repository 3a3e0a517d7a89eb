/**
 * The three corpora of issue #20 (test/fixtures/corpora/): where they are, what their manifests
 * say, and the new value-based detectors (core/secrets, core/logs/levels) run over them. Shared by
 * the mocha tests and scripts/precision-corpora.mjs (from build/ts).
 */
import * as fs from "fs";
import * as path from "path";
import type { Parser } from "web-tree-sitter";
import { classifyLog, LogClassification } from "../../core/logs/levels";
import { checkLogs, DEFAULT_LOG_REQUIREMENTS } from "../../core/logs/checkLogs";
import type { Finding } from "../../core/findings/types";
import { LiteralScan, scanPythonTree, scanTextFile } from "../../core/secrets/scan";
import { analyzePython } from "../../core/python/analyzer";

export const CORPORA = path.join(__dirname, "..", "..", "..", "..", "test", "fixtures", "corpora");
export const PRECISION = path.join(CORPORA, "precision");
export const RECALL = path.join(CORPORA, "recall");
export const RUN_LOGS = path.join(CORPORA, "run-logs");

export interface PrecisionManifest {
  expected: { SEC001: number; PTH001: number };
  files: Array<{ file: string; lines: number }>;
}

export interface PlantedCredential {
  file: string;
  line: number;
  form: string;
  kind: string;
  value: string;
  /** How the value is written when it is not written whole (concatenated, formatted). */
  pieces?: string[];
}

export interface RunLogLabel {
  file: string;
  expected: "pass" | "fail";
  language: "es" | "en";
  format: string;
  errorLines: number[];
  toleratedIntermittences: number;
  toleratedRetries: number;
  why: string;
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, "utf8")) as T;
export const precisionManifest = () => readJson<PrecisionManifest>(path.join(PRECISION, "manifest.json"));
export const recallManifest = () =>
  readJson<{ credentials: PlantedCredential[] }>(path.join(RECALL, "manifest.json")).credentials;
export const runLogLabels = () => readJson<{ logs: RunLogLabel[] }>(path.join(RUN_LOGS, "labels.json")).logs;

/** Files under a folder, relative, sorted; manifests left out. */
export function corpusFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (!/^(manifest|labels)\.json$/.test(e.name) || dir !== root) out.push(path.relative(root, abs));
    }
  };
  walk(root);
  return out.sort();
}

export interface DetectorFinding {
  rule: "SEC001" | "PTH001";
  file: string;
  line: number;
  args: string[];
}

/** One file through the new detectors: Python on the analyzer's tree, the rest as text. */
export function detectInFile(
  parser: Parser,
  root: string,
  file: string,
): { findings: DetectorFinding[]; secrets: string[] } {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  let scan: LiteralScan;
  if (file.endsWith(".py")) {
    const analysis = analyzePython(parser, file, text, { target: "3.5" });
    try {
      // The strings the analyzer met, as the gate passes them (core/validator/fileAnalysis.ts).
      scan = scanPythonTree(analysis.tree, text, {
        nodes: analysis.stringNodes,
        ranges: analysis.stringRanges,
        docstrings: analysis.docstrings,
      });
    } finally {
      analysis.tree.delete();
    }
  } else scan = scanTextFile(file, text);
  const lineOf = (offset: number) => text.slice(0, offset).split("\n").length;
  return {
    findings: scan.findings.map((f) => ({ rule: f.rule, file, line: lineOf(f.offset), args: f.args })),
    secrets: scan.secrets,
  };
}

/** Every file of a corpus through the new detectors. */
export function detectInCorpus(parser: Parser, root: string): DetectorFinding[] {
  return corpusFiles(root).flatMap((f) => detectInFile(parser, root, f).findings);
}

export interface RunLogResult {
  label: RunLogLabel;
  classification: LogClassification;
  /** The error lines found, the tolerated counts and the verdict all equal the label's. */
  matched: boolean;
}

/** Each labelled run log through the new classifier. */
export function classifyRunLogs(): RunLogResult[] {
  return runLogLabels().map((label) => {
    const classification = classifyLog(fs.readFileSync(path.join(RUN_LOGS, label.file), "utf8"));
    const lines = classification.records.filter((r) => r.status === "error").map((r) => r.line);
    const matched =
      JSON.stringify(lines) === JSON.stringify(label.errorLines) &&
      classification.toleratedIntermittences === label.toleratedIntermittences &&
      classification.toleratedRetries === label.toleratedRetries &&
      (classification.errors === 0) === (label.expected === "pass");
    return { label, classification, matched };
  });
}

/*
 * The same corpora through the gate itself (issue #20's "today (wired)" figures): the validator's
 * SEC001/PTH001 on a folder and LOG005/LOG009 on each run log, as `lz validate` and the tasks run them.
 */

export interface GateFinding {
  rule: string;
  file: string;
  line: number;
  message: string;
}

/** SEC001 and PTH001 of a validation, errors and warnings alike (the corpora's "0" counts both). */
export function secretAndPathFindings(findings: readonly Finding[]): GateFinding[] {
  return findings
    .filter((f) => (f.rule === "SEC001" || f.rule === "PTH001") && f.severity !== "info")
    .map((f) => ({ rule: f.rule, file: f.file, line: f.line, message: f.message }));
}

/** Recall through the gate: which planted credentials a SEC001 at their line found, which a message shows (any 8 characters of it). */
export function recallOf(findings: readonly GateFinding[], messages: readonly string[]) {
  const planted = recallManifest();
  const found = planted.filter((c) =>
    findings.some((f) => f.rule === "SEC001" && f.file === c.file && f.line === c.line),
  );
  const printed = planted.filter((c) =>
    messages.some((m) => {
      for (let i = 0; i + 8 <= c.value.length; i++) if (m.includes(c.value.slice(i, i + 8))) return true;
      return false;
    }),
  );
  return { planted, found, printed };
}

export interface RunLogGateResult {
  label: RunLogLabel;
  errorLines: number[];
  toleratedIntermittences: number;
  toleratedRetries: number;
  matched: boolean;
}

/** Each labelled run log through the gate's log check (LOG005's lines, LOG009's counts). */
export function runLogsThroughGate(): RunLogGateResult[] {
  const req = { ...DEFAULT_LOG_REQUIREMENTS, minFiles: 0, minDays: 0, minHoursApart: 0 };
  return runLogLabels().map((label) => {
    const text = fs.readFileSync(path.join(RUN_LOGS, label.file), "utf8");
    const found = checkLogs([{ name: label.file, text }], req);
    const errorLines = found.filter((f) => f.rule === "LOG005").map((f) => f.line);
    const log009 = found.find((f) => f.rule === "LOG009");
    const [toleratedIntermittences, toleratedRetries] = log009
      ? [Number(log009.args[0]), Number(log009.args[1])]
      : [0, 0];
    const matched =
      JSON.stringify(errorLines) === JSON.stringify(label.errorLines) &&
      toleratedIntermittences === label.toleratedIntermittences &&
      toleratedRetries === label.toleratedRetries &&
      (errorLines.length === 0) === (label.expected === "pass");
    return { label, errorLines, toleratedIntermittences, toleratedRetries, matched };
  });
}
