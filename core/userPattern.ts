/**
 * Regular expressions that come from users (expected errors, log success and error patterns, the
 * tolerated intermittents, allow-lists) run on text from outside: a pattern such as `(a+)+$` on a
 * long line backtracks for hours in JavaScript's engine. So:
 *
 * - Every pattern RE2 accepts runs in RE2's engine (`re2js`, pure JavaScript): time linear in the
 *   text, whatever the pattern.
 * - A pattern RE2 refuses (lookaround, backreferences) still works: it runs as a JavaScript RegExp
 *   in a worker thread, one text at a time, and the caller waits at most `budgetMs` for each answer.
 *   A pattern that exceeds it is stopped, counts as not matching from then on, and says so
 *   (`timedOut`), so the caller can report it as a finding naming the pattern.
 *
 * No input that is a valid JavaScript regular expression today becomes an error.
 */
import { Worker } from "worker_threads";
import { RE2JS } from "re2js";

export interface UserPattern {
  readonly source: string;
  /** Which engine runs it: RE2 (linear) or a JavaScript RegExp under a time budget. */
  readonly engine: "re2" | "js" | "built-in";
  test(text: string): boolean;
  /** Set when the pattern exceeded its time budget: it no longer matches anything. */
  readonly timedOut: boolean;
}

export interface UserPatternOptions {
  ignoreCase?: boolean;
  /** How long one test of a JavaScript-only pattern may take (ms). */
  budgetMs?: number;
  /**
   * The product's own defaults (reviewed to run in linear time in JavaScript's engine): a source
   * among them runs as a plain RegExp, several times faster than RE2 on the long logs they scan.
   */
  builtIn?: readonly string[];
}

export const DEFAULT_PATTERN_BUDGET_MS = 1000;

/** Why `source` is not a regular expression (JavaScript's message), or undefined when it is one. */
export function patternError(source: string): string | undefined {
  try {
    new RegExp(source);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Compiles a user's pattern (throws SyntaxError when it is not a JavaScript regular expression). */
export function compileUserPattern(source: string, options: UserPatternOptions = {}): UserPattern {
  const ignoreCase = options.ignoreCase ?? true;
  const js = new RegExp(source, ignoreCase ? "i" : ""); // validates: the same inputs stay valid
  if (options.builtIn?.includes(source))
    return { source, engine: "built-in", timedOut: false, test: (t) => js.test(t) };
  let re2: RE2JS | undefined;
  try {
    re2 = RE2JS.compile(source, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  } catch {
    re2 = undefined; // RE2 refuses lookaround and backreferences: JavaScript, under a budget
  }
  if (re2) {
    const compiled = re2;
    return { source, engine: "re2", timedOut: false, test: (text) => compiled.test(text) };
  }
  return new BudgetedPattern(source, js.flags, options.budgetMs ?? DEFAULT_PATTERN_BUDGET_MS);
}

class BudgetedPattern implements UserPattern {
  readonly engine = "js";
  timedOut = false;
  constructor(
    readonly source: string,
    private readonly flags: string,
    private readonly budgetMs: number,
  ) {}

  test(text: string): boolean {
    if (this.timedOut) return false;
    const answer = regexWorker().test(this.source, this.flags, text, this.budgetMs);
    if (answer === "timeout") this.timedOut = true;
    return answer === true;
  }
}

/**
 * One worker thread that tests JavaScript regular expressions, answered synchronously: the caller
 * posts the text and blocks on a shared word (Atomics.wait) for at most the budget. A test that runs
 * past it leaves the worker busy: it is terminated and the next test starts a new one.
 */
class RegexWorker {
  /** [state, result], shared with the current worker only (a stopped one may still write to its own). */
  private control: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private worker?: Worker;

  test(source: string, flags: string, text: string, budgetMs: number): boolean | "timeout" {
    const worker = this.start();
    Atomics.store(this.control, 0, 0);
    worker.postMessage({ source, flags, text });
    if (Atomics.wait(this.control, 0, 0, budgetMs) === "timed-out") {
      void worker.terminate();
      this.worker = undefined;
      return "timeout";
    }
    return Atomics.load(this.control, 1) === 1;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    this.control = new Int32Array(new SharedArrayBuffer(8));
    const code = `
      const { parentPort, workerData } = require("worker_threads");
      const control = new Int32Array(workerData);
      const cache = new Map();
      parentPort.on("message", ({ source, flags, text }) => {
        const key = flags + "/" + source;
        let re = cache.get(key);
        if (!re) cache.set(key, (re = new RegExp(source, flags)));
        re.lastIndex = 0;
        Atomics.store(control, 1, re.test(text) ? 1 : 0);
        Atomics.store(control, 0, 1);
        Atomics.notify(control, 0);
      });
      Atomics.store(control, 0, 2);
      Atomics.notify(control, 0);`;
    const worker = new Worker(code, { eval: true, workerData: this.control.buffer });
    worker.unref();
    // Wait for it to listen, so that its start-up does not count against the first pattern's budget.
    Atomics.wait(this.control, 0, 0, 10_000);
    this.worker = worker;
    return worker;
  }
}

let sharedWorker: RegexWorker | undefined;
const regexWorker = (): RegexWorker => (sharedWorker ??= new RegexWorker());
