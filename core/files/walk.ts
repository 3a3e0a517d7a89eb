/**
 * Walks a routine safely: never leaves the root through a symbolic link, skips binaries and
 * oversized files with an info finding, reads non-UTF-8 text without crashing, and stops at a
 * depth limit or at a path the system refuses with a finding (FS005) instead of crashing.
 */
import * as fs from "fs";
import * as path from "path";
import { Minimatch } from "minimatch";
import type { SourceFile } from "../findings/analysis";
import { msg } from "../i18n/catalogue";
import type { RawFinding } from "../findings/types";
import { TEXT_EXTENSIONS } from "./extensions";
import { BytesFile, firstBadUtf8Byte } from "./decode";

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

export type { SourceFile };

export interface WalkOptions {
  maxFileSizeKb: number;
  exclude: string[];
  /** Folders deeper than this many levels below the root are not walked (FS005); default 64. */
  maxFolderDepth?: number;
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

export function isBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8000);
  return head.includes(0);
}

/** How deep a routine's folders are walked unless the task input maxFolderDepth says otherwise. */
export const DEFAULT_MAX_FOLDER_DEPTH = 64;

/** A path shown in a message: its start and end when it is long (a path past PATH_MAX is 4 KB). */
function shortPath(rel: string): string {
  return rel.length > 160 ? `${rel.slice(0, 60)}…${rel.slice(-90)}` : rel;
}

/** FS005: a folder below the depth limit is not walked. */
export function folderTooDeep(rel: string, maxDepth: number): RawFinding {
  return {
    rule: "FS005",
    file: rel,
    line: 1,
    column: 1,
    args: [shortPath(rel), msg("TermTooDeep", maxDepth, "maxFolderDepth")],
  };
}

/** FS005: the system refuses the path (ENAMETOOLONG): what is below it cannot be read at all. */
export function pathTooLong(rel: string): RawFinding {
  return {
    rule: "FS005",
    file: rel,
    line: 1,
    column: 1,
    args: [shortPath(rel), msg("TermPathTooLong")],
  };
}

const errorCode = (err: unknown) => (err as NodeJS.ErrnoException).code;

/** The entries of a folder; undefined when it cannot be read (ENAMETOOLONG is reported, other errors are not). */
function readFolder(dir: string, rel: string, findings: RawFinding[], sorted: boolean): fs.Dirent[] | undefined {
  try {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    return sorted ? entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : entries;
  } catch (err) {
    if (errorCode(err) === "ENAMETOOLONG") findings.push(pathTooLong(rel));
    return undefined;
  }
}

export interface TreeWalkOptions {
  /** Folders deeper than this many levels below the root are not entered (FS005). */
  maxDepth: number;
  /** Entries in name order (default), or as the system lists them. */
  sorted?: boolean;
}

/**
 * A bounded walk of a folder tree, shared by every walk of routine folders: depth-first, iterative
 * (an explicit stack, so depth never meets the call stack), each folder read once. `visit` sees each
 * entry with its path and relative path (`/` separators) and returns the folder to enter for it, if
 * any: folders past maxDepth are FS005 instead, and a path the system refuses (ENAMETOOLONG) is FS005
 * wherever it is met, never a crash. A visitor that throws ENAMETOOLONG gets the same.
 */
export function walkTree(
  root: string,
  options: TreeWalkOptions,
  findings: RawFinding[],
  visit: (entry: fs.Dirent, abs: string, rel: string) => string | undefined,
): void {
  interface Frame {
    dir: string;
    rel: string;
    depth: number;
    entries: fs.Dirent[];
    next: number;
  }
  const stack: Frame[] = [];
  const enter = (dir: string, rel: string, depth: number) => {
    const entries = readFolder(dir, rel, findings, options.sorted ?? true);
    if (entries) stack.push({ dir, rel, depth, entries, next: 0 });
  };
  enter(root, "", 0);
  while (stack.length) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.entries.length) {
      stack.pop();
      continue;
    }
    const entry = frame.entries[frame.next++];
    const rel = frame.rel ? `${frame.rel}/${entry.name}` : entry.name;
    let folder: string | undefined;
    try {
      folder = visit(entry, path.join(frame.dir, entry.name), rel);
    } catch (err) {
      if (errorCode(err) !== "ENAMETOOLONG") throw err;
      findings.push(pathTooLong(rel));
      continue;
    }
    if (folder === undefined) continue;
    if (frame.depth + 1 > options.maxDepth) findings.push(folderTooDeep(rel, options.maxDepth));
    else enter(folder, rel, frame.depth + 1);
  }
}

/** A folder or a file the listing names as such, without a stat call: its size is never read. */
const LISTED_FOLDER = { isDirectory: () => true, isFile: () => false, size: 0 };
const LISTED_FILE = { isDirectory: () => false, isFile: () => true, size: 0 };

/**
 * The routine's files. Linear in the tree's size: a folder reached without a symbolic link has its
 * parent's real path plus its name, so only links are resolved (a realpath of every folder cost the
 * whole path at every level: 1,100 levels took 47 s).
 */
export function walkRoutine(root: string, options: WalkOptions): WalkResult {
  const realRoot = fs.realpathSync(root);
  const excludes = options.exclude.map((g) => new Minimatch(g, { dot: true, matchBase: !g.includes("/") }));
  const result: WalkResult = { files: [], allPaths: [], findings: [], bytes: 0 };
  // Real paths of the folders walked: a link back into one of them is not followed again.
  const visitedDirs = new Set<string>([realRoot]);
  const limit = options.maxFileSizeKb * 1024;
  const maxDepth = options.maxFolderDepth ?? DEFAULT_MAX_FOLDER_DEPTH;

  walkTree(realRoot, { maxDepth }, result.findings, (entry, abs, rel) => {
    if (excludes.some((m) => m.match(rel))) return undefined;
    // What the folder listing already says is not asked of the system again: only links and the files
    // read (their size) are stat'ed, half the calls on the standard library.
    const readable = TEXT_EXTENSIONS.has(path.extname(entry.name).toLowerCase()) || entry.name === "MANIFEST.in";
    let stat: Pick<fs.Stats, "isDirectory" | "isFile" | "size">;
    let target = abs;
    if (entry.isDirectory() || (entry.isFile() && !readable)) {
      stat = entry.isDirectory() ? LISTED_FOLDER : LISTED_FILE;
    } else if (entry.isSymbolicLink()) {
      try {
        target = fs.realpathSync(abs);
        stat = fs.statSync(target);
      } catch (err) {
        if (errorCode(err) === "ENAMETOOLONG") throw err;
        return undefined; // dangling link
      }
      if (!isInside(realRoot, target)) {
        result.findings.push({ rule: "FS001", file: rel, line: 1, column: 1, args: [fs.readlinkSync(abs)] });
        return undefined;
      }
    } else {
      stat = fs.lstatSync(abs);
    }
    if (stat.isDirectory()) {
      if (SKIPPED_DIRS.has(entry.name) || entry.name.endsWith(".egg-info")) return undefined;
      if (visitedDirs.has(target)) return undefined; // a link back into a folder already walked
      visitedDirs.add(target);
      return target;
    }
    if (!stat.isFile()) return undefined;
    result.allPaths.push(rel);
    if (!readable) return undefined;
    if (stat.size > limit) {
      result.findings.push({
        rule: "FS003",
        file: rel,
        line: 1,
        column: 1,
        args: [Math.ceil(stat.size / 1024), options.maxFileSizeKb],
      });
      return undefined;
    }
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(target);
    } catch (err) {
      if (errorCode(err) === "ENAMETOOLONG") throw err;
      return undefined;
    }
    if (isBinary(bytes)) {
      result.findings.push({ rule: "FS002", file: rel, line: 1, column: 1, args: [bytes.length] });
      return undefined;
    }
    const badUtf8At = firstBadUtf8Byte(bytes);
    if (badUtf8At !== undefined) {
      result.findings.push({ rule: "FS004", file: rel, line: 1, column: 1, args: [badUtf8At] });
    }
    result.bytes += bytes.length;
    // Its text is decoded where it is needed: in the analysis workers, and here only for the files the
    // report places findings in (decoding every file here cost the standard library's walk a third of its time).
    result.files.push(new BytesFile(rel, target, bytes, badUtf8At));
    return undefined;
  });
  return result;
}
