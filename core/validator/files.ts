/**
 * Walks a routine safely: never leaves the root through a symbolic link, skips binaries and
 * oversized files with an info finding, reads non-UTF-8 text without crashing.
 */
import * as fs from "fs";
import * as path from "path";
import { Minimatch } from "minimatch";
import type { RawFinding } from "./types";

/** Files the validator reads: code and configuration. */
export const TEXT_EXTENSIONS = new Set([
  ".py",
  ".sql",
  ".hql",
  ".json",
  ".sh",
  ".cfg",
  ".ini",
  ".properties",
  ".yaml",
  ".yml",
  ".toml",
  ".txt",
  ".in",
  ".conf",
]);

/** Folders that are never part of a routine's code. */
const SKIPPED_DIRS = new Set([
  ".git",
  "__pycache__",
  "node_modules",
  ".tox",
  ".mypy_cache",
  ".pytest_cache",
  ".idea",
  ".vscode",
]);

export interface SourceFile {
  /** Relative to the root, `/` separators. */
  path: string;
  absolute: string;
  text: string;
}

export interface WalkOptions {
  maxFileSizeKb: number;
  exclude: string[];
}

export interface WalkResult {
  files: SourceFile[];
  /** Every file found (relative), read or not: packaging rules look at names only. */
  allPaths: string[];
  findings: RawFinding[];
  bytes: number;
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** Decodes bytes as UTF-8 (BOM removed) or, when they are not, as Latin-1 with the offset of the first bad byte. */
export function decodeText(bytes: Buffer): { text: string; badOffset?: number } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    let offset = 0;
    // Find the first byte where strict decoding fails, for the message.
    for (let lo = 0, hi = bytes.length; lo < hi;) {
      const mid = (lo + hi) >> 1;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid + 1));
        lo = mid + 1;
        offset = lo;
      } catch {
        hi = mid;
        offset = mid;
      }
    }
    return { text: bytes.toString("latin1"), badOffset: offset };
  }
}

export function isBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8000);
  return head.includes(0);
}

export function walkRoutine(root: string, options: WalkOptions): WalkResult {
  const realRoot = fs.realpathSync(root);
  const excludes = options.exclude.map((g) => new Minimatch(g, { dot: true, matchBase: !g.includes("/") }));
  const result: WalkResult = { files: [], allPaths: [], findings: [], bytes: 0 };
  const visitedDirs = new Set<string>();
  const limit = options.maxFileSizeKb * 1024;

  const visit = (dir: string, relDir: string) => {
    const real = fs.realpathSync(dir);
    if (visitedDirs.has(real)) return; // a link back into a folder already walked
    visitedDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (excludes.some((m) => m.match(rel))) continue;
      let stat: fs.Stats;
      let target = abs;
      if (entry.isSymbolicLink()) {
        try {
          target = fs.realpathSync(abs);
          stat = fs.statSync(target);
        } catch {
          continue; // dangling link
        }
        if (!isInside(realRoot, target)) {
          result.findings.push({ rule: "FS001", file: rel, line: 1, column: 1, args: [fs.readlinkSync(abs)] });
          continue;
        }
      } else {
        stat = fs.lstatSync(abs);
      }
      if (stat.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name) || entry.name.endsWith(".egg-info")) continue;
        visit(target, rel);
        continue;
      }
      if (!stat.isFile()) continue;
      result.allPaths.push(rel);
      const ext = path.extname(entry.name).toLowerCase();
      if (!TEXT_EXTENSIONS.has(ext) && entry.name !== "MANIFEST.in") continue;
      if (stat.size > limit) {
        result.findings.push({
          rule: "FS003",
          file: rel,
          line: 1,
          column: 1,
          args: [Math.ceil(stat.size / 1024), options.maxFileSizeKb],
        });
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(target);
      } catch {
        continue;
      }
      if (isBinary(bytes)) {
        result.findings.push({ rule: "FS002", file: rel, line: 1, column: 1, args: [bytes.length] });
        continue;
      }
      const decoded = decodeText(bytes);
      if (decoded.badOffset !== undefined) {
        result.findings.push({ rule: "FS004", file: rel, line: 1, column: 1, args: [decoded.badOffset] });
      }
      result.bytes += bytes.length;
      result.files.push({ path: rel, absolute: target, text: decoded.text });
    }
  };
  visit(realRoot, "");
  return result;
}
