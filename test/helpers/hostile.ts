/**
 * Hostile inputs, built for real (issue #18): zip bombs, zips whose headers lie, folder trees deeper
 * than the system's path limit. The tests and `npm run bench -- --only hostile` share them.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";

const MiB = 1024 * 1024;

/** One member of a zip written by zipArchive: its raw data as stored (deflated or not). */
export interface ZipMember {
  name: string;
  /** The bytes as they sit in the archive: raw deflate for method 8, the content for method 0. */
  data: Buffer;
  method: 0 | 8;
  crc: number;
  /** The real uncompressed size. */
  size: number;
  /** What the headers say the uncompressed size is (a lie when it differs from size). */
  declaredSize?: number;
}

/** A zip file (PKWARE APPNOTE 4.3: local headers, central directory, end record), no zip64. */
export function zipArchive(members: ZipMember[], declaredCount = members.length): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name, "utf8");
    const declared = m.declaredSize ?? m.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(m.method, 8);
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x5821, 12); // date: 2024-01-01
    local.writeUInt32LE(m.crc >>> 0, 14);
    local.writeUInt32LE(m.data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4); // made by
    header.writeUInt16LE(20, 6); // needed
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(m.method, 10);
    header.writeUInt16LE(0, 12);
    header.writeUInt16LE(0x5821, 14);
    header.writeUInt32LE(m.crc >>> 0, 16);
    header.writeUInt32LE(m.data.length, 20);
    header.writeUInt32LE(declared, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    parts.push(local, name, m.data);
    offset += local.length + name.length + m.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(declaredCount, 0xffff), 8);
  end.writeUInt16LE(Math.min(declaredCount, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** A text member, deflated. */
export function textMember(name: string, text: string | Buffer): ZipMember {
  const content = Buffer.isBuffer(text) ? text : Buffer.from(text, "utf8");
  return { name, data: zlib.deflateRawSync(content), method: 8, crc: zlib.crc32(content), size: content.length };
}

let zeros: { data: Buffer; crc: number } | undefined;

/**
 * `mib` MiB of zero bytes as one raw deflate stream, about 1 KB per MiB: a fully flushed deflate of
 * one MiB of zeros is a run of non-final blocks that stands alone, so it is repeated and closed by
 * an empty final block (deflating 1 GiB outright takes about 9 s).
 */
export function deflatedZeros(mib: number): { data: Buffer; crc: number; size: number } {
  if (mib === 1024 && zeros) return { ...zeros, size: mib * MiB };
  const chunk = Buffer.alloc(MiB);
  const block = zlib.deflateRawSync(chunk, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const final = zlib.deflateRawSync(Buffer.alloc(0));
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = zlib.crc32(chunk, crc);
  const data = Buffer.concat([...Array.from({ length: mib }, () => block), final]);
  if (mib === 1024) zeros = { data, crc };
  return { data, crc, size: mib * MiB };
}

/** The zip bomb of issue #18: 1 GiB of zeros in one `.log` member, about 1 MB of zip, honest headers. */
export function zipBomb(name = "bomba.log"): Buffer {
  return zipArchive([{ name, method: 8, ...deflatedZeros(1024) }]);
}

/** The same GiB of zeros, but both headers say it inflates to 1 KB. */
export function lyingZip(name = "bomba.log"): Buffer {
  return zipArchive([{ name, method: 8, ...deflatedZeros(1024), declaredSize: 1024 }]);
}

/** `count` small run logs in one zip. */
export function manyMembersZip(count: number): Buffer {
  return zipArchive(Array.from({ length: count }, (_, i) => textMember(`logs/run_${i}.log`, `linea ${i}\n`)));
}

/**
 * A chain of `levels` nested folders named `name` under `parent`, built from the top (so that every
 * call sees a path the system accepts); returns the deepest folder, made relative to `parent`.
 */
export function folderChain(parent: string, levels: number, name: string): string {
  let rel = "";
  for (let i = 0; i < levels; i++) {
    rel = rel ? path.join(rel, name) : name;
    fs.mkdirSync(path.join(parent, rel));
  }
  return rel;
}

/**
 * A tree deeper than PATH_MAX (4096 bytes on Linux) under `root`: chains of `perChain` folders of
 * 100-character names, each short enough to create, nested by renaming the whole next chain into the
 * bottom of the previous one (rename needs only the two ends' paths). `file` goes at the very bottom.
 * Returns an undo function that takes the chains apart again so that they can be deleted.
 */
export function beyondPathMax(root: string, chains: number, perChain: number, file?: [string, string]): () => void {
  const name = (i: number) => `c${i}`.padEnd(100, "x");
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "lz-deep-"));
  const bottoms: string[] = [];
  for (let i = 0; i < chains; i++) bottoms.push(folderChain(i === 0 ? root : staging, perChain, name(i)));
  // Innermost first: chain k (in staging) goes into the bottom of chain k-1, itself still in staging.
  if (file) fs.writeFileSync(path.join(staging, bottoms[chains - 1], file[0]), file[1]);
  for (let i = chains - 1; i >= 1; i--) {
    const into = i - 1 === 0 ? path.join(root, bottoms[0]) : path.join(staging, bottoms[i - 1]);
    fs.renameSync(path.join(staging, name(i)), path.join(into, name(i)));
  }
  return () => {
    // Outermost first: each chain comes back to staging while the path to its top is still short.
    let at = path.join(root, bottoms[0]);
    for (let i = 1; i < chains; i++) {
      fs.renameSync(path.join(at, name(i)), path.join(staging, name(i)));
      at = path.join(staging, bottoms[i]);
    }
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(path.join(root, name(0)), { recursive: true, force: true });
  };
}
