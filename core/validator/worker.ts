/**
 * Worker-thread entry of pool.ts: one parser, many files, every analyzer of core/validator/analyzers.ts.
 * It loads and says "ready" before it knows the routine (the pool starts it while the routine is walked);
 * the routine's context comes as the first message.
 */
import { parentPort } from "worker_threads";
import { AnalysisContext, analyzePythonFile, analyzeTextFile } from "./fileAnalysis";
import type { SourceFile } from "../findings/analysis";
import { BytesFile } from "../files/decode";
import type { WorkerCommand, WorkerMessage } from "./pool";
import { createPythonParser } from "../python/parser";
import { preparePythonAnalysis } from "../python/analyzer";
import { ANALYZERS } from "./analyzers";

let ctx: AnalysisContext | undefined;

/** Loads the parser and the checks' query, then takes files; a failure on the way is the pool's error. */
async function serve(): Promise<void> {
  const parser = await createPythonParser();
  preparePythonAnalysis(parser);
  parentPort!.on("message", (command: WorkerCommand) => {
    if (command.type === "context") {
      ctx = { ...command.context, files: [], allPaths: [] };
      return;
    }
    const sent = command.file;
    const file: SourceFile =
      "text" in sent ? sent : new BytesFile(sent.path, sent.absolute, sent.bytes, sent.badUtf8At);
    try {
      if (!ctx) throw new Error("no context before the first file");
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
}

serve().catch((err: Error) =>
  parentPort!.postMessage({ type: "error", message: err.stack ?? err.message } satisfies WorkerMessage),
);
