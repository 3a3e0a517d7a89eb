/**
 * Runs the routine on dev, as the team's runner does by hand (`python3 runPyEnv.py --resultDir …`),
 * streaming its output live, stopping it and its children on timeout, and sorting every error into
 * a finding or an error expected in dev (missing privileges or tables dev cannot see).
 * Memory stays bounded whatever the output size: lines are streamed to a file and classified one
 * at a time.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as readline from "readline";
import "./rules";
import { readLogFolder } from "../logs/readLogs";
import { regexError } from "../text";
import type { RawFinding } from "../validator/types";

export const DEFAULT_EXPECTED_ERRORS = [
  "does not have privileges",
  "AuthorizationException",
  "Could not resolve table reference",
  "Table does not exist",
  "Database does not exist",
  "is not authorized to",
  "Permission denied: user=",
];

/**
 * The expectedErrorPatterns input: one regular expression per line, blank lines ignored; `invalid`
 * is the first line that is not a regular expression, with the reason.
 */
export function parseExpectedErrorPatterns(raw: string): {
  patterns: string[];
  invalid?: { pattern: string; error: string };
} {
  const patterns = raw
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  for (const pattern of patterns) {
    const error = regexError(pattern);
    if (error) return { patterns, invalid: { pattern, error } };
  }
  return { patterns };
}

export interface RunOptions {
  command: string;
  cwd: string;
  timeoutMs: number;
  expectedErrorPatterns: string[];
  /**
   * The routine's own log folder: the log files it writes there during the run are classified too.
   * Looked for when the run ends (the routine may create it).
   */
  logsPath?: string;
  /** Where the whole output is written (RunRoutine-output.log). */
  outputFile: string;
  env?: NodeJS.ProcessEnv;
  onLine?(line: string): void;
  /** Grace between SIGTERM and SIGKILL on timeout. */
  killGraceMs?: number;
}

export interface RunOutcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  durationMs: number;
  lines: number;
  findings: RawFinding[];
  /** Errors beyond the findings cap, counted only. */
  moreErrors: number;
  /** Log files read from `logsPath`; undefined without one, or when it did not exist after the run. */
  logFiles?: number;
}

const MAX_FINDINGS = 200;
const IMPALA_ERROR =
  /(AnalysisException|AuthorizationException|ImpalaRuntimeException|HiveServer2Error|OperationalError|ProgrammingError|impala\.error\.\w+|TTransportException|Query aborted|ERROR: )/;
const ERROR_LINE = /\b(ERROR|CRITICAL|FATAL)\b/;

/** Classifies output lines as they come: Python tracebacks (with the routine's file and line), Impala errors, error lines. */
export class ErrorClassifier {
  readonly findings: RawFinding[] = [];
  moreErrors = 0;
  private traceback: { start: number; file?: string; line?: number } | undefined;
  private readonly expected: RegExp[];

  constructor(
    expectedPatterns: string[],
    private readonly outputName: string,
    private readonly cwd: string,
  ) {
    this.expected = expectedPatterns.filter((p) => p.trim()).map((p) => new RegExp(p, "i"));
  }

  private relative(file: string): string {
    const rel = path.relative(this.cwd, file);
    return rel.startsWith("..") || path.isAbsolute(rel) ? file : rel.split(path.sep).join("/");
  }

  private emit(kind: string, message: string, file: string, line: number, context = message): void {
    const expected = this.expected.find((re) => re.test(context));
    if (this.findings.length >= MAX_FINDINGS) {
      this.moreErrors++;
      return;
    }
    const text = message.length > 400 ? message.slice(0, 400) + "…" : message;
    this.findings.push(
      expected
        ? { rule: "RUN002", file, line, column: 1, args: [expected.source, text] }
        : { rule: "RUN001", file, line, column: 1, args: [kind, text] },
    );
  }

  push(line: string, lineNo: number): void {
    if (this.traceback) {
      const frame = /^\s+File "([^"]+)", line (\d+)/.exec(line);
      if (frame) {
        this.traceback.file = frame[1];
        this.traceback.line = Number(frame[2]);
        return;
      }
      if (/^\s/.test(line) || !line.trim()) return;
      // The first unindented line ends the traceback: the exception itself.
      const tb = this.traceback;
      this.traceback = undefined;
      if (tb.file) this.emit("Python", line.trim(), this.relative(tb.file), tb.line ?? 1);
      else this.emit("Python", line.trim(), this.outputName, tb.start);
      return;
    }
    if (/^Traceback \(most recent call last\):/.test(line.trim())) {
      this.traceback = { start: lineNo };
      return;
    }
    if (IMPALA_ERROR.test(line)) this.emit("Impala", line.trim(), this.outputName, lineNo);
    else if (ERROR_LINE.test(line)) this.emit("log", line.trim(), this.outputName, lineNo);
  }

  finish(lastLine: number): void {
    if (this.traceback) {
      const tb = this.traceback;
      this.traceback = undefined;
      this.emit(
        "Python",
        "traceback without exception line (output cut)",
        tb.file ? this.relative(tb.file) : this.outputName,
        tb.line ?? lastLine,
      );
    }
  }
}

export function runRoutine(options: RunOptions): Promise<RunOutcome> {
  const started = Date.now();
  fs.mkdirSync(path.dirname(options.outputFile), { recursive: true });
  const out = fs.createWriteStream(options.outputFile);
  const classifier = new ErrorClassifier(options.expectedErrorPatterns, path.basename(options.outputFile), options.cwd);
  // Its own process group (detached), so a timeout stops the routine's children too.
  const child = spawn("/bin/sh", ["-c", options.command], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let lines = 0;
  let timedOut = false;
  const onLine = (line: string) => {
    lines++;
    out.write(line + "\n");
    options.onLine?.(line);
    classifier.push(line, lines);
  };
  // stdout and stderr interleave as the routine writes them; each is read line by line.
  const readers = [child.stdout!, child.stderr!].map((stream) => {
    const rl = readline.createInterface({ input: stream, crlfDelay: Infinity });
    rl.on("line", onLine);
    return new Promise<void>((resolve) => rl.on("close", () => resolve()));
  });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup("SIGTERM");
    setTimeout(() => killGroup("SIGKILL"), options.killGraceMs ?? 5000).unref();
  }, options.timeoutMs);

  return new Promise((resolve, reject) => {
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      finish(code, signal).then(resolve, reject);
    });
  });

  async function finish(code: number | null, signal: NodeJS.Signals | null): Promise<RunOutcome> {
    await Promise.all(readers);
    // Children that outlived the shell (e.g. backgrounded by the routine) do not outlive the run.
    if (timedOut) killGroup("SIGKILL");
    classifier.finish(lines);
    await new Promise<void>((r) => out.end(() => r()));
    const findings = [...classifier.findings];
    if (timedOut)
      findings.push({
        rule: "RUN004",
        file: "",
        line: 1,
        column: 1,
        args: [Math.round((options.timeoutMs / 60000) * 10) / 10],
      });
    else if (code !== 0) {
      const unexplained = findings.some((f) => f.rule === "RUN001") || !findings.some((f) => f.rule === "RUN002");
      const detail = signal ? ` (signal ${signal})` : unexplained ? "" : " — explained by the errors expected in dev";
      findings.push({
        rule: unexplained ? "RUN003" : "RUN002",
        file: "",
        line: 1,
        column: 1,
        args: unexplained ? [code ?? -1, detail] : ["exit code", `exit code ${code}${detail}`],
      });
    }
    let logs: { files: number; findings: RawFinding[] } | undefined;
    if (options.logsPath && fs.existsSync(options.logsPath))
      logs = await classifyNewLogFiles(options.logsPath, started, options.expectedErrorPatterns, options.cwd);
    if (logs) findings.push(...logs.findings);
    return {
      exitCode: code,
      signal,
      timedOut,
      durationMs: Date.now() - started,
      lines,
      findings,
      moreErrors: classifier.moreErrors,
      logFiles: logs?.files,
    };
  }
}

/** The routine's own log files written during the run, classified like its output. */
function classifyLogFiles(
  files: Array<{ name: string; text: string }>,
  expectedPatterns: string[],
  cwd: string,
): RawFinding[] {
  const out: RawFinding[] = [];
  for (const f of files) {
    const classifier = new ErrorClassifier(expectedPatterns, f.name, cwd);
    const lines = f.text.split(/\r?\n/);
    lines.forEach((line, i) => classifier.push(line, i + 1));
    classifier.finish(lines.length);
    out.push(...classifier.findings);
  }
  return out;
}

/**
 * The log files the routine wrote in `folder` during a run that started at `startedMs` (older files
 * are earlier runs' evidence), named relative to `cwd` like the routine's files in tracebacks, and
 * classified like its output.
 */
async function classifyNewLogFiles(
  folder: string,
  startedMs: number,
  expectedPatterns: string[],
  cwd: string,
): Promise<{ files: number; findings: RawFinding[] }> {
  const written = (await readLogFolder(folder)).filter((f) => {
    const file = path.join(folder, f.name.split(".zip/")[0]);
    return fs.existsSync(file) && fs.statSync(file).mtimeMs >= startedMs - 1000;
  });
  const named = written.map((f) => ({
    ...f,
    name: path.relative(cwd, path.join(folder, f.name)).split(path.sep).join("/"),
  }));
  return { files: written.length, findings: classifyLogFiles(named, expectedPatterns, cwd) };
}
