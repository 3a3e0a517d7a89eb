/** Log files from a folder: .log files and the .log files inside .zip archives (as attached to HUs). */
import * as fs from "fs";
import * as path from "path";
import JSZip from "jszip";
import { decodeText } from "../validator/files";
import type { LogFile } from "./checkLogs";

export async function logsFromBuffer(name: string, bytes: Buffer): Promise<LogFile[]> {
  if (/\.zip$/i.test(name)) {
    const zip = await JSZip.loadAsync(bytes);
    const out: LogFile[] = [];
    for (const entry of Object.values(zip.files)) {
      if (entry.dir || !/\.(log|txt)$/i.test(entry.name)) continue;
      out.push({ name: `${name}/${entry.name}`, text: decodeText(await entry.async("nodebuffer")).text });
    }
    return out;
  }
  return [{ name, text: decodeText(bytes).text }];
}

export async function readLogFolder(folder: string): Promise<LogFile[]> {
  const out: LogFile[] = [];
  const walk = async (dir: string, rel: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = path.join(dir, entry.name);
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(abs, r);
      else if (entry.isFile() && /\.(log|zip)$/i.test(entry.name))
        out.push(...(await logsFromBuffer(r, fs.readFileSync(abs))));
    }
  };
  await walk(folder, "");
  return out;
}
