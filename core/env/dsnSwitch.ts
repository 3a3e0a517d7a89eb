/**
 * Switching the routine's dsn for the dev run and putting it back, the step people did by hand
 * with an editor and a redeploy "so the wrong config never reaches production".
 * - switch: refuses unless the dsn is `from`; saves a backup first; replaces only the bytes of the
 *   dsn value (formatting, key order, encoding, BOM untouched); writes through a temporary file
 *   and a rename, so a failed write leaves the original in place.
 * - restore: puts the backup's bytes back, reads them again to verify, then deletes the backup.
 *   A backup left by a crashed run is found and restored before anything else.
 * All file access goes through FileOps so tests can make a write fail (tests run as root).
 */
import * as crypto from "crypto";
import * as fs from "fs";
import { findDsn, parseStrictJson } from "../validator/routine/config";

export interface FileOps {
  readFile(file: string): Buffer;
  writeFile(file: string, data: Buffer): void;
  rename(from: string, to: string): void;
  unlink(file: string): void;
  exists(file: string): boolean;
}

export const realFileOps: FileOps = {
  readFile: (f) => fs.readFileSync(f),
  writeFile: (f, d) => {
    const fd = fs.openSync(f, "w");
    try {
      fs.writeSync(fd, d);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  },
  rename: (a, b) => fs.renameSync(a, b),
  unlink: (f) => fs.rmSync(f, { force: true }),
  exists: (f) => fs.existsSync(f),
};

export const backupPath = (config: string) => `${config}.lz-backup`;
export const statePath = (config: string) => `${config}.lz-switch.json`;
export const modifiedPath = (config: string) => `${config}.lz-modified`;

export class DsnError extends Error {
  constructor(
    readonly code: "ConfigMissing" | "ConfigInvalid" | "DsnMissing" | "DsnNotFrom" | "WriteFailed" | "RestoreMismatch",
    readonly args: Array<string | number>,
  ) {
    super(`${code}: ${args.join(" | ")}`);
  }
}

const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");

interface State {
  backupSha256: string;
  switchedSha256: string;
  from: string;
  to: string;
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

function writeAtomically(ops: FileOps, file: string, data: Buffer): void {
  const tmp = `${file}.lz-tmp`;
  try {
    ops.writeFile(tmp, data);
    ops.rename(tmp, file);
  } catch (err) {
    try {
      ops.unlink(tmp);
    } catch {
      /* the temporary file may not exist */
    }
    throw new DsnError("WriteFailed", [file, (err as Error).message]);
  }
}

export function restoreDsn(config: string, ops: FileOps = realFileOps): RestoreOutcome {
  const backup = backupPath(config);
  if (!ops.exists(backup)) return { restored: false };
  const original = ops.readFile(backup);
  const outcome: RestoreOutcome = { restored: true };
  if (!ops.exists(config)) outcome.configWasMissing = true;
  else {
    const current = ops.readFile(config);
    let switchedSha: string | undefined;
    if (ops.exists(statePath(config))) {
      try {
        switchedSha = (JSON.parse(ops.readFile(statePath(config)).toString("utf8")) as State).switchedSha256;
      } catch {
        switchedSha = undefined;
      }
    }
    // Nothing lost: a file someone changed during the job is kept beside the restored one.
    if (switchedSha && sha(current) !== switchedSha && !current.equals(original)) {
      writeAtomically(ops, modifiedPath(config), current);
      outcome.modifiedKeptAt = modifiedPath(config);
    }
  }
  writeAtomically(ops, config, original);
  if (!ops.readFile(config).equals(original)) throw new DsnError("RestoreMismatch", [config, backup]);
  ops.unlink(statePath(config));
  ops.unlink(backup);
  return outcome;
}

export function switchDsn(config: string, from: string, to: string, ops: FileOps = realFileOps): SwitchOutcome {
  const recovered = ops.exists(backupPath(config)) ? restoreDsn(config, ops) : undefined;
  if (!ops.exists(config)) throw new DsnError("ConfigMissing", [config]);
  const bytes = ops.readFile(config);
  const dsn = locateDsn(bytes, config);
  if (dsn.value !== from) throw new DsnError("DsnNotFrom", [config, dsn.value, from]);
  const switched = Buffer.concat([
    bytes.subarray(0, dsn.start),
    Buffer.from(JSON.stringify(to), dsn.encoding),
    bytes.subarray(dsn.end),
  ]);
  // Backup and state first: from here on, any crash leaves what the next run needs to restore.
  writeAtomically(ops, backupPath(config), bytes);
  const state: State = { backupSha256: sha(bytes), switchedSha256: sha(switched), from, to };
  try {
    writeAtomically(ops, statePath(config), Buffer.from(JSON.stringify(state, null, 2)));
    writeAtomically(ops, config, switched);
  } catch (err) {
    // The config was not replaced: drop the backup so nothing claims a switch that did not happen.
    ops.unlink(statePath(config));
    ops.unlink(backupPath(config));
    throw err;
  }
  return { recovered, previous: dsn.value };
}
