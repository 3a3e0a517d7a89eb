/** Starts test/helpers/fakeAdo.ts in its own process and reads back the requests it logged. */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface FakeAdo {
  port: number;
  process: ChildProcess;
  /** Every request the fake received, in order (method, url, auth, type, body). */
  requests(): Array<{ method: string; url: string; auth?: string; type?: string; body: string }>;
  /** The log file (one JSON line per request). */
  log: string;
}

export async function startFakeAdo(...args: string[]): Promise<FakeAdo> {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-ado-")), "requests.jsonl");
  fs.writeFileSync(log, "");
  const child = spawn(process.execPath, [path.join(__dirname, "fakeAdo.js"), log, ...args]);
  const port = await new Promise<number>((resolve) =>
    child.stdout!.once("data", (d: Buffer) => resolve(Number(/listening (\d+)/.exec(d.toString())![1]))),
  );
  return {
    port,
    process: child,
    log,
    requests: () =>
      fs
        .readFileSync(log, "utf8")
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
  };
}
