/**
 * The Python gate on one text, for the tests of core/python and core/fix: the parser is loaded once
 * (`before(loadPythonParser)`), each text is analyzed as a file named m.py and its tree freed.
 */
import { analyzePython, type PythonAnalysisOptions } from "../../core/python/analyzer";
import { createPythonParser, type Parser } from "../../core/python/parser";
import type { RawFinding } from "../../core/findings/types";

let loaded: Parser | undefined;

/** Loads the parser (once for the whole test run); a mocha `before` hook of each file that analyzes. */
export async function loadPythonParser(): Promise<Parser> {
  return (loaded ??= await createPythonParser());
}

/** The gate's findings on `code` (target 3.5 unless the options say otherwise). */
export function pythonFindings(code: string, options: Partial<PythonAnalysisOptions> = {}): RawFinding[] {
  if (!loaded) throw new Error("pythonFindings: call loadPythonParser in a before hook first");
  const a = analyzePython(loaded, "m.py", code, { target: "3.5", ...options });
  a.tree.delete();
  return a.findings;
}
