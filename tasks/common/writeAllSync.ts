import * as fs from "fs";

type WriteSync = (fd: number, buffer: Uint8Array, offset: number, length: number) => number;

/**
 * Writes all of `text` to `fd` synchronously, however the descriptor takes it: a pipe may accept
 * part of a write, and one left non-blocking by whoever created it answers EAGAIN while its reader
 * catches up (then this waits a millisecond and tries again). Any other error is thrown.
 */
export function writeAllSync(fd: number, text: string, write: WriteSync = fs.writeSync): void {
  const data = Buffer.from(text, "utf8");
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += write(fd, data, offset, data.length - offset);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}
