/**
 * Per-file analysis, shared by the engine (inline) and the worker threads. It imports no option
 * handling (ajv) and no SQL parser: the SQL analyzer registers itself here when an entry point
 * imports core/validator/analyzers, so a bundle that never does stays small.
 */
import * as path from "path";
import type { SourceFile } from "./files";
import { analyzePython, PythonAnalysis } from "./python/analyzer";
import type { Parser } from "./python/parser";
import type { ConfigInfo } from "./routine/config";
import {
  PATH_AND_SECRET_EXTENSIONS,
  pythonPathsAndSecrets,
  redactSecrets,
  textPathsAndSecrets,
} from "./routine/pathsAndSecrets";
import type { ValidatorOptions } from "./options";
import type { RawFinding } from "./types";

export interface AnalysisContext {
  root: string;
  options: ValidatorOptions;
  files: SourceFile[];
  allPaths: string[];
  config?: ConfigInfo;
}

/**
 * A pluggable analyzer (the SQL half registers one): per Python file while its tree is alive,
 * per other text file, and once per routine.
 */
export interface Analyzer {
  name: string;
  pythonFile?(file: SourceFile, analysis: PythonAnalysis, ctx: AnalysisContext): RawFinding[];
  textFile?(file: SourceFile, ctx: AnalysisContext): RawFinding[];
  routine?(ctx: AnalysisContext): RawFinding[];
}

const analyzers: Analyzer[] = [];

export function registerAnalyzer(analyzer: Analyzer): void {
  if (!analyzers.some((a) => a.name === analyzer.name)) analyzers.push(analyzer);
}

/** Analyzes one Python file: syntax, versions, paths, secrets, and the registered analyzers. */
export function analyzePythonFile(parser: Parser, file: SourceFile, ctx: AnalysisContext): RawFinding[] {
  const analysis = analyzePython(parser, file.path, file.text, { target: ctx.options.pythonVersion });
  try {
    const credentials = pythonPathsAndSecrets(file.path, file.text, analysis.strings, analysis.namedLiterals);
    const found = [...analysis.findings, ...credentials.findings];
    for (const a of analyzers) if (a.pythonFile) found.push(...a.pythonFile(file, analysis, ctx));
    return redactSecrets(found, credentials.secrets);
  } finally {
    analysis.tree.delete();
  }
}

export function analyzeTextFile(file: SourceFile, ctx: AnalysisContext): RawFinding[] {
  const found: RawFinding[] = [];
  const credentials = PATH_AND_SECRET_EXTENSIONS.has(path.extname(file.path).toLowerCase())
    ? textPathsAndSecrets(file.path, file.text)
    : { findings: [], secrets: [] };
  found.push(...credentials.findings);
  for (const a of analyzers) if (a.textFile) found.push(...a.textFile(file, ctx));
  return redactSecrets(found, credentials.secrets);
}

export function routineAnalyzers(ctx: AnalysisContext): RawFinding[] {
  const found: RawFinding[] = [];
  for (const a of analyzers) if (a.routine) found.push(...a.routine(ctx));
  return found;
}
