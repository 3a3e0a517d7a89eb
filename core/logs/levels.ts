/**
 * Which run-log lines are errors, by their log level (issue #20). With the team's logging formats
 * (`%(asctime)s %(levelname)s …` and the common variants) only ERROR, CRITICAL and FATAL levels and
 * tracebacks are error lines: a WARNING or INFO line that mentions an error or an exception is not.
 * A line without a recognizable level falls back to the word match LOG005 uses today.
 *
 * An error followed, in the same file and before the next error line, by a retry-success line
 * ("reintento exitoso", "retry succeeded", …) is tolerated, and so are the known Impala
 * intermittences, in English and in their Spanish renderings (process note 000 §1).
 *
 * Pure functions over text. The patterns are strings that RE2 accepts (the tests check it), so the
 * caller can run them through core/userPattern's linear-time path; here they take any `test`-able
 * matcher. core/logs/checkLogs.ts is not rewired yet.
 */

export type LogLevel = "TRACE" | "DEBUG" | "INFO" | "NOTICE" | "WARNING" | "ERROR" | "CRITICAL" | "FATAL";

export const ERROR_LEVELS: ReadonlySet<LogLevel> = new Set<LogLevel>(["ERROR", "CRITICAL", "FATAL"]);

const LEVEL_NAMES: Record<string, LogLevel> = {
  TRACE: "TRACE",
  DEBUG: "DEBUG",
  INFO: "INFO",
  NOTICE: "NOTICE",
  WARN: "WARNING",
  WARNING: "WARNING",
  ERROR: "ERROR",
  SEVERE: "ERROR",
  CRITICAL: "CRITICAL",
  FATAL: "FATAL",
};

/**
 * A leading timestamp: `2022-07-26 15:50:26,123`, `2022-07-26T15:50:26.123Z`, `[2022-07-26 15:50:26]`,
 * `26/07/2022 15:50:26`, `22/07/26 15:50:26` (log4j). Bounded repeats only.
 */
const TIMESTAMP =
  /^\s{0,4}\[?(?:\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}|\d{2}\/\d{2}\/\d{2,4}[ T]\d{2}:\d{2}:\d{2})(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?\]?/;
/** glog (Impala's own C++ logs): `E0726 15:50:26.123456 12345 file.cc:123] …`. */
const GLOG = /^([IWEF])\d{4} \d{2}:\d{2}:\d{2}\.\d{1,9}\s/;
const GLOG_LEVELS: Record<string, LogLevel> = { I: "INFO", W: "WARNING", E: "ERROR", F: "FATAL" };
/** One header field: `[ERROR]`, `<ERROR>`, `ERROR`, `ERROR:`, `nombre.modulo`, after separators. */
const FIELD = /^[\s\-|:,]{0,16}(?:\[([^\]\s]{1,40})\]|<([^>\s]{1,40})>|([^\s|[\]<>]{1,120}))/;
/** Fields looked at after the timestamp (the `%(asctime)s - %(name)s - %(levelname)s` form has the level third). */
const HEADER_FIELDS = 3;

function levelWord(token: string, bracketed: boolean): LogLevel | undefined {
  const word = token.replace(/:+$/, "");
  if (!bracketed && word !== word.toUpperCase()) return undefined;
  return LEVEL_NAMES[word.toUpperCase()];
}

/**
 * The log level of a line written by one of the usual formats, or undefined when the line has none
 * (a continuation line, a `print`, a line of a traceback, an unknown format).
 *
 * Recognized: `%(asctime)s %(levelname)s …`, `%(asctime)s - %(name)s - %(levelname)s - …`,
 * `%(asctime)s | %(levelname)-8s | …`, `[%(levelname)s] …`, `%(levelname)s:%(name)s:…` (the
 * `basicConfig` default), `%(levelname)s %(asctime)s …`, `[asctime] LEVEL …`, glog. A level is an
 * upper-case word (`ERROR`, `WARN`) or a bracketed word of any case (`[error]`).
 */
export function logLevelOf(line: string): LogLevel | undefined {
  const head = line.length > 400 ? line.slice(0, 400) : line;
  const glog = GLOG.exec(head);
  if (glog) return GLOG_LEVELS[glog[1]];
  const ts = TIMESTAMP.exec(head);
  let rest = ts ? head.slice(ts[0].length) : head;
  // Without a timestamp the level must come first (`ERROR:root:…`, `[ERROR] …`, `INFO 2022-…`).
  const fields = ts ? HEADER_FIELDS : 1;
  for (let i = 0; i < fields; i++) {
    const m = FIELD.exec(rest);
    if (!m) return undefined;
    const bracketed = m[3] === undefined;
    const token = m[1] ?? m[2] ?? m[3];
    // `ERROR:root:mensaje`: the level is the part before the first colon.
    const level = levelWord(bracketed ? token : token.split(":")[0], bracketed);
    if (level) return level;
    rest = rest.slice(m[0].length);
  }
  return undefined;
}

/** LOG005's word match today (DEFAULT_LOG_REQUIREMENTS.errorPattern), the fallback for lines without a level. */
export const WORD_ERROR_PATTERN = "\\b(ERROR|CRITICAL|FATAL)\\b|Traceback \\(most recent call last\\)|\\bException\\b";
export const TRACEBACK = /Traceback \(most recent call last\)/;

/**
 * The default tolerated Impala intermittences: the English messages LOG005 tolerates today and
 * their Spanish renderings (glibc's Spanish messages, and how the team's routines write them).
 */
export const DEFAULT_TOLERATED_INTERMITTENCES: readonly string[] = [
  "TTransportException",
  "connection reset",
  "Connection reset by peer",
  "session (has )?(timed out|expired)|Session timeout|Invalid session id",
  "Broken pipe",
  "Socket is closed|TSocket read 0 bytes",
  // connection reset (by peer): "Conexión reinicializada por la máquina remota" (glibc), "reiniciada por el par"
  "conexi[oó]n (reinicializada|reiniciada|restablecida) por (la m[aá]quina remota|el par|el otro extremo|el host remoto)",
  // session timed out / expired / invalid
  "sesi[oó]n (expirada|expir[oó]|caducada|caduc[oó]|vencida|venci[oó])|(tiempo de espera|timeout) de (la )?sesi[oó]n|(id|identificador) de sesi[oó]n (inv[aá]lido|no v[aá]lido)|sesi[oó]n (inv[aá]lida|no v[aá]lida)",
  // broken pipe: "Tubería rota" (glibc)
  "tuber[ií]a rota",
  // socket is closed; TSocket read 0 bytes
  "(el )?socket (est[aá] )?cerrado|el socket se cerr[oó]|TSocket ley[oó] 0 bytes",
];

/** Lines that say a failed step succeeded when retried (Spanish and English). */
export const DEFAULT_RETRY_SUCCESS_PATTERNS: readonly string[] = [
  "reintento( (n[uú]mero )?[0-9]+( ?(/|de) ?[0-9]+)?)? (exitoso|exitosa|correcto|satisfactorio)",
  "(exitos[oa]|[eé]xito|correct[oa]|correctamente) (en|tras|despu[eé]s de) (el |la )?([0-9]+ )?(reintentos?|intentos?)",
  "se recuper[oó] (la conexi[oó]n|tras|despu[eé]s de|en el reintento)|conexi[oó]n recuperada|reconexi[oó]n exitosa|reconectado (exitosamente|correctamente)",
  "retry( [0-9]+( ?/ ?[0-9]+)?)? (succeeded|successful|ok)",
  "succeeded (on|after) (retry|[0-9]+ (retries|attempts))|recovered after (retry|[0-9]+ (retries|attempts))|reconnected successfully",
];

/** What LOG005 needs to run a pattern: RegExp, or core/userPattern's UserPattern. */
export interface LineMatcher {
  test(line: string): boolean;
}

const compile = (sources: readonly string[]): LineMatcher[] => sources.map((s) => new RegExp(s, "i"));

export interface LogLevelOptions {
  /** Lines without a recognizable level are error lines when this matches (default: today's word match). */
  wordError?: LineMatcher;
  /** Error lines (or a traceback's cause) matching any of these are tolerated. */
  tolerated?: readonly LineMatcher[];
  /** A non-error line matching any of these tolerates the error line before it. */
  retrySuccess?: readonly LineMatcher[];
}

export type LineVerdict =
  | { error: true; by: "level" | "traceback" | "word"; level?: LogLevel }
  | { error: false; by: "level" | "word"; level?: LogLevel };

const defaultWord = new RegExp(WORD_ERROR_PATTERN, "i");

/** Is this one line an error line, and why. */
export function classifyLogLine(line: string, wordError: LineMatcher = defaultWord): LineVerdict {
  if (TRACEBACK.test(line)) return { error: true, by: "traceback" };
  const level = logLevelOf(line);
  if (level)
    return ERROR_LEVELS.has(level) ? { error: true, by: "level", level } : { error: false, by: "level", level };
  return wordError.test(line) ? { error: true, by: "word" } : { error: false, by: "word" };
}

export type RecordStatus = "error" | "tolerated intermittence" | "tolerated retry";

export interface LogErrorRecord {
  /** 1-based line of the error line (or of the traceback's first line when it stands alone). */
  line: number;
  /** What LOG005 would show: the line, and for a traceback its cause (the exception line). */
  shown: string;
  by: "level" | "traceback" | "word";
  status: RecordStatus;
}

export interface LogClassification {
  records: LogErrorRecord[];
  /** Error records left: each one is a LOG005. */
  errors: number;
  toleratedIntermittences: number;
  toleratedRetries: number;
}

/** A traceback's lines after its first: `  File …`, the code lines, up to and with the exception line. */
function tracebackEnd(lines: readonly string[], first: number): { cause?: string; end: number } {
  let i = first + 1;
  while (i < lines.length && /^\s/.test(lines[i]) && lines[i].trim() !== "") i++;
  if (i < lines.length && lines[i].trim() !== "" && !logLevelOf(lines[i])) return { cause: lines[i], end: i };
  return { end: i - 1 };
}

/**
 * The error records of one log: each error line (with the traceback that follows it, as
 * `logger.exception` writes them) or lone traceback, and whether it is tolerated.
 */
export function classifyLog(text: string, options: LogLevelOptions = {}): LogClassification {
  const wordError = options.wordError ?? defaultWord;
  const tolerated = options.tolerated ?? compile(DEFAULT_TOLERATED_INTERMITTENCES);
  const retry = options.retrySuccess ?? compile(DEFAULT_RETRY_SUCCESS_PATTERNS);
  const lines = text.split(/\r?\n/);
  const records: LogErrorRecord[] = [];
  /** The last error record, while no other error line came after it: a retry success tolerates it. */
  let open: LogErrorRecord | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const verdict = classifyLogLine(line, wordError);
    if (!verdict.error) {
      if (open && retry.some((r) => r.test(line))) {
        open.status = "tolerated retry";
        open = undefined;
      }
      continue;
    }
    let shown = line.trim();
    let matchedLines = [line];
    let start = i;
    if (verdict.by !== "traceback" && i + 1 < lines.length && TRACEBACK.test(lines[i + 1])) {
      // `logger.exception(…)`: the traceback under an error line belongs to it.
      const tb = tracebackEnd(lines, i + 1);
      if (tb.cause !== undefined) {
        shown = `${shown} … ${tb.cause.trim()}`;
        matchedLines = [line, tb.cause];
      }
      i = tb.end;
    } else if (verdict.by === "traceback") {
      const tb = tracebackEnd(lines, i);
      if (tb.cause !== undefined) {
        shown = `${shown} … ${tb.cause.trim()}`;
        matchedLines = [line, tb.cause];
      }
      start = i;
      i = tb.end;
    }
    const record: LogErrorRecord = {
      line: start + 1,
      shown,
      by: verdict.by,
      status: matchedLines.some((l) => tolerated.some((t) => t.test(l))) ? "tolerated intermittence" : "error",
    };
    records.push(record);
    open = record.status === "error" ? record : undefined;
  }
  return {
    records,
    errors: records.filter((r) => r.status === "error").length,
    toleratedIntermittences: records.filter((r) => r.status === "tolerated intermittence").length,
    toleratedRetries: records.filter((r) => r.status === "tolerated retry").length,
  };
}
