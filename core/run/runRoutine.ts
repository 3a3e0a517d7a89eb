/**
 * Runs the routine on dev, as the team's runner does by hand (`python3 runPyEnv.py --resultDir …`),
 * streaming its output live, stopping it and every process it started on timeout or when it ends, and
 * sorting every error into a finding or an error expected in dev (missing privileges or tables dev
 * cannot see).
 * Memory stays bounded whatever the output size: lines are streamed to a file and classified one
 * at a time, and one line is kept up to a bound (lineSplitter.ts).
 */
import { spawn } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import "./rules";
import { BoundedLineSplitter, SplitLine } from "./lineSplitter";
import { ancestorsOf, findMarkedProcesses, ProcessMarker, RoutineProcess, signalProcesses } from "./markedProcesses";
import { neutralizeAgentCommands } from "../logSafe";
import { readLogFolder } from "../logs/readLogs";
import { compileUserPattern, DEFAULT_PATTERN_BUDGET_MS, patternError, UserPattern } from "../userPattern";
import type { InputReader } from "../inputs";
import { problem } from "../problem";
import { msg } from "../i18n/catalogue";
import type { RawFinding } from "../findings/types";

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
/**
 * The expectedErrorPatterns input (RunRoutine, RunCoordinators): one regular expression per line; a
 * line that is not one is a PatternInvalid problem naming the input.
 */
export function expectedErrorPatternsInput(r: InputReader): string[] {
  const parsed = parseExpectedErrorPatterns(r.text("expectedErrorPatterns") ?? "");
  if (parsed.invalid) {
    const { pattern, error } = parsed.invalid;
    r.problems.push(
      problem("PatternInvalid", "error", "expectedErrorPatterns", "expectedErrorPatterns", pattern, error),
    );
  }
  return parsed.patterns;
}

export function parseExpectedErrorPatterns(raw: string): {
  patterns: string[];
  invalid?: { pattern: string; error: string };
} {
  const patterns = raw
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  for (const pattern of patterns) {
    const error = patternError(pattern);
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
  /**
   * Each output line as it may be printed into a pipeline log: agent commands neutralized
   * (neutralizeAgentCommands), a cut line ending in its note. The output file keeps the lines as written.
   */
  onLine?(line: string): void;
  /**
   * Grace between SIGTERM and SIGKILL, for the routine at timeout and for what it left running when it
   * ended; also how long the output pipes are still read once it has exited. Default 5 s.
   */
  killGraceMs?: number;
  /** Bytes kept of one output line; the rest is dropped as it arrives. Default 1 MiB. */
  maxLineBytes?: number;
  /** The note appended (after a space) to a cut line, given the bytes dropped (English by default). */
  cutNote?(droppedBytes: number): string;
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
  /** Processes the routine started that were still running at timeout or after it ended, and were stopped. */
  stoppedProcesses: RoutineProcess[];
  /** Output lines longer than maxLineBytes, cut. */
  cutLines: number;
  /** The output pipes were still open after the routine ended and the grace period: reading stopped there. */
  pipesAbandoned: boolean;
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
  // The user's patterns run on the routine's output: linear (RE2) or under a time budget (core/userPattern).
  private readonly expected: UserPattern[];

  constructor(
    expectedPatterns: string[],
    private readonly outputName: string,
    private readonly cwd: string,
  ) {
    this.expected = expectedPatterns
      .filter((p) => p.trim())
      .map((p) => compileUserPattern(p, { builtIn: DEFAULT_EXPECTED_ERRORS }));
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
    for (const pattern of this.expected)
      if (pattern.timedOut)
        this.findings.push({
          rule: "LZV004",
          file: "",
          line: 1,
          column: 1,
          args: ["expectedErrorPatterns", pattern.source.slice(0, 200), DEFAULT_PATTERN_BUDGET_MS],
        });
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

/** Where the cleanup looks for the routine's processes: the variable each run puts in the routine's environment. */
export const RUN_MARKER_VARIABLE = "LZ_ROUTINE_RUN_ID";
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
const DEFAULT_KILL_GRACE_MS = 5000;
/** How often the cleanup looks again for processes that have not ended yet. */
const POLL_MS = 100;

const englishCutNote = (dropped: number) => `[… ${dropped} more bytes of this line were cut]`;

/**
 * Runs the routine and stops everything it started, at timeout or when it exits:
 * - its environment gets `LZ_ROUTINE_RUN_ID=<fresh uuid>`; at the end every process carrying it (or
 *   descending from one), whatever its process group or session, gets SIGTERM, then SIGKILL after the
 *   grace period, and is listed in `stoppedProcesses` (markedProcesses.ts). The task's own process and
 *   its ancestors are never signalled.
 * - the run waits for the output pipes only until the routine has exited and the grace period is
 *   over: a process that escaped the marker and keeps them open does not hold the task.
 * - each line is kept up to `maxLineBytes`; the rest is dropped as it arrives, with a note.
 * The whole run ends by timeout + grace (+ a few polls) at the latest.
 */
export function runRoutine(options: RunOptions): Promise<RunOutcome> {
  const started = Date.now();
  const graceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const cutNote = options.cutNote ?? englishCutNote;
  fs.mkdirSync(path.dirname(options.outputFile), { recursive: true });
  const out = fs.createWriteStream(options.outputFile);
  const classifier = new ErrorClassifier(options.expectedErrorPatterns, path.basename(options.outputFile), options.cwd);
  const marker: ProcessMarker = { name: RUN_MARKER_VARIABLE, value: crypto.randomUUID() };
  const protectedPids = ancestorsOf(process.pid);
  // Its own process group (detached), so a timeout stops the routine's children too.
  const child = spawn("/bin/sh", ["-c", options.command], {
    cwd: options.cwd,
    env: { ...(options.env ?? process.env), [marker.name]: marker.value },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let lines = 0;
  let cutLines = 0;
  let timedOut = false;
  const onLine = ({ text, droppedBytes }: SplitLine) => {
    lines++;
    if (droppedBytes) cutLines++;
    const shown = droppedBytes ? `${text} ${cutNote(droppedBytes)}` : text;
    if (!out.write(shown + "\n")) pauseUntilDrained();
    options.onLine?.(neutralizeAgentCommands(shown));
    classifier.push(text, lines);
  };
  const streams = [child.stdout!, child.stderr!];
  // The output file is written no faster than the disk takes it: the routine waits, memory does not grow.
  let paused = false;
  const pauseUntilDrained = () => {
    if (paused) return;
    paused = true;
    streams.forEach((s) => s.pause());
    out.once("drain", () => {
      paused = false;
      streams.forEach((s) => s.resume());
    });
  };
  // stdout and stderr interleave as the routine writes them; each is split into lines on its own.
  const readers = streams.map((stream) => {
    const splitter = new BoundedLineSplitter(maxLineBytes, onLine);
    stream.on("data", (chunk: Buffer) => splitter.push(chunk));
    return new Promise<void>((resolve) => {
      let done = false;
      const end = () => {
        if (done) return;
        done = true;
        splitter.end();
        resolve();
      };
      stream.on("end", end);
      stream.on("close", end);
      stream.on("error", end);
    });
  });

  const stopped = new Map<number, RoutineProcess>();
  let graceEndsAt: number | undefined;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  const signalMarked = (signal: NodeJS.Signals): number => {
    const found = findMarkedProcesses(marker, protectedPids, { processGroup: child.pid });
    // The name each had when last signalled (a process may exec another program meanwhile).
    for (const p of signalProcesses(found, signal)) stopped.set(p.pid, p);
    return found.length;
  };
  /** SIGTERM to the routine's group and marked processes; the grace period starts now (once). */
  const startStopping = () => {
    if (graceEndsAt !== undefined) return;
    graceEndsAt = Date.now() + graceMs;
    // Found and named first; the group signal is for systems without /proc.
    signalMarked("SIGTERM");
    signalGroup("SIGTERM");
  };
  const timer = setTimeout(() => {
    timedOut = true;
    startStopping();
    // The main process may ignore SIGTERM: at the end of the grace period it gets SIGKILL.
    setTimeout(() => signalGroup("SIGKILL"), graceMs).unref();
  }, options.timeoutMs);

  return new Promise((resolve, reject) => {
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      finish(code, signal).then(resolve, reject);
    });
  });

  /** The routine's main process has exited: stop what it left, read what is left of its output, report. */
  async function finish(code: number | null, signal: NodeJS.Signals | null): Promise<RunOutcome> {
    if (!timedOut) {
      // Started by the routine, still running after it ended: orphans (a background child, a daemon).
      if (findMarkedProcesses(marker, protectedPids, { processGroup: child.pid }).length) startStopping();
    }
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    if (graceEndsAt !== undefined) {
      // Polls: new processes forked meanwhile get SIGTERM too; at the end of the grace, SIGKILL.
      while (Date.now() < graceEndsAt && signalMarked("SIGTERM")) await wait(POLL_MS);
      for (let round = 0; round < 5 && signalMarked("SIGKILL"); round++) await wait(20);
      signalGroup("SIGKILL");
    }
    const pipesClosed = Promise.all(readers).then(() => true);
    const graceLeft = Math.max(0, (graceEndsAt ?? Date.now() + graceMs) - Date.now());
    let deadline: NodeJS.Timeout | undefined;
    const pipesAbandoned = !(await Promise.race([
      pipesClosed,
      new Promise<boolean>((r) => (deadline = setTimeout(() => r(false), graceLeft))),
    ]));
    clearTimeout(deadline);
    if (pipesAbandoned) {
      // Something outside the routine's reach still holds them: what was written so far is kept.
      for (const s of streams) s.destroy();
      await pipesClosed;
    }
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
      const detail = signal ? msg("TermExitSignal", signal) : unexplained ? "" : msg("TermExplainedByExpected");
      findings.push({
        rule: unexplained ? "RUN003" : "RUN002",
        file: "",
        line: 1,
        column: 1,
        args: unexplained ? [code ?? -1, detail] : [msg("TermExitCode"), msg("TermExitCodeValue", code ?? -1, detail)],
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
      stoppedProcesses: [...stopped.values()],
      cutLines,
      pipesAbandoned,
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
