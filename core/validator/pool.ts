/**
 * Analyzes Python files on worker threads: parsing is CPU-bound and each worker has its own
 * tree-sitter instance. Files are handed out one at a time (largest first) so a big file never
 * leaves the other workers idle at the end.
 */
import * as os from "os";
import { Worker } from "worker_threads";
import type { AnalysisContext } from "./fileAnalysis";
import type { SourceFile } from "./files";
import type { RawFinding } from "./types";

export interface WorkerRequest {
  options: AnalysisContext["options"];
  root: string;
  config?: AnalysisContext["config"];
}

export type WorkerMessage =
  { type: "ready" } | { type: "result"; findings: RawFinding[] } | { type: "error"; message: string };

export function defaultWorkerCount(): number {
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, 4));
}

export function analyzeInWorkers(
  workerScript: string,
  files: SourceFile[],
  ctx: AnalysisContext,
  workers = defaultWorkerCount(),
  progress?: (done: number, total: number) => void,
): Promise<RawFinding[]> {
  const queue = [...files].sort((a, b) => b.text.length - a.text.length);
  const results: RawFinding[] = [];
  let done = 0;
  const count = Math.max(1, Math.min(workers, queue.length));
  return new Promise((resolve, reject) => {
    let running = count;
    let failed = false;
    for (let i = 0; i < count; i++) {
      const worker = new Worker(workerScript, {
        workerData: { options: ctx.options, root: ctx.root, config: ctx.config } satisfies WorkerRequest,
      });
      const next = () => {
        const file = queue.shift();
        if (file) worker.postMessage(file);
        else void worker.terminate();
      };
      worker.on("message", (msg: WorkerMessage) => {
        if (msg.type === "ready") return next();
        if (msg.type === "error") {
          failed = true;
          void worker.terminate();
          return reject(new Error(msg.message));
        }
        results.push(...msg.findings);
        progress?.(++done, files.length);
        next();
      });
      worker.on("error", (err) => {
        failed = true;
        reject(err);
      });
      worker.on("exit", () => {
        if (--running === 0 && !failed) resolve(results);
      });
    }
  });
}
