/** The read limits every reader of outside input shares (inputs of the tasks, flags of the CLI). */
import { DEFAULT_LOG_READ_LIMITS } from "../logs/readLogs";
import { problem, type Problem } from "../problem";

/**
 * Bounds on what is read from outside (issue #18): folder depth of the routine, and the run logs'
 * attachments, archives, files and lines. Task inputs and CLI flags only: the routine's own
 * .lzvalidator.json cannot raise them (its schema has no such keys).
 */
export interface ReadLimits {
  /** Folder levels below the routine root that are walked (FS005 past it). */
  maxFolderDepth: number;
  /** Size of one HU attachment downloaded (LOG007 past it). */
  maxAttachmentMb: number;
  /** Uncompressed size of the logs read from one zip, all members together (LOG007). */
  maxZipMb: number;
  /** Members of one zip (LOG007). */
  maxZipEntries: number;
  /** Size of one log file, on disk or inside a zip (LOG007). */
  maxLogFileMb: number;
  /** Length of one log line; longer lines are cut (LOG007). */
  maxLogLineKb: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxFolderDepth: 64,
  maxAttachmentMb: 50,
  ...DEFAULT_LOG_READ_LIMITS,
};

export const READ_LIMIT_NAMES = Object.keys(DEFAULT_READ_LIMITS) as Array<keyof ReadLimits>;
export const MAX_READ_LIMIT = 1_000_000;

export const isLimit = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= MAX_READ_LIMIT;

/**
 * The limits given as text (task inputs, CLI flags): each a whole number from 1 to 1,000,000; an
 * empty one keeps its default. The first bad one is returned so the caller can refuse to run.
 */
export function parseReadLimits(get: (name: keyof ReadLimits) => string | undefined): {
  limits: Partial<ReadLimits>;
  invalid?: { name: keyof ReadLimits; value: string };
  problems: Problem[];
} {
  const limits: Partial<ReadLimits> = {};
  for (const name of READ_LIMIT_NAMES) {
    const raw = get(name)?.trim();
    if (!raw) continue;
    const value = /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
    if (!isLimit(value))
      return {
        limits,
        invalid: { name, value: raw },
        problems: [problem("LimitInvalid", "error", name, name, raw, MAX_READ_LIMIT)],
      };
    limits[name] = value;
  }
  return { limits, problems: [] };
}
