/**
 * The contract between the engine (core/validator) and the rule families that analyze files: what a
 * file is, what an analyzer gets and returns. It sits below both, so a family implements it without
 * importing the engine.
 */
import type { Tree } from "web-tree-sitter";
import type { RawFinding } from "./types";

/** A file of the routine, read. */
export interface SourceFile {
  /** Relative to the root, `/` separators. */
  path: string;
  absolute: string;
  readonly text: string;
  /** The bytes, when the file was read from disk (a BytesFile, core/files/decode.ts, decodes `text` from them when first asked). */
  readonly bytes?: Uint8Array;
  /** Offset of the first byte that is not UTF-8, when the file is not (its text was then read as Latin-1). */
  badUtf8At?: number;
}

/** Files' texts by path. */
export type TextsByPath = Pick<ReadonlyMap<string, string>, "get">;

/** The files' texts by path, each decoded only when asked (most files of a routine have no finding to place). */
export function textsByPath(files: readonly SourceFile[]): TextsByPath {
  const byPath = new Map(files.map((f) => [f.path, f] as [string, SourceFile]));
  return { get: (path) => byPath.get(path)?.text };
}

/** The settings analyzers read (the engine's options have more). */
export interface AnalysisOptions {
  pythonVersion: string;
  /** "strict": code a guard protects (try/except ImportError, hasattr, sys.version_info) still counts. */
  pythonGuards?: "info" | "strict";
  /** The release's results zone, when given. */
  zona?: string;
  /** More function or method names whose string arguments are SQL. */
  sqlCallNames: string[];
}

export interface AnalysisContext {
  root: string;
  options: AnalysisOptions;
  files: SourceFile[];
  allPaths: string[];
  /** The results zone config.json names, when it names one. */
  configZone?: string;
  /** Names a routine's own modules and packages take (`utils` for utils.py): `import utils` is not the stdlib's. */
  localModules?: readonly string[];
}

/**
 * An analyzer beyond the Python and routine checks the engine always runs (the SQL family is one):
 * per Python file while its syntax tree is alive, and per other text file. core/validator/analyzers.ts
 * lists them.
 */
export interface Analyzer {
  name: string;
  pythonFile?(file: SourceFile, tree: Tree, ctx: AnalysisContext): RawFinding[];
  textFile?(file: SourceFile, ctx: AnalysisContext): RawFinding[];
}
