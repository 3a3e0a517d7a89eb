/**
 * Routine files' bytes as text: UTF-8 (its BOM removed) or, when the bytes are not UTF-8, Latin-1 with
 * the offset of the first bad byte (FS004). Kept apart from the walk so that the analysis workers,
 * which decode the bytes they are sent, carry none of it.
 */
import { isUtf8 } from "buffer";
import type { SourceFile } from "../findings/analysis";

/** The offset of the first byte where strict UTF-8 decoding fails, or undefined when there is none. */
export function firstBadUtf8Byte(bytes: Uint8Array): number | undefined {
  // isUtf8 runs in native code: a fatal TextDecoder took 0.18 s of the 0.4 s walk of the 30 MB
  // standard library, while the analysis workers waited for the files.
  if (isUtf8(bytes)) return undefined;
  let offset = 0;
  for (let lo = 0, hi = bytes.length; lo < hi;) {
    const mid = (lo + hi) >> 1;
    if (isUtf8(bytes.subarray(0, mid + 1))) {
      lo = mid + 1;
      offset = lo;
    } else {
      hi = mid;
      offset = mid;
    }
  }
  return offset;
}

/** The text of bytes whose first bad UTF-8 byte (firstBadUtf8Byte) is known: UTF-8 without BOM, else Latin-1. */
function decodeBytes(bytes: Uint8Array, badUtf8At: number | undefined): string {
  // A structured clone makes a Buffer a plain Uint8Array: a Buffer view of it decodes without a copy.
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (badUtf8At !== undefined) return buffer.toString("latin1");
  const text = buffer.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * A file known by its bytes, its text decoded when first asked: what the walk reads (the main thread
 * decodes only the files it reports findings in) and what an analysis worker is sent.
 */
export class BytesFile implements SourceFile {
  private decoded: string | undefined;

  constructor(
    readonly path: string,
    readonly absolute: string,
    readonly bytes: Uint8Array,
    readonly badUtf8At: number | undefined,
  ) {}

  get text(): string {
    return (this.decoded ??= decodeBytes(this.bytes, this.badUtf8At));
  }
}

/** Decodes bytes as UTF-8 (BOM removed) or, when they are not, as Latin-1 with the offset of the first bad byte. */
export function decodeText(bytes: Uint8Array): { text: string; badOffset?: number } {
  const badOffset = firstBadUtf8Byte(bytes);
  const text = decodeBytes(bytes, badOffset);
  return badOffset === undefined ? { text } : { text, badOffset };
}
