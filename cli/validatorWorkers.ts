/**
 * Where the CLI's commands analyze files: the validator's worker threads beside the built CLI, or this
 * thread when the commands run from sources (tests of core). The workers start at once, so they load
 * while the routine is walked, serve every analysis `use` asks for (a validation, then the fixes'
 * validations), and stop when it is done.
 */
import * as fs from "fs";
import * as path from "path";
import type { ValidateHooks } from "../core/validator/engine";
import { startWorkerPool } from "../core/validator/pool";

export async function withAnalysis<T>(
  use: (analyzeFiles: ValidateHooks["analyzeFiles"]) => Promise<T>,
  progress?: (done: number, total: number) => void,
): Promise<T> {
  const worker = path.join(__dirname, "validatorWorker.js");
  const pool = fs.existsSync(worker) ? startWorkerPool(worker) : undefined;
  try {
    return await use(pool ? (files, ctx) => pool.analyze(files, ctx, progress) : await analyzerInThisThread());
  } finally {
    pool?.close();
  }
}

/**
 * The analysis without workers, loaded only then: the parsers and the SQL grammar it brings took a
 * third of a second of every start of the built CLI, which analyzes in its workers.
 */
async function analyzerInThisThread(): Promise<ValidateHooks["analyzeFiles"]> {
  const [{ analyzeHere }, { ANALYZERS }] = await Promise.all([
    import("../core/validator/fileAnalysis"),
    import("../core/validator/analyzers"),
  ]);
  return analyzeHere(ANALYZERS);
}
