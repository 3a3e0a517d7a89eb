/**
 * Per-file analysis, shared by the engine (inline) and the worker threads: the Python checks, paths
 * and secrets, and the analyzers the caller passes (core/validator/analyzers.ts lists them). It
 * imports no option handling (ajv) and no SQL parser, so a bundle that passes no analyzer stays small.
 */
import * as path from "path";
import type { AnalysisContext, Analyzer, SourceFile } from "../findings/analysis";
import type { RawFinding } from "../findings/types";
import { msg } from "../i18n/catalogue";
import { analyzePython } from "../python/analyzer";
import { createPythonParser, Parser } from "../python/parser";
import { pythonPathsAndSecrets, redactSecrets, textPathsAndSecrets } from "../routine/secrets";
import { PATH_AND_SECRET_EXTENSIONS } from "../files/extensions";

export type { AnalysisContext, Analyzer };

const localModuleSets = new WeakMap<readonly string[], ReadonlySet<string>>();
/** The routine's own module names, as a set, once per run. */
function localModulesOf(ctx: AnalysisContext): ReadonlySet<string> {
  if (!ctx.localModules) return new Set();
  let set = localModuleSets.get(ctx.localModules);
  if (!set) localModuleSets.set(ctx.localModules, (set = new Set(ctx.localModules)));
  return set;
}

/** Analyzes one Python file: syntax, versions, paths, secrets, and the registered analyzers. */
export function analyzePythonFile(
  parser: Parser,
  file: SourceFile,
  ctx: AnalysisContext,
  analyzers: readonly Analyzer[],
): RawFinding[] {
  const analysis = analyzePython(parser, file.path, file.text, {
    target: ctx.options.pythonVersion,
    localModules: localModulesOf(ctx),
    badUtf8At: file.badUtf8At,
  });
  try {
    const credentials = pythonPathsAndSecrets(file.path, file.text, analysis.tree, {
      nodes: analysis.stringNodes,
      ranges: analysis.stringRanges,
      docstrings: analysis.docstrings,
    });
    if (credentials.secrets.length) withholdSecretFixes(file.text, analysis.findings, credentials.secrets);
    const found = [...analysis.findings, ...credentials.findings];
    for (const a of analyzers) if (a.pythonFile) found.push(...a.pythonFile(file, analysis.tree, ctx));
    return redactSecrets(found, credentials.secrets);
  } finally {
    analysis.tree.delete();
  }
}

/**
 * A fix whose text would show a credential (the code it replaces or what it writes) is withheld: the
 * reports redact secrets from messages, and a fix carries code.
 */
function withholdSecretFixes(text: string, findings: RawFinding[], secrets: string[]): void {
  for (const f of findings) {
    const edits = f.fix?.edits ?? [];
    if (edits.some((e) => secrets.some((s) => e.text.includes(s) || text.slice(e.start, e.end).includes(s)))) {
      delete f.fix;
      f.noFix = msg("NoFixSecret");
    }
  }
}

export function analyzeTextFile(file: SourceFile, ctx: AnalysisContext, analyzers: readonly Analyzer[]): RawFinding[] {
  const found: RawFinding[] = [];
  const credentials = PATH_AND_SECRET_EXTENSIONS.has(path.extname(file.path).toLowerCase())
    ? textPathsAndSecrets(file.path, file.text)
    : { findings: [], secrets: [] };
  found.push(...credentials.findings);
  for (const a of analyzers) if (a.textFile) found.push(...a.textFile(file, ctx));
  return redactSecrets(found, credentials.secrets);
}

let sharedParser: Promise<Parser> | undefined;

/**
 * Analysis in this thread, one file after the other, with the given analyzers: for the CLI without
 * workers and for tests. The task analyzes in worker threads (pool.ts), which run the same functions.
 */
export function analyzeHere(
  analyzers: readonly Analyzer[],
  progress?: (done: number, total: number) => void,
): (files: SourceFile[], ctx: AnalysisContext) => Promise<RawFinding[]> {
  return async (files, ctx) => {
    sharedParser ??= createPythonParser();
    const parser = files.some((f) => f.path.endsWith(".py")) ? await sharedParser : undefined;
    const out: RawFinding[] = [];
    files.forEach((file, i) => {
      out.push(
        ...(file.path.endsWith(".py")
          ? analyzePythonFile(parser!, file, ctx, analyzers)
          : analyzeTextFile(file, ctx, analyzers)),
      );
      progress?.(i + 1, files.length);
    });
    return out;
  };
}
