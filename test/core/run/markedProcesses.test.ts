import { strict as assert } from "assert";
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  ancestorsOf,
  carriesMarker,
  findMarkedProcesses,
  printableName,
  ProcessMarker,
} from "../../../core/run/markedProcesses";
import { holdsAgentCommand } from "../../../core/logSafe";

const MARKER: ProcessMarker = { name: "LZ_ROUTINE_RUN_ID", value: "0b5e9a4e-7d7c-4f0e-9f55-3f0d6d2a1c11" };
const MARK = `${MARKER.name}=${MARKER.value}`;

/** A fake /proc: pid → [comm, state, ppid, environment entries, process group (default: its own)]. */
function fakeProc(table: Record<number, [string, string, number, string[], number?]>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "lz-proc-"));
  for (const [pid, [comm, state, ppid, env, pgrp]] of Object.entries(table)) {
    fs.mkdirSync(path.join(root, pid));
    const stat = `${pid} (${comm}) ${state} ${ppid} ${pgrp ?? pid} ${pgrp ?? pid} 0 -1 4194304 0 0`;
    fs.writeFileSync(path.join(root, pid, "stat"), stat);
    fs.writeFileSync(path.join(root, pid, "environ"), env.map((e) => e + "\0").join(""));
  }
  fs.mkdirSync(path.join(root, "self"));
  return root;
}

describe("finding the processes a routine left behind (/proc/*/environ)", () => {
  it("finds marked processes, the routine's group and their descendants, never the task, its ancestors or a zombie", () => {
    const proc = fakeProc({
      1: ["init", "S", 0, [MARK]], // an ancestor that (wrongly) carries the marker
      50: ["agent) (Agent.Worker", "S", 1, ["PATH=/bin", MARK]],
      100: ["node", "S", 50, [MARK, "HOME=/root"]], // the task itself
      200: ["sleep", "S", 1, ["HOME=/x", MARK]], // `setsid sleep 40 &`, re-parented to init
      201: ["python3", "S", 200, []], // started with `env -i` by a marked process
      202: ["defunct", "Z", 200, [MARK]],
      300: ["sshd", "S", 1, ["PATH=/bin", `${MARKER.name}=another-run`]],
      301: ["bash", "S", 300, [`X${MARK}`]],
      302: ["bash", "S", 300, [`${MARK}0`]],
      303: ["task child", "S", 100, ["A=1"]], // a child of the task without the marker
      400: ["worker", "S", 1, [], 700], // in the routine's process group, environment cleared
      401: ["other", "S", 1, [], 701],
    });
    const protectedPids = ancestorsOf(100, proc);
    assert.deepEqual(
      [...protectedPids].sort((a, b) => a - b),
      [1, 50, 100],
    );
    assert.deepEqual(findMarkedProcesses(MARKER, protectedPids, { procRoot: proc, processGroup: 700 }), [
      { pid: 200, name: "sleep" },
      { pid: 201, name: "python3" },
      { pid: 400, name: "worker" },
    ]);
  });

  it("reads a huge environment in chunks and still finds the marker at its end", () => {
    const big = Array.from({ length: 3000 }, (_, i) => `V${i}=${"y".repeat(100)}`);
    const proc = fakeProc({ 10: ["r", "S", 1, [...big, MARK]], 11: ["r", "S", 1, big] });
    assert.equal(carriesMarker(10, MARKER, proc), true);
    assert.equal(carriesMarker(11, MARKER, proc), false);
    assert.equal(carriesMarker(12, MARKER, proc), false, "a process that is gone is not marked");
  });

  it("names a process in a printable, bounded form that cannot issue agent commands", () => {
    const name = printableName("##vso[task.setvariable variable=X]y\n" + "z".repeat(200));
    assert.equal(holdsAgentCommand(name), false);
    assert.ok(name.replaceAll("\u200b", "").length <= 41, name);
    assert.equal(/[\r\n]/.test(name), false);
  });

  it("on the real /proc: a task that carries the marker itself finds its marked child, not itself", async function () {
    if (!fs.existsSync("/proc/self/environ")) this.skip();
    // A node "task" started with the marker in its own environment (as the agent's job-wide variable
    // marks the task) scans /proc, protecting itself and its ancestors as RunRoutine does.
    const script = `
      const { spawn } = require("child_process");
      const m = require(${JSON.stringify(path.join(__dirname, "..", "..", "..", "core", "run", "markedProcesses.js"))});
      const child = spawn("sleep", ["30"], { stdio: "ignore" });
      setTimeout(() => {
        const found = m.findMarkedProcesses(${JSON.stringify(MARKER)}, m.ancestorsOf(process.pid));
        child.kill("SIGKILL");
        console.log(JSON.stringify({ self: process.pid, child: child.pid, found }));
      }, 300);`;
    const out = execFileSync(process.execPath, ["-e", script], {
      env: { ...process.env, [MARKER.name]: MARKER.value },
      encoding: "utf8",
    });
    const { self, child, found } = JSON.parse(out);
    assert.deepEqual(found, [{ pid: child, name: "sleep" }]);
    assert.equal(
      found.some((p: { pid: number }) => p.pid === self || ancestorsOf(process.pid).has(p.pid)),
      false,
    );
  });

  it("on the real /proc: a process of another run (another value) is not found", async function () {
    if (!fs.existsSync("/proc/self/environ")) this.skip();
    const other = spawn("sleep", ["30"], { env: { ...process.env, [MARKER.name]: "another-run" }, stdio: "ignore" });
    try {
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(findMarkedProcesses(MARKER, ancestorsOf(process.pid)), []);
    } finally {
      other.kill("SIGKILL");
    }
  });
});
