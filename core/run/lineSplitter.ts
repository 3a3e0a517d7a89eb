/**
 * Splits a byte stream into lines as the agent does (`\n`, `\r\n`, or a lone `\r` ends a line) keeping
 * at most `maxLineBytes` bytes of any one line: the rest of a longer line is counted and dropped as it
 * arrives, never buffered. readline keeps a whole line in memory; one 700 MB line from a routine used
 * to crash the task.
 */
const LF = 0x0a;
const CR = 0x0d;

export interface SplitLine {
  /** The line's first bytes (at most maxLineBytes, cut back to a whole UTF-8 character), decoded. */
  text: string;
  /** Bytes of the line that were dropped; 0 for a line within the bound. */
  droppedBytes: number;
}

export class BoundedLineSplitter {
  private parts: Buffer[] = [];
  private kept = 0;
  private dropped = 0;
  /** The previous chunk ended in `\r`: a `\n` at the start of the next one belongs to it. */
  private afterCR = false;
  /** Something (even an empty line's break) was seen since the last emitted line. */
  private open = false;

  constructor(
    private readonly maxLineBytes: number,
    private readonly onLine: (line: SplitLine) => void,
  ) {
    if (!(maxLineBytes >= 1)) throw new RangeError(`maxLineBytes must be at least 1 (got ${maxLineBytes})`);
  }

  push(chunk: Buffer): void {
    if (!chunk.length) return;
    let start = 0;
    if (this.afterCR && chunk[0] === LF) start = 1;
    this.afterCR = false;
    // The next \n and \r at or after `start`, each searched again only once passed (one pass per chunk).
    let lf = -2;
    let cr = -2;
    while (start < chunk.length) {
      if (lf !== -1 && lf < start) lf = chunk.indexOf(LF, start);
      if (cr !== -1 && cr < start) cr = chunk.indexOf(CR, start);
      const end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      if (end < 0) {
        this.keep(chunk.subarray(start));
        return;
      }
      this.keep(chunk.subarray(start, end));
      this.emit();
      if (chunk[end] === CR) {
        if (end + 1 === chunk.length) {
          this.afterCR = true;
          return;
        }
        start = chunk[end + 1] === LF ? end + 2 : end + 1;
      } else start = end + 1;
    }
  }

  /** The stream ended: a last line without a line break is a line too. */
  end(): void {
    if (this.open) this.emit();
  }

  private keep(bytes: Buffer): void {
    if (!bytes.length) return;
    this.open = true;
    const room = this.maxLineBytes - this.kept;
    if (room <= 0) {
      this.dropped += bytes.length;
      return;
    }
    // Copied: the chunk's memory is the stream's, and a small slice would keep all of it alive.
    const taken = bytes.length <= room ? bytes : bytes.subarray(0, room);
    this.parts.push(Buffer.from(taken));
    this.kept += taken.length;
    this.dropped += bytes.length - taken.length;
  }

  private emit(): void {
    let bytes = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.kept);
    const droppedBytes = this.dropped;
    if (droppedBytes) {
      // A cut may fall inside a character: move it back to the character's first byte.
      const whole = utf8Boundary(bytes);
      bytes = bytes.subarray(0, whole);
    }
    this.onLine({ text: bytes.toString("utf8"), droppedBytes: droppedBytes + (this.kept - bytes.length) });
    this.parts = [];
    this.kept = 0;
    this.dropped = 0;
    this.open = false;
  }
}

/** Length of the longest prefix of `bytes` that does not end inside a UTF-8 character. */
function utf8Boundary(bytes: Buffer): number {
  // Walk back over at most 3 continuation bytes (10xxxxxx) to the lead byte of the last character.
  let i = bytes.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && (bytes[i] & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < 0) return bytes.length;
  const lead = bytes[i];
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return size > continuation + 1 ? i : bytes.length;
}
