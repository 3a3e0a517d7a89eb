/**
 * The user's run logs as evidence (DOMAIN.md "What a finding covers"; process note 000 §1):
 * enough files, several days, runs apart, the orchestrator finishing, no errors but the known
 * intermittent Impala ones. Run times come from the file name (the team's
 * `20220726_155026_orquestador_<name>.log`) or the first timestamp in the content.
 */
import "./rules";
import type { RawFinding } from "../validator/types";

export interface LogRequirements {
  minFiles: number;
  minDays: number;
  minHoursApart: number;
  /** Case-insensitive regular expression of the orchestrator's successful end. */
  successPattern: string;
  /** Case-insensitive regular expression of an error line. */
  errorPattern: string;
  /** Error lines matching any of these (case-insensitive) are tolerated. */
  toleratedPatterns: string[];
}

export const DEFAULT_LOG_REQUIREMENTS: LogRequirements = {
  minFiles: 10,
  minDays: 2,
  minHoursApart: 2,
  successPattern:
    "orquestador\\s+(finaliz[oó]|termin[oó]|finalizado|terminado)\\s+(exitosamente|correctamente|con\\s+[eé]xito)|orchestrator\\s+finished\\s+successfully",
  errorPattern: "\\b(ERROR|CRITICAL|FATAL)\\b|Traceback \\(most recent call last\\)|\\bException\\b",
  toleratedPatterns: [
    "TTransportException",
    "connection reset",
    "Connection reset by peer",
    "session (has )?(timed out|expired)|Session timeout|Invalid session id",
    "Broken pipe",
    "Socket is closed|TSocket read 0 bytes",
  ],
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

export function checkLogs(files: LogFile[], req: LogRequirements = DEFAULT_LOG_REQUIREMENTS): RawFinding[] {
  const out: RawFinding[] = [];
  const at = (rule: string, file: string, line: number, args: Array<string | number>) =>
    out.push({ rule, file, line, column: 1, args });
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : 1));
  if (sorted.length < req.minFiles) {
    at("LOG001", "", 1, [sorted.length, req.minFiles, sorted.map((f) => f.name).join(", ") || "none"]);
  }
  const runs = sorted.map((f) => ({ file: f, start: runStart(f) }));
  for (const r of runs) if (!r.start) at("LOG006", r.file.name, 1, [r.file.name]);
  const timed = runs
    .filter((r): r is { file: LogFile; start: Date } => !!r.start)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  const days = [...new Set(timed.map((r) => day(r.start)))];
  if (days.length < req.minDays) at("LOG002", "", 1, [days.length, days.join(", ") || "none", req.minDays]);
  for (let i = 1; i < timed.length; i++) {
    const minutes = (timed[i].start.getTime() - timed[i - 1].start.getTime()) / 60000;
    if (minutes < req.minHoursApart * 60) {
      at("LOG003", timed[i].file.name, 1, [
        `${timed[i - 1].file.name} (${stamp(timed[i - 1].start)})`,
        `${timed[i].file.name} (${stamp(timed[i].start)})`,
        Math.round(minutes),
        req.minHoursApart,
      ]);
    }
  }
  const success = new RegExp(req.successPattern, "i");
  const error = new RegExp(req.errorPattern, "i");
  const tolerated = req.toleratedPatterns.map((p) => new RegExp(p, "i"));
  for (const f of sorted) {
    if (!success.test(f.text)) at("LOG004", f.name, 1, [f.name, req.successPattern.slice(0, 60)]);
    const lines = f.text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (!error.test(line) || tolerated.some((t) => t.test(line))) continue;
      // A traceback's cause is its last line: report that, with the traceback's first line number.
      let shown = line.trim();
      if (/Traceback \(most recent call last\)/.test(line)) {
        let j = i + 1;
        while (j < lines.length && /^\s+(File |\S)/.test(lines[j]) && !/^\S/.test(lines[j])) j++;
        if (j < lines.length) shown = `${line.trim()} … ${lines[j].trim()}`;
        if (tolerated.some((t) => t.test(lines[j] ?? ""))) {
          i = j;
          continue;
        }
        at("LOG005", f.name, i + 1, [shown.slice(0, 300)]);
        i = j;
        continue;
      }
      at("LOG005", f.name, i + 1, [shown.slice(0, 300)]);
    }
  }
  return out;
}
