/**
 * The three corpora of issue #20 (test/fixtures/corpora/): where they are, what their manifests
 * say, and the new value-based detectors (core/secrets, core/logs/levels) run over them. Shared by
 * the mocha tests and scripts/precision-corpora.mjs (from build/ts).
 */
import * as fs from "fs";
import * as path from "path";
import type { Parser } from "web-tree-sitter";
import { classifyLog, LogClassification } from "../../core/logs/levels";
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
