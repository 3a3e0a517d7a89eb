/**
 * Switching the routine's dsn for the dev run and putting it back, the step people did by hand
 * with an editor and a redeploy "so the wrong config never reaches production".
 * - switch: refuses unless the dsn is `from`; saves a backup first; replaces only the bytes of the
 *   dsn value (formatting, key order, encoding, BOM untouched); writes through a temporary file
 *   and a rename, so a failed write leaves the original in place.
 * - restore: puts the backup's bytes back, reads them again to verify, then deletes the backup.
 *   A backup left by a crashed run is found and restored before anything else.
 * What the file is stays as it was:
 * - mode, owner and group: the temporary file gets the original's before the rename (the backup too, so
 *   it is no more readable than the original). When the owner cannot be given back (not root, a file of
 *   another user), or the file has several hard links, it is written in place instead, which keeps the
 *   file itself (its inode); a crash in the middle is then repaired from the backup by the next run.
 * - a read-only file (no write bit, or not writable by this user) is refused unless the caller allows it
 *   (the task's allowReadOnly input); allowed, it stays read-only.
 * - a symbolic link is REFUSED, naming its target: writing through it would change a file that may belong
 *   to other routines (a shared config), and replacing it would lose the link. Point configPath at the
 *   target when it is this routine's own file.
 * - temporary files a killed run left (`*.lz-tmp`) are removed by the next switch or restore; they are
 *   created exclusively, never through a link planted at their name.
 * Files are never read through a link, and at most MAX_CONFIG_BYTES of them.
 * The operations tests need to make fail go through FileOps (tests run as root).
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { findDsn, parseStrictJson } from "../config/json";

export interface FileOps {
  readFile(file: string): Buffer;
  rename(from: string, to: string): void;
  unlink(file: string): void;
  /** Gives an open file its owner and group (fchown): throws EPERM when this user may not. */
  chown(fd: number, uid: number, gid: number): void;
  /** Whether this process may write the file (root may write a 0444 file; its mode is checked apart). */
  writable(file: string): boolean;
}

export const realFileOps: FileOps = {
  readFile: (f) => fs.readFileSync(f),
  rename: (a, b) => fs.renameSync(a, b),
  unlink: (f) => fs.rmSync(f, { force: true }),
  chown: (fd, uid, gid) => fs.fchownSync(fd, uid, gid),
  writable: (f) => {
    try {
      fs.accessSync(f, fs.constants.W_OK);
      return true;
    } catch {
      return false;
    }
  },
};

/** A config.json (or its backup) is a few hundred bytes: anything above this is not one. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export const backupPath = (config: string) => `${config}.lz-backup`;
export const statePath = (config: string) => `${config}.lz-switch.json`;
export const modifiedPath = (config: string) => `${config}.lz-modified`;
const tempPath = (file: string) => `${file}.lz-tmp`;

export class DsnError extends Error {
  constructor(
    readonly code:
      | "ConfigMissing"
      | "ConfigInvalid"
      | "ConfigSymlink"
      | "ConfigNotRegular"
      | "ConfigTooLarge"
      | "ConfigReadOnly"
      | "ReadFailed"
      | "DsnMissing"
      | "DsnNotFrom"
      | "WriteFailed"
      | "RestoreMismatch",
    readonly args: Array<string | number>,
  ) {
    super(`${code}: ${args.join(" | ")}`);
  }
}

const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");

/** What a file is, apart from its bytes: kept across switch and restore. */
export interface FileAttributes {
  /** Permission bits, with setuid/setgid/sticky (mode & 0o7777). */
  mode: number;
  uid: number;
  gid: number;
}

interface State {
  backupSha256: string;
  switchedSha256: string;
  from: string;
  to: string;
  /** The original's mode, owner and group, for the restore. */
  attributes?: FileAttributes;
}

interface RegularFile {
  data: Buffer;
  attributes: FileAttributes;
  /** Hard links to the file (names of the same inode). */
  links: number;
}

const octal = (mode: number) => mode.toString(8).padStart(4, "0");

/**
 * Reads a regular file without following a link at its last component and without blocking on a FIFO;
 * refuses anything else, or more than MAX_CONFIG_BYTES.
 */
function readRegular(file: string): RegularFile {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new DsnError("ConfigMissing", [file]);
    if (code === "ELOOP") throw new DsnError("ConfigSymlink", [file, linkTarget(file)]);
    throw new DsnError("ReadFailed", [file, (err as Error).message]);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new DsnError("ConfigNotRegular", [file]);
    if (st.size > MAX_CONFIG_BYTES) throw new DsnError("ConfigTooLarge", [file, st.size, MAX_CONFIG_BYTES]);
    const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = fs.readSync(fd, buffer, length, buffer.length - length, null));)
      length += n;
    if (length > MAX_CONFIG_BYTES) throw new DsnError("ConfigTooLarge", [file, length, MAX_CONFIG_BYTES]);
    return {
      data: Buffer.from(buffer.subarray(0, length)),
      attributes: { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid },
      links: st.nlink,
    };
  } finally {
    fs.closeSync(fd);
  }
}

function linkTarget(file: string): string {
  try {
    return path.resolve(path.dirname(file), fs.readlinkSync(file));
  } catch {
    return "?";
  }
}

const lstat = (file: string): fs.Stats | undefined => {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
};

/** Removes the temporary files an earlier run left when it was killed between writing and renaming. */
function removeStaleTemps(config: string, ops: FileOps): void {
  for (const file of [config, backupPath(config), statePath(config), modifiedPath(config)]) {
    try {
      ops.unlink(tempPath(file));
    } catch {
      /* a folder planted there: the exclusive create below reports it */
    }
  }
}

/** Where the dsn value sits: UTF-16 offsets from jsonc-parser turned into byte offsets of the file. */
function locateDsn(
  bytes: Buffer,
  config: string,
): { start: number; end: number; value: string; encoding: BufferEncoding } {
  let encoding: BufferEncoding = "utf8";
  let text: string;
  try {
    // ignoreBOM keeps a BOM in the text, so offsets map onto the file's bytes.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    encoding = "latin1";
    text = bytes.toString("latin1");
  }
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const { tree, errors } = parseStrictJson(text.slice(bom));
  if (errors.length || !tree || tree.type !== "object") throw new DsnError("ConfigInvalid", [config]);
  const value = findDsn(tree);
  if (!value || value.type !== "string") throw new DsnError("DsnMissing", [config]);
  const offset = value.offset + bom;
  const start = Buffer.byteLength(text.slice(0, offset), encoding);
  const end = start + Buffer.byteLength(text.slice(offset, offset + value.length), encoding);
  return { start, end, value: String(value.value), encoding };
}

export interface SwitchOutcome {
  /** A backup left by an earlier run that died between switch and restore was restored first. */
  recovered?: RestoreOutcome;
  previous: string;
}

export interface RestoreOutcome {
  restored: boolean;
  /** The file had been changed (or deleted) by something else during the job; its content was kept aside. */
  modifiedKeptAt?: string;
  configWasMissing?: boolean;
}

class OwnerNotKept extends Error {}

/**
 * Writes `file` through a temporary file created exclusively (never through a link) with `attributes`,
 * then a rename. With `ownerRequired`, a temporary file that cannot get the owner and group throws
 * OwnerNotKept (nothing replaced); otherwise they are given where this user may.
 */
function replaceFile(
  ops: FileOps,
  file: string,
  data: Buffer,
  attributes: FileAttributes | undefined,
  ownerRequired = false,
): void {
  const tmp = tempPath(file);
  try {
    const mode = attributes?.mode ?? 0o644;
    const fd = fs.openSync(
      tmp,
      fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW,
      mode & 0o777,
    );
    try {
      fs.writeSync(fd, data);
      if (attributes) {
        try {
          ops.chown(fd, attributes.uid, attributes.gid);
        } catch (err) {
          if (ownerRequired) throw new OwnerNotKept((err as Error).message);
        }
      }
      // After the chown, which may clear setuid/setgid; also undoes the umask.
      fs.fchmodSync(fd, mode);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    ops.rename(tmp, file);
  } catch (err) {
    try {
      ops.unlink(tmp);
    } catch {
      /* the temporary file may not exist */
    }
    if (err instanceof OwnerNotKept) throw err;
    throw new DsnError("WriteFailed", [file, (err as Error).message]);
  }
}

/** Rewrites an existing regular file's bytes (the same file: owner, group, mode and links stay). */
function writeInPlace(file: string, data: Buffer): void {
  try {
    const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_NOFOLLOW);
    try {
      fs.writeSync(fd, data, 0, data.length, 0);
      fs.ftruncateSync(fd, data.length);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    throw new DsnError("WriteFailed", [file, (err as Error).message]);
  }
}

/**
 * Writes the config keeping what it is: replaced with its attributes, or in place when it has several
 * hard links or when this user cannot give a new file its owner and group.
 */
function writeConfig(ops: FileOps, config: string, data: Buffer, attributes: FileAttributes, links: number): void {
  if (links > 1) return writeInPlace(config, data);
  try {
    replaceFile(ops, config, data, attributes, true);
  } catch (err) {
    if (!(err instanceof OwnerNotKept)) throw err;
    writeInPlace(config, data);
  }
}

export function restoreDsn(config: string, ops: FileOps = realFileOps): RestoreOutcome {
  removeStaleTemps(config, ops);
  const backup = backupPath(config);
  if (!lstat(backup)) return { restored: false };
  const saved = readRegular(backup);
  const original = saved.data;
  let state: State | undefined;
  if (lstat(statePath(config))) {
    try {
      state = JSON.parse(readRegular(statePath(config)).data.toString("utf8")) as State;
    } catch {
      state = undefined;
    }
  }
  const attributes = state?.attributes ?? saved.attributes;
  const outcome: RestoreOutcome = { restored: true };
  const now = lstat(config);
  let current: RegularFile | undefined;
  if (now?.isFile()) {
    try {
      current = readRegular(config);
    } catch (err) {
      if (!(err instanceof DsnError && err.code === "ConfigTooLarge")) throw err;
    }
  }
  if (!now) outcome.configWasMissing = true;
  else if (!current) {
    // Replaced during the job by a link, a folder or a huge file: kept aside as it is, never read through.
    ops.rename(config, modifiedPath(config));
    outcome.modifiedKeptAt = modifiedPath(config);
  } else if (state?.switchedSha256 && sha(current.data) !== state.switchedSha256 && !current.data.equals(original)) {
    // Nothing lost: a file someone changed during the job is kept beside the restored one.
    replaceFile(ops, modifiedPath(config), current.data, current.attributes);
    outcome.modifiedKeptAt = modifiedPath(config);
  }
  const links = current?.links ?? 1;
  writeConfig(ops, config, original, attributes, links);
  if (!ops.readFile(config).equals(original)) throw new DsnError("RestoreMismatch", [config, backup]);
  ops.unlink(statePath(config));
  ops.unlink(backup);
  return outcome;
}

export interface SwitchOptions {
  /** Switch a read-only file too (it stays read-only). Default false: refused with ConfigReadOnly. */
  allowReadOnly?: boolean;
  ops?: FileOps;
}

export function switchDsn(config: string, from: string, to: string, options: SwitchOptions = {}): SwitchOutcome {
  const ops = options.ops ?? realFileOps;
  removeStaleTemps(config, ops);
  const recovered = lstat(backupPath(config)) ? restoreDsn(config, ops) : undefined;
  const file = readRegular(config);
  const bytes = file.data;
  if (!options.allowReadOnly && ((file.attributes.mode & 0o222) === 0 || !ops.writable(config)))
    throw new DsnError("ConfigReadOnly", [config, octal(file.attributes.mode)]);
  const dsn = locateDsn(bytes, config);
  if (dsn.value !== from) throw new DsnError("DsnNotFrom", [config, dsn.value, from]);
  const switched = Buffer.concat([
    bytes.subarray(0, dsn.start),
    Buffer.from(JSON.stringify(to), dsn.encoding),
    bytes.subarray(dsn.end),
  ]);
  // Backup and state first: from here on, any crash leaves what the next run needs to restore.
  replaceFile(ops, backupPath(config), bytes, file.attributes);
  const state: State = {
    backupSha256: sha(bytes),
    switchedSha256: sha(switched),
    from,
    to,
    attributes: file.attributes,
  };
  try {
    replaceFile(ops, statePath(config), Buffer.from(JSON.stringify(state, null, 2)), file.attributes);
    writeConfig(ops, config, switched, file.attributes, file.links);
  } catch (err) {
    // The config was not replaced: drop the backup so nothing claims a switch that did not happen.
    ops.unlink(statePath(config));
    ops.unlink(backupPath(config));
    throw err;
  }
  return { recovered, previous: dsn.value };
}
