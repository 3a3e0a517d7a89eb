/**
 * Reading the API's files (templates, params, coordinator cfgs) within a size bound: they come from
 * a pull request, so a file over the bound is refused unread rather than parsed into memory.
 */
import * as fs from "fs";
import { decodeText } from "../files/decode";
import { msg } from "../i18n/catalogue";
import { ApiFileError } from "./cfnYaml";

/** Bounds of the files the API checks read (bytes). A 3,000-line template is about 100 KB. */
export const API_FILE_LIMITS = {
  template: 4 * 1024 * 1024,
  params: 1024 * 1024,
  cfg: 1024 * 1024,
};

/**
 * The text of `file` (UTF-8, BOM removed), read up to `maxBytes`: a larger file, or one that grows
 * past the bound while being read, is ApiFileError("FileTooLarge"); one that cannot be read is
 * ApiFileError("FileUnreadable").
 */
export function readBoundedText(file: string, maxBytes: number, shownAs = file): string {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, "r");
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new ApiFileError("FileUnreadable", shownAs, 1, [msg("ApiNotRegularFile")]);
    if (stat.size > maxBytes) throw new ApiFileError("FileTooLarge", shownAs, 1, [stat.size, maxBytes]);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      // Counted as read, not only from the size at open: the file may grow meanwhile.
      if (total > maxBytes) throw new ApiFileError("FileTooLarge", shownAs, 1, [total, maxBytes]);
      chunks.push(chunk.subarray(0, n));
    }
    return decodeText(Buffer.concat(chunks)).text;
  } catch (err) {
    if (err instanceof ApiFileError) throw err;
    throw new ApiFileError("FileUnreadable", shownAs, 1, [(err as Error).message.split("\n")[0]]);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
