/** Temporary routines for the validator tests, written from a map of relative path → content. */
import * as fs from "fs";
import * as os from "os";
import { ANALYZERS } from "../../core/validator/analyzers";
import { validateRoutine, ValidationResult } from "../../core/validator/engine";
import { analyzeHere } from "../../core/validator/fileAnalysis";
import type { OptionInputs } from "../../core/validator/options";
import * as path from "path";

export function makeRoutine(files: Record<string, string | Buffer>, name = "alm_test"): string {
  const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-routine-")), name);
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  fs.mkdirSync(root, { recursive: true });
  return root;
}

export const PRD_CONFIG = JSON.stringify({ dsn: "impala-virtual-prd", zona: "proceso_x" }, null, 2);

/** A temporary folder holding these files (relative path → content), e.g. a routine's runner. */
export function makeWorkdir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-work-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** ValidateRoutine's engine on a folder, analyzing in this thread with every analyzer (as the CLI without workers). */
export function validateHere(root: string, inputs: OptionInputs = {}): Promise<ValidationResult> {
  return validateRoutine(root, inputs, { analyzeFiles: analyzeHere(ANALYZERS) });
}
