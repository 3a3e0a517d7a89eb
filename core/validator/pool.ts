/**
 * Analyzes Python files on worker threads: parsing is CPU-bound and each worker has its own
 * tree-sitter instance. The workers are started before the routine is walked (startWorkerPool): loading
 * the bundle and compiling the parser's wasm takes as long as reading the files (0.4–0.5 s each on the
 * CPython standard library), and the two overlap. Files are handed out by FileQueue, two at a time per worker (FILES_IN_FLIGHT).
 */
import * as os from "os";
import * as v8 from "v8";
import { Worker } from "worker_threads";
import type { AnalysisContext, SourceFile } from "../findings/analysis";
import type { RawFinding } from "../findings/types";
import { mayHoldSql } from "../sql/extract";

/** What a worker needs besides the file: sent once, when the routine has been walked. */
export interface WorkerRequest {
  options: AnalysisContext["options"];
  root: string;
  configZone?: string;
  localModules?: readonly string[];
}

/**
 * A file as a worker is sent it: its bytes when it was read from disk (the worker decodes its own text:
 * decoding every file on the main thread as well held the workers up), else its text.
 */
export type FileMessage = Pick<SourceFile, "path" | "absolute" | "badUtf8At"> &
  ({ bytes: Uint8Array } | { text: string });

function fileMessage(file: SourceFile): FileMessage {
  const { path, absolute, badUtf8At, bytes } = file;
  if (!bytes) return { path, absolute, badUtf8At, text: file.text };
  // A small file's bytes may be a view of a buffer shared with others: only its own are copied.
  return {
    path,
    absolute,
    badUtf8At,
    bytes: bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes),
  };
}

/** Main thread → worker. */
export type WorkerCommand = { type: "context"; context: WorkerRequest } | { type: "file"; file: FileMessage };

/** A file's size for the queue, without decoding a text not decoded yet. */
const sizeOf = (file: SourceFile) => file.bytes?.length ?? file.text.length;

/** Worker → main thread. */
export type WorkerMessage =
  { type: "ready" } | { type: "result"; findings: RawFinding[] } | { type: "error"; message: string };

export function defaultWorkerCount(): number {
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, 4));
}

/**
 * Files sent to a worker ahead of its answers: the next one waits in its port while it analyzes the
 * current, so it never idles for the round trip through the main thread (about 0.3 ms a file, 3–5% of
 * the standard library's run on 2 cores).
 */
const FILES_IN_FLIGHT = 2;

/** How long one file's analysis may take before its worker is stopped (FS006). */
export const DEFAULT_FILE_BUDGET_MS = 60_000;

export interface WorkerPool {
  /** Analyzes the files; one analysis at a time, the workers stay loaded for the next until close. */
  analyze(
    files: SourceFile[],
    ctx: AnalysisContext,
    progress?: (done: number, total: number) => void,
  ): Promise<RawFinding[]>;
  /** Stops the workers: the caller's duty when it has no more files (a loaded worker keeps the process alive). */
  close(): void;
}

/** Files smallest first, with their total size. */
class SizeOrdered {
  private readonly files: SourceFile[];
  private first = 0;
  bytes = 0;

  constructor(files: readonly SourceFile[]) {
    this.files = [...files].sort((a, b) => sizeOf(a) - sizeOf(b));
    for (const f of this.files) this.bytes += sizeOf(f);
  }

  get length(): number {
    return this.files.length - this.first;
  }

  get largest(): SourceFile | undefined {
    return this.length ? this.files[this.files.length - 1] : undefined;
  }

  takeSmallest(): SourceFile {
    const file = this.files[this.first++];
    this.bytes -= sizeOf(file);
    return file;
  }

  takeLargest(): SourceFile {
    const file = this.files.pop()!;
    this.bytes -= sizeOf(file);
    return file;
  }

  putBack(file: SourceFile): void {
    if (this.first > 0) this.files[--this.first] = file;
    else this.files.unshift(file);
    this.bytes += sizeOf(file);
  }
}

/**
 * The files still to analyze, smallest first; but a file as large as the workers' share of what is left
 * goes out at once, so that the others have work while it is analyzed (the standard library's 757 KB
 * pydoc_data/topics.py, last, kept one worker busy while the other waited). Largest first, the textbook
 * order, measured 12–16% slower on the standard library (2 workers: 11.8–12.1 s against 10.3–10.5 s for
 * smallest first or walk order): each worker's later files ran slower after its big ones.
 *
 * The files that may hold SQL go to one worker, the first to take one, before its other files: the SQL
 * grammar's parser learns as it parses (ANTLR's prediction cache), and each worker's first statements
 * cost it about half a second on the standard library. Another worker takes them only when nothing else
 * is left.
 */
export class FileQueue {
  private readonly plain: SizeOrdered;
  private readonly sql: SizeOrdered;
  private readonly holdsSql: ReadonlySet<SourceFile>;
  /** The worker the SQL files go to. */
  private sqlWorker: number | undefined;

  constructor(files: readonly SourceFile[], mayHoldSql: (file: SourceFile) => boolean = () => false) {
    this.holdsSql = new Set(files.filter(mayHoldSql));
    this.plain = new SizeOrdered(files.filter((f) => !this.holdsSql.has(f)));
    this.sql = new SizeOrdered([...this.holdsSql]);
  }

  get length(): number {
    return this.plain.length + this.sql.length;
  }

  /** The next file for `worker` (any number naming it), with `workers` sharing the queue. */
  take(workers: number, worker = 0): SourceFile | undefined {
    if (this.sql.length && (this.sqlWorker ?? worker) === worker) {
      this.sqlWorker = worker;
      return this.sql.takeSmallest();
    }
    const largest = this.plain.largest;
    if (!largest) return this.sql.length ? this.sql.takeSmallest() : undefined;
    return sizeOf(largest) * workers >= this.plain.bytes + this.sql.bytes
      ? this.plain.takeLargest()
      : this.plain.takeSmallest();
  }

  /** A file taken but not analyzed (its worker was stopped on another): it goes out again next. */
  putBack(file: SourceFile): void {
    (this.holdsSql.has(file) ? this.sql : this.plain).putBack(file);
  }

  /** The worker is gone (stopped over its budget): the SQL files go to the next one that takes one. */
  forget(worker: number): void {
    if (this.sqlWorker === worker) this.sqlWorker = undefined;
  }
}

/**
 * The V8 flag that makes its optimizing compiler wait longer before it compiles a function, for this
 * process's V8 (`process.versions.v8`), or undefined where it was not measured.
 *
 * Why: TurboFan compiles on background threads, on the same cores the workers need, and every worker
 * compiles the same functions again. On Node 20 (V8 11.3), at the default budget, one thread validating
 * the CPython standard library made 495 compiles (3.7 s of compiler time, a sixth of the run's CPU),
 * most of them for functions that run a few hundred times; at four times the budget it made 271
 * (1.5 s), and `lz validate` on 2 cores took 9.1 s instead of 10.0 s (mean of 8 interleaved pairs, the
 * same report). Node 24 (V8 13) has a middle tier (Maglev) and another flag: the same change measured
 * within noise there (10.6 s against 10.1 s as shipped, six interleaved pairs), so it is left as V8 ships.
 */
export function optimizingCompilerBudgetFlag(v8Version = process.versions.v8): string | undefined {
  // V8 11.3 (Node 20) ships --interrupt-budget=67584.
  return v8Version.startsWith("11.3.") ? `--interrupt-budget=${4 * 67_584}` : undefined;
}

/** Starts the workers now, so that they load while the caller walks the routine. */
export function startWorkerPool(
  workerScript: string,
  workers = defaultWorkerCount(),
  fileBudgetMs = DEFAULT_FILE_BUDGET_MS,
): WorkerPool {
  // Before the workers start: the flag is process-wide and read as their functions warm up (the same value
  // set again by a later pool changes nothing).
  const compilerBudget = optimizingCompilerBudgetFlag();
  if (compilerBudget) v8.setFlagsFromString(compilerBudget);
  const live = new Set<Worker>();
  let closed = false;
  let startupError: Error | undefined;
  /** Set by analyze while it runs: the work, and how it ends. */
  let run:
    | {
        context: WorkerRequest;
        queue: FileQueue;
        total: number;
        done: number;
        results: RawFinding[];
        progress?: (done: number, total: number) => void;
        resolve(findings: RawFinding[]): void;
        reject(err: Error): void;
      }
    | undefined;
  /** Workers loaded and waiting for work: each function starts its worker on the current run. */
  const idle: Array<() => void> = [];

  const close = () => {
    closed = true;
    idle.length = 0;
    for (const worker of live) void worker.terminate();
    live.clear();
  };
  const fail = (err: Error) => {
    if (!run) return void (startupError ??= err);
    const work = run;
    run = undefined;
    close();
    work.reject(err);
  };
  /** Ends the run when its last file is done; the workers stay loaded for the next one. */
  const finishedRun = (): boolean => {
    if (!run || run.done < run.total) return false;
    const work = run;
    run = undefined;
    work.resolve(work.results);
    return true;
  };

  let workersStarted = 0;
  /** One slot of the pool: a worker, replaced when a file exceeds its budget. */
  const startSlot = () => {
    const worker = new Worker(workerScript);
    const id = workersStarted++;
    live.add(worker);
    /** Files sent and not answered yet, oldest first: the worker is on the first, the others wait in its port. */
    const sent: SourceFile[] = [];
    let timer: NodeJS.Timeout | undefined;
    // The budget covers the file the worker is on only: a file that exceeds it gets one finding, the others go on.
    const startBudget = () => {
      const work = run!;
      const file = sent[0];
      timer = setTimeout(() => {
        timer = undefined;
        live.delete(worker);
        void worker.terminate();
        // The files sent after it go back to the queue, for the worker that replaces this one.
        for (const waiting of sent.splice(0).slice(1)) work.queue.putBack(waiting);
        work.queue.forget(id);
        startSlot();
        work.results.push({
          rule: "FS006",
          file: file.path,
          line: 1,
          column: 1,
          args: [Math.round(fileBudgetMs / 1000)],
        });
        work.done++;
        work.progress?.(work.done, work.total);
        finishedRun();
      }, fileBudgetMs);
    };
    /** Keeps FILES_IN_FLIGHT files sent; a worker with none left to analyze waits for the next run. */
    const fill = () => {
      const work = run;
      while (work && sent.length < FILES_IN_FLIGHT) {
        const file = work.queue.take(workers, id);
        if (!file) break;
        sent.push(file);
        worker.postMessage({ type: "file", file: fileMessage(file) } satisfies WorkerCommand);
        if (sent.length === 1) startBudget();
      }
      if (!sent.length) idle.push(begin);
    };
    const begin = () => {
      worker.postMessage({ type: "context", context: run!.context } satisfies WorkerCommand);
      fill();
    };
    worker.on("message", (msg: WorkerMessage) => {
      // A worker stopped by us (over budget, or the pool closed) may still deliver what it posted just
      // before: its file is already counted (FS006) or the run is over.
      if (!live.has(worker)) return;
      if (msg.type === "ready") return run ? begin() : void idle.push(begin);
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (msg.type === "error") return fail(new Error(msg.message));
      const file = sent.shift()!;
      const work = run!;
      work.results.push(...msg.findings);
      work.done++;
      work.progress?.(work.done, work.total);
      if (finishedRun()) return void idle.push(begin);
      if (sent.length) startBudget();
      fill();
      // The report reads the text of each file with a finding (its suppression comments, its fixes'
      // columns): a walked file's is decoded now, while the workers go on, not after the last file.
      if (msg.findings.length) void file.text;
    });
    worker.on("error", (err) => fail(err));
    worker.on("exit", (code) => {
      live.delete(worker);
      if (!timer) return;
      // Stopped with a file in hand, and not by us (we clear the timer first): its findings would be lost.
      clearTimeout(timer);
      timer = undefined;
      fail(new Error(`the analysis worker stopped (exit code ${code}) before finishing a file`));
    });
  };
  for (let i = 0; i < Math.max(1, workers); i++) startSlot();

  return {
    analyze(files, ctx, progress) {
      if (run) throw new Error("startWorkerPool: analyze called while another analysis runs");
      if (closed) return Promise.reject(new Error("the validator's worker pool was closed"));
      return new Promise((resolve, reject) => {
        run = {
          context: {
            options: ctx.options,
            root: ctx.root,
            configZone: ctx.configZone,
            localModules: ctx.localModules,
          },
          queue: new FileQueue(files, (f) => mayHoldSql(f, ctx.options.sqlCallNames)),
          total: files.length,
          done: 0,
          results: [],
          progress,
          resolve,
          reject,
        };
        if (startupError) return fail(startupError);
        if (finishedRun()) return; // nothing to analyze
        for (const begin of idle.splice(0)) begin();
      });
    },
    close,
  };
}

/** Starts a pool and analyzes the files with it (when there is nothing to overlap with the workers' start). */
export async function analyzeInWorkers(
  workerScript: string,
  files: SourceFile[],
  ctx: AnalysisContext,
  workers = defaultWorkerCount(),
  progress?: (done: number, total: number) => void,
  fileBudgetMs = DEFAULT_FILE_BUDGET_MS,
): Promise<RawFinding[]> {
  const pool = startWorkerPool(workerScript, Math.max(1, Math.min(workers, files.length)), fileBudgetMs);
  try {
    return await pool.analyze(files, ctx, progress);
  } finally {
    pool.close();
  }
}
