/** Worker-thread entry of pool.ts: one parser, many files, every analyzer of core/validator/analyzers.ts. */
import { parentPort, workerData } from "worker_threads";
import { AnalysisContext, analyzePythonFile, analyzeTextFile } from "./fileAnalysis";
import type { SourceFile } from "../files/walk";
import type { WorkerMessage, WorkerRequest } from "./pool";
import { createPythonParser } from "../python/parser";
import { ANALYZERS } from "./analyzers";

const request = workerData as WorkerRequest;
const ctx: AnalysisContext = {
  root: request.root,
  options: request.options,
  configZone: request.configZone,
  localModules: request.localModules,
  files: [],
  allPaths: [],
};

createPythonParser().then(
  (parser) => {
    parentPort!.on("message", (file: SourceFile) => {
      try {
        const findings = file.path.endsWith(".py")
          ? analyzePythonFile(parser, file, ctx, ANALYZERS)
          : analyzeTextFile(file, ctx, ANALYZERS);
        parentPort!.postMessage({ type: "result", findings } satisfies WorkerMessage);
      } catch (err) {
        parentPort!.postMessage({
          type: "error",
          message: `${file.path}: ${(err as Error).stack ?? err}`,
        } satisfies WorkerMessage);
      }
    });
    parentPort!.postMessage({ type: "ready" } satisfies WorkerMessage);
  },
  (err: Error) => parentPort!.postMessage({ type: "error", message: err.stack ?? err.message } satisfies WorkerMessage),
);
