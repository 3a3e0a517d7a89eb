/**
 * The user's run logs as evidence (DOMAIN.md "What a finding covers"; process note 000 §1):
 * enough files, several days, runs apart, the orchestrator finishing, no errors but the known
 * intermittent Impala ones. Run times come from the file name (the team's
 * `20220726_155026_orquestador_<name>.log`) or the first timestamp in the content.
 */
import "./rules";
import { compileUserPattern, DEFAULT_PATTERN_BUDGET_MS, UserPattern } from "../userPattern";
import {
  DEFAULT_RETRY_SUCCESS_PATTERNS,
  DEFAULT_TOLERATED_INTERMITTENCES,
  ERROR_LEVELS,
  logLevelOf,
  TRACEBACK,
  WORD_ERROR_PATTERN,
} from "./levels";
import type { RuleCode } from "../findings/ruleCodes";
import { msg } from "../i18n/catalogue";
import type { RawFinding } from "../findings/types";

export interface LogRequirements {
  minFiles: number;
  minDays: number;
  minHoursApart: number;
  /** Case-insensitive regular expression of the orchestrator's successful end. */
  successPattern: string;
  /**
   * Case-insensitive regular expression of an error line. The default is the fallback for lines
   * without a recognizable log level (a line with one is an error line when its level is ERROR,
   * CRITICAL or FATAL); a pattern the LZ team sets is used as given, on every line.
   */
  errorPattern: string;
  /** Error lines (or a traceback's cause) matching any of these (case-insensitive) are tolerated. */
  toleratedPatterns: string[];
  /** A later line matching one of these (before the next error line) tolerates an error line: a retry that succeeded. */
  retryPatterns: string[];
}

export const DEFAULT_LOG_REQUIREMENTS: LogRequirements = {
  minFiles: 10,
  minDays: 2,
  minHoursApart: 2,
  successPattern:
    "orquestador\\s+(finaliz[oó]|termin[oó]|finalizado|terminado)\\s+(exitosamente|correctamente|con\\s+[eé]xito)|orchestrator\\s+finished\\s+successfully",
  errorPattern: WORD_ERROR_PATTERN,
  // Process note 000 §1: Impala's intermittences are let through (English and Spanish renderings).
  toleratedPatterns: [...DEFAULT_TOLERATED_INTERMITTENCES],
  retryPatterns: [...DEFAULT_RETRY_SUCCESS_PATTERNS],
};

export interface LogFile {
  /** Name shown in findings (relative path, or `archive.zip/inner.log`). */
  name: string;
  text: string;
}

export interface LogRun {
  name: string;
  start?: Date;
}

const NAME_TIME = /(\d{4})(\d{2})(\d{2})[_-]?(\d{2})(\d{2})(\d{2})/;
const CONTENT_TIME = /(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;

export function runStart(file: LogFile): Date | undefined {
  const base = file.name.split("/").pop() ?? file.name;
  const fromName = NAME_TIME.exec(base);
  const m = fromName ?? CONTENT_TIME.exec(file.text.slice(0, 4000));
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 60 ? date : undefined;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const stamp = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

/** Error lines reported per log: past it one more LOG005 says how many were not listed. */
export const MAX_ERRORS_PER_LOG = 100;
/** Line numbers LOG009 lists per log. */
const MAX_TOLERATED_LINES_SHOWN = 20;

/** The lines of a text as `\n` or `\r\n` end them, one at a time (a split of 50 MB of short lines costs GBs). */
class LineReader {
  private pos = 0;
  /** 1-based number of the line last returned. */
  number = 0;

  constructor(private readonly text: string) {}

  /** The line next() will return, without consuming it. */
  peek(): string | undefined {
    const { pos, number } = this;
    const line = this.next();
    this.pos = pos;
    this.number = number;
    return line;
  }

  next(): string | undefined {
    if (this.pos > this.text.length) return undefined;
    let newline = this.text.indexOf("\n", this.pos);
    if (newline === -1) newline = this.text.length;
    const end = newline > this.pos && this.text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    const line = this.text.slice(this.pos, end);
    this.pos = newline + 1;
    this.number++;
    return line;
  }
}

/**
 * The checks one log at a time (add), then across them (finish): a log's text is dropped once it
 * is checked, so reading a folder holds one log in memory, not all of them.
 */
export class LogChecker {
  private readonly runs: Array<{ name: string; start?: Date; findings: RawFinding[] }> = [];
  // Configurable patterns run on text from outside: linear (RE2) or under a time budget (core/userPattern).
  private readonly success: UserPattern;
  private readonly error: UserPattern;
  private readonly tolerated: UserPattern[];
  private readonly retry: UserPattern[];
  /** The default error pattern: lines are judged by their log level, the pattern only where there is none. */
  private readonly byLevel: boolean;
  private readonly patterns: Array<[setting: string, pattern: UserPattern]>;

  constructor(private readonly req: LogRequirements = DEFAULT_LOG_REQUIREMENTS) {
    const builtIn = [
      DEFAULT_LOG_REQUIREMENTS.successPattern,
      DEFAULT_LOG_REQUIREMENTS.errorPattern,
      ...DEFAULT_LOG_REQUIREMENTS.toleratedPatterns,
      ...DEFAULT_LOG_REQUIREMENTS.retryPatterns,
    ];
    this.byLevel = req.errorPattern === DEFAULT_LOG_REQUIREMENTS.errorPattern;
    this.success = compileUserPattern(req.successPattern, { builtIn });
    this.error = compileUserPattern(req.errorPattern, { builtIn });
    this.tolerated = req.toleratedPatterns.map((p) => compileUserPattern(p, { builtIn }));
    this.retry = (req.retryPatterns ?? DEFAULT_LOG_REQUIREMENTS.retryPatterns).map((p) =>
      compileUserPattern(p, { builtIn }),
    );
    this.patterns = [
      ["logs.successPattern", this.success],
      ["logs.errorPattern", this.error],
      ...this.tolerated.map((t): [string, UserPattern] => ["logs.toleratedPatterns", t]),
      ...this.retry.map((t): [string, UserPattern] => ["logs.retryPatterns", t]),
    ];
  }

  /**
   * Is this line an error line. With the default pattern (issue #20): a traceback, or a line whose
   * log level is ERROR, CRITICAL or FATAL; a WARNING or INFO line that mentions an error is not; a
   * line without a recognizable level falls back to the word match. A pattern the LZ team set is
   * used as given.
   */
  private isErrorLine(line: string): boolean {
    if (!this.byLevel) return this.error.test(line);
    if (TRACEBACK.test(line)) return true;
    const level = logLevelOf(line);
    return level ? ERROR_LEVELS.has(level) : this.error.test(line);
  }

  add(f: LogFile): void {
    const out: RawFinding[] = [];
    const at = (rule: RuleCode, line: number, args: Array<string | number>) =>
      out.push({ rule, file: f.name, line, column: 1, args });
    const { success, tolerated, retry } = this;
    if (!success.test(f.text)) at("LOG004", 1, [f.name, this.req.successPattern.slice(0, 60)]);
    let errors = 0;
    let intermittences = 0;
    let retries = 0;
    const toleratedAt: number[] = [];
    /**
     * The last error line, held until the next error line or the end of the log: a retry-success
     * line before either tolerates it (an error the routine retried and got past).
     */
    let pending: { line: number; shown: string } | undefined;
    const flush = () => {
      if (pending && ++errors <= MAX_ERRORS_PER_LOG) at("LOG005", pending.line, [pending.shown.slice(0, 300)]);
      pending = undefined;
    };
    const lines = new LineReader(f.text);
    /** A traceback's indented lines are skipped; its cause is the line after them (an exception, not a log line). */
    const tracebackCause = (): string | undefined => {
      for (let l = lines.peek(); l !== undefined && /^\s/.test(l) && l.trim() !== ""; l = lines.peek()) lines.next();
      const cause = lines.peek();
      if (cause === undefined || cause.trim() === "" || logLevelOf(cause)) return undefined;
      lines.next();
      return cause;
    };
    for (let line = lines.next(); line !== undefined; line = lines.next()) {
      if (!this.isErrorLine(line)) {
        if (pending && retry.some((r) => r.test(line))) {
          retries++;
          toleratedAt.push(pending.line);
          pending = undefined;
        }
        continue;
      }
      const number = lines.number;
      let shown = line.trim();
      const matched = [line];
      // A traceback alone, or under the error line that logged it (`logger.exception`): its cause is its last line.
      const traceback = TRACEBACK.test(line);
      if (traceback || TRACEBACK.test(lines.peek() ?? "")) {
        if (!traceback) lines.next();
        const cause = tracebackCause();
        if (cause !== undefined) {
          shown = `${shown} … ${cause.trim()}`;
          matched.push(cause);
        }
      }
      flush();
      if (matched.some((l) => tolerated.some((t) => t.test(l)))) {
        intermittences++;
        toleratedAt.push(number);
        continue;
      }
      pending = { line: number, shown };
    }
    flush();
    if (errors > MAX_ERRORS_PER_LOG)
      out.push({
        rule: "LOG005",
        file: f.name,
        line: lines.number,
        column: 1,
        args: [msg("TermMoreErrorLines", errors - MAX_ERRORS_PER_LOG)],
      });
    if (toleratedAt.length) {
      toleratedAt.sort((a, b) => a - b);
      const shownLines = toleratedAt.slice(0, MAX_TOLERATED_LINES_SHOWN).join(", ");
      const more = toleratedAt.length > MAX_TOLERATED_LINES_SHOWN ? ", …" : "";
      at("LOG009", toleratedAt[0], [intermittences, retries, shownLines + more]);
    }
    this.runs.push({ name: f.name, start: runStart(f), findings: out });
  }

  finish(): RawFinding[] {
    const req = this.req;
    const out: RawFinding[] = [];
    const at = (rule: RuleCode, file: string, line: number, args: Array<string | number>) =>
      out.push({ rule, file, line, column: 1, args });
    const sorted = [...this.runs].sort((a, b) => (a.name < b.name ? -1 : 1));
    if (sorted.length < req.minFiles) {
      at("LOG001", "", 1, [sorted.length, req.minFiles, sorted.map((f) => f.name).join(", ") || "none"]);
    }
    for (const r of sorted) if (!r.start) at("LOG006", r.name, 1, [r.name]);
    const timed = sorted
      .filter((r): r is { name: string; start: Date; findings: RawFinding[] } => !!r.start)
      .sort((a, b) => a.start.getTime() - b.start.getTime());
    const days = [...new Set(timed.map((r) => day(r.start)))];
    if (days.length < req.minDays) at("LOG002", "", 1, [days.length, days.join(", ") || "none", req.minDays]);
    for (let i = 1; i < timed.length; i++) {
      const minutes = (timed[i].start.getTime() - timed[i - 1].start.getTime()) / 60000;
      if (minutes < req.minHoursApart * 60) {
        at("LOG003", timed[i].name, 1, [
          `${timed[i - 1].name} (${stamp(timed[i - 1].start)})`,
          `${timed[i].name} (${stamp(timed[i].start)})`,
          Math.round(minutes),
          req.minHoursApart,
        ]);
      }
    }
    for (const r of sorted) out.push(...r.findings);
    for (const [setting, pattern] of this.patterns)
      if (pattern.timedOut) at("LZV004", "", 1, [setting, pattern.source.slice(0, 200), DEFAULT_PATTERN_BUDGET_MS]);
    return out;
  }
}

export function checkLogs(files: LogFile[], req: LogRequirements = DEFAULT_LOG_REQUIREMENTS): RawFinding[] {
  const checker = new LogChecker(req);
  for (const f of files) checker.add(f);
  return checker.finish();
}
