/**
 * Log files from a folder: .log files and the .log/.txt members of .zip archives (as attached to
 * HUs). Everything here comes from outside, so every read is bounded (issue #18): the size of one
 * log, the uncompressed total and the member count of one zip (the sizes its headers declare are
 * checked first, and the bytes are counted while inflating, since headers can lie), and the length
 * of one line. What is over a bound is a LOG007 finding naming the file, the limit and the input
 * that sets it; a damaged archive is LOG008; the other files are read all the same.
 */
import * as fs from "fs";
import * as path from "path";
import * as yauzl from "yauzl";
import { decodeText } from "../files/decode";
import type { RawFinding } from "../findings/types";
import { msg, type MessageArg } from "../i18n/catalogue";
import { LogChecker, LogFile, LogRequirements } from "./checkLogs";

/** The bounds in bytes and members, each with the input (task input / CLI flag) that sets it. */
export interface LogLimits {
  maxFileBytes: number;
  maxLineBytes: number;
  maxZipBytes: number;
  maxZipEntries: number;
}

const MB = 1024 * 1024;
const KB = 1024;

/** The limits as ValidateRoutine's inputs give them (MB, KB, members). */
export function logLimitsOf(limits: {
  maxLogFileMb: number;
  maxLogLineKb: number;
  maxZipMb: number;
  maxZipEntries: number;
}): LogLimits {
  return {
    maxFileBytes: limits.maxLogFileMb * MB,
    maxLineBytes: limits.maxLogLineKb * KB,
    maxZipBytes: limits.maxZipMb * MB,
    maxZipEntries: limits.maxZipEntries,
  };
}

/** The defaults of ValidateRoutine's inputs (options.ts spreads them); every reader is bounded by them at least. */
export const DEFAULT_LOG_READ_LIMITS = { maxLogFileMb: 50, maxLogLineKb: 1024, maxZipMb: 200, maxZipEntries: 1000 };
export const DEFAULT_LOG_LIMITS: LogLimits = logLimitsOf(DEFAULT_LOG_READ_LIMITS);

/** The parts of a LOG007 message: what was over its bound, and what happened then. */
const WHAT = {
  attachment: msg("TermAttachmentSize"),
  file: msg("TermFileSize"),
  zipBytes: msg("TermZipUncompressed"),
  zipEntries: msg("TermZipMembers"),
};
export const THEN = {
  notDownloaded: msg("TermNotDownloaded"),
  notChecked: msg("TermNotChecked"),
  restOfZip: msg("TermRestOfZipNotRead"),
  lineCut: msg("TermLineCut"),
};
export { WHAT as OVER_LIMIT_WHAT };

/** LOG007: `file` is over a bound; `limit` as shown ("50 MB"), `input` the setting that raises it. */
export function overLimit(
  file: string,
  what: MessageArg,
  limit: string,
  input: string,
  then: MessageArg,
  line = 1,
): RawFinding {
  return { rule: "LOG007", file, line, column: 1, args: [file, what, limit, input, then] };
}

/** LOG008: `file` could not be read (a damaged or unsupported archive, an unreadable file). */
function unreadable(file: string, err: unknown): RawFinding {
  const reason = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, " ").slice(0, 200);
  return { rule: "LOG008", file, line: 1, column: 1, args: [file, reason] };
}

export const shownMb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
const shownKb = (bytes: number) => `${Math.round(bytes / KB)} KB`;

/**
 * Collects a log's bytes, keeping at most maxLineBytes of each line: a longer line is cut there (at
 * a UTF-8 character boundary) and the rest of it is dropped as it arrives, so a single 700 MB line
 * never sits in memory. Kept bytes stay in the chunks given (one slice per chunk, plus one per cut):
 * pass chunks that are not reused.
 */
export class BoundedLines {
  private readonly chunks: Buffer[] = [];
  private lineBytes = 0;
  private line = 1;
  private cutting = false;
  /** 1-based numbers of the lines that were cut. */
  readonly cut: number[] = [];

  constructor(private readonly maxLineBytes: number) {}

  push(chunk: Buffer): void {
    // Start of the range of this chunk being kept; -1 while the rest of a cut line is dropped.
    let keepFrom = this.cutting ? -1 : 0;
    let pos = 0;
    while (pos < chunk.length) {
      const newline = chunk.indexOf(10, pos);
      const contentEnd = newline === -1 ? chunk.length : newline;
      if (!this.cutting) {
        const room = this.maxLineBytes - this.lineBytes;
        if (contentEnd - pos <= room) {
          this.lineBytes += contentEnd - pos;
        } else {
          let keep = room;
          // Never split a UTF-8 sequence: back off over continuation bytes (10xxxxxx), three at most.
          while (keep > 0 && room - keep < 3 && (chunk[pos + keep] & 0xc0) === 0x80) keep--;
          this.chunks.push(chunk.subarray(keepFrom, pos + keep));
          keepFrom = -1;
          this.cutting = true;
          this.cut.push(this.line);
        }
      }
      if (newline === -1) break;
      if (this.cutting) {
        keepFrom = newline; // the newline that ends a cut line is kept
        this.cutting = false;
      }
      this.line++;
      this.lineBytes = 0;
      pos = newline + 1;
    }
    if (keepFrom !== -1 && keepFrom < chunk.length) this.chunks.push(chunk.subarray(keepFrom));
  }

  /** The kept bytes, once: the chunks are let go as soon as they are joined. */
  bytes(): Buffer {
    const joined = Buffer.concat(this.chunks);
    this.chunks.length = 0;
    return joined;
  }
}

/** The log made from what BoundedLines kept, and a LOG007 per line it cut. */
function finishLog(name: string, lines: BoundedLines, limits: LogLimits, findings: RawFinding[]): LogFile {
  for (const line of lines.cut)
    findings.push(
      overLimit(name, msg("TermLine", line), shownKb(limits.maxLineBytes), "maxLogLineKb", THEN.lineCut, line),
    );
  return { name, text: decodeText(lines.bytes()).text };
}

/** A plain log file, read in chunks; undefined (with a finding) when over the size bound or unreadable. */
function readPlainLog(abs: string, name: string, limits: LogLimits, findings: RawFinding[]): LogFile | undefined {
  const tooBig = () => {
    findings.push(overLimit(name, WHAT.file, shownMb(limits.maxFileBytes), "maxLogFileMb", THEN.notChecked));
    return undefined;
  };
  let fd: number | undefined;
  try {
    if (fs.statSync(abs).size > limits.maxFileBytes) return tooBig();
    fd = fs.openSync(abs, "r");
    const lines = new BoundedLines(limits.maxLineBytes);
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(256 * KB);
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      // Counted as read, not only from the size at open: the file may grow meanwhile.
      if (total > limits.maxFileBytes) return tooBig();
      lines.push(chunk.subarray(0, n));
    }
    return finishLog(name, lines, limits, findings);
  } catch (err) {
    findings.push(unreadable(name, err));
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Inflates one member into BoundedLines, stopping once more than `budget` bytes came out. */
async function inflateMember(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  lines: BoundedLines,
  budget: number,
): Promise<{ bytes: number; over: boolean }> {
  const stream = await zip.openReadStreamPromise(entry);
  let bytes = 0;
  // Leaving the loop early destroys the stream: inflation stops there.
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > budget) return { bytes, over: true };
    lines.push(chunk);
  }
  return { bytes, over: false };
}

/** The .log/.txt members of a zip on disk, each handed to `visit` as soon as it is read. */
async function readZip(
  abs: string,
  name: string,
  limits: LogLimits,
  findings: RawFinding[],
  visit: (file: LogFile) => void,
): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    // Sizes are checked here, against the declared ones first and the inflated bytes after:
    // yauzl's own size check would turn a lying header into a damaged-archive error instead.
    zip = await yauzl.openPromise(abs, { lazyEntries: true, autoClose: true, validateEntrySizes: false });
  } catch (err) {
    findings.push(unreadable(name, err));
    return;
  }
  const zipTooBig = () =>
    findings.push(overLimit(name, WHAT.zipBytes, shownMb(limits.maxZipBytes), "maxZipMb", THEN.restOfZip));
  const memberTooBig = (member: string) =>
    findings.push(overLimit(member, WHAT.file, shownMb(limits.maxFileBytes), "maxLogFileMb", THEN.notChecked));
  if (zip.entryCount > limits.maxZipEntries)
    findings.push(overLimit(name, WHAT.zipEntries, String(limits.maxZipEntries), "maxZipEntries", THEN.restOfZip));
  let members = 0;
  let declared = 0;
  let inflated = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      // The end record's count was checked above; its members are counted too (they are what is read).
      if (++members > limits.maxZipEntries) break;
      if (entry.fileName.endsWith("/") || !/\.(log|txt)$/i.test(entry.fileName)) continue;
      const member = `${name}/${entry.fileName}`;
      if (entry.uncompressedSize > limits.maxFileBytes) {
        memberTooBig(member);
        continue;
      }
      if (declared + entry.uncompressedSize > limits.maxZipBytes) {
        zipTooBig();
        break;
      }
      declared += entry.uncompressedSize;
      if (entry.isEncrypted() || !entry.canDecodeFileData()) {
        findings.push(unreadable(member, new Error("encrypted, or compressed with a method other than deflate")));
        continue;
      }
      const left = limits.maxZipBytes - inflated;
      const lines = new BoundedLines(limits.maxLineBytes);
      let result;
      try {
        result = await inflateMember(zip, entry, lines, Math.min(limits.maxFileBytes, left));
      } catch (err) {
        findings.push(unreadable(member, err));
        continue;
      }
      inflated += result.bytes;
      if (result.over && left < limits.maxFileBytes) {
        zipTooBig();
        break;
      }
      if (result.over) {
        memberTooBig(member);
        continue;
      }
      visit(finishLog(member, lines, limits, findings));
    }
  } catch (err) {
    findings.push(unreadable(name, err));
  } finally {
    if (zip.isOpen) zip.close();
  }
}

/**
 * Reads every log under `folder` (.log files, and .log/.txt members of .zip files), in name order,
 * handing each to `visit` as soon as it is read so that only one is held at a time. Returns the
 * findings about what could not be read whole (LOG007, LOG008).
 */
export async function forEachLog(
  folder: string,
  limits: LogLimits,
  visit: (file: LogFile) => void,
): Promise<RawFinding[]> {
  const findings: RawFinding[] = [];
  const walk = async (dir: string, rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch (err) {
      findings.push(unreadable(rel || ".", err));
      return;
    }
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(abs, r);
      else if (entry.isFile() && /\.zip$/i.test(entry.name)) await readZip(abs, r, limits, findings, visit);
      else if (entry.isFile() && /\.log$/i.test(entry.name)) {
        const log = readPlainLog(abs, r, limits, findings);
        if (log) visit(log);
      }
    }
  };
  await walk(folder, "");
  return findings;
}

/** The run-log requirements (LOG001–LOG006) on a folder, within the read bounds (LOG007, LOG008). */
export async function checkLogFolder(folder: string, req: LogRequirements, limits: LogLimits): Promise<RawFinding[]> {
  const checker = new LogChecker(req);
  const read = await forEachLog(folder, limits, (file) => checker.add(file));
  return [...read, ...checker.finish()];
}

/**
 * Every log under `folder` in memory. Unbounded unless limits are given (what it did before issue
 * #18, for RunRoutine's own log files); findings about what could not be read go to `findings`.
 */
export async function readLogFolder(
  folder: string,
  limits: LogLimits = DEFAULT_LOG_LIMITS,
  findings: RawFinding[] = [],
): Promise<LogFile[]> {
  const out: LogFile[] = [];
  findings.push(...(await forEachLog(folder, limits, (file) => out.push(file))));
  return out;
}
