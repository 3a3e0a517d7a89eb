/** The user's run logs attached to the HU: downloaded into a folder for the log checks. */
import * as fs from "fs";
import * as path from "path";
import type { WorkItemGateway } from "../validator/huComment";

export async function downloadLogAttachments(
  gateway: WorkItemGateway,
  workItemId: number,
  folder: string,
): Promise<string[]> {
  fs.mkdirSync(folder, { recursive: true });
  const names: string[] = [];
  for (const a of await gateway.listAttachments(workItemId)) {
    if (!/\.(log|zip)$/i.test(a.name)) continue;
    // Two attachments may share a name: keep both.
    let target = path.basename(a.name);
    for (let i = 2; names.includes(target); i++) target = target.replace(/(\.[^.]+)$/, `_${i}$1`);
    fs.writeFileSync(path.join(folder, target), await gateway.download(a.url, a.name));
    names.push(target);
  }
  return names;
}
