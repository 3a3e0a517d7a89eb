/**
 * The user's run logs attached to the HU: downloaded into a folder for the log checks. Each download
 * is streamed to its file and stopped at maxAttachmentMb (a LOG007 finding; the partial file is
 * removed): the response is never held whole in memory.
 */
import * as fs from "fs";
import * as path from "path";
import type { WorkItemGateway } from "../findings/huComment";
import type { RawFinding } from "../findings/types";
import { OVER_LIMIT_WHAT, overLimit, shownMb, THEN } from "./readLogs";

/** Streams `content` into `file`; false (and no file) when it is longer than maxBytes. */
async function writeBounded(file: string, content: AsyncIterable<Uint8Array>, maxBytes: number): Promise<boolean> {
  const fd = fs.openSync(file, "w");
  let bytes = 0;
  let over = false;
  try {
    // Leaving the loop early destroys the response stream: the rest is never downloaded.
    for await (const chunk of content) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        over = true;
        break;
      }
      fs.writeSync(fd, chunk);
    }
  } finally {
    fs.closeSync(fd);
    if (over) fs.rmSync(file, { force: true });
  }
  return !over;
}

export async function downloadLogAttachments(
  gateway: WorkItemGateway,
  workItemId: number,
  folder: string,
  maxAttachmentMb: number,
): Promise<{ names: string[]; findings: RawFinding[] }> {
  fs.mkdirSync(folder, { recursive: true });
  const names: string[] = [];
  const findings: RawFinding[] = [];
  const maxBytes = maxAttachmentMb * 1024 * 1024;
  for (const a of await gateway.listAttachments(workItemId)) {
    if (!/\.(log|zip)$/i.test(a.name)) continue;
    // Two attachments may share a name: keep both.
    let target = path.basename(a.name);
    for (let i = 2; names.includes(target); i++) target = target.replace(/(\.[^.]+)$/, `_${i}$1`);
    if (await writeBounded(path.join(folder, target), await gateway.download(a.url, a.name), maxBytes)) {
      names.push(target);
    } else {
      findings.push(
        overLimit(target, OVER_LIMIT_WHAT.attachment, shownMb(maxBytes), "maxAttachmentMb", THEN.notDownloaded),
      );
    }
  }
  return { names, findings };
}
