/**
 * Finding and stopping every process a routine left behind, the way the Azure Pipelines agent finds a
 * job's orphans: the routine starts with a variable of our own in its environment, every process it
 * starts inherits it, and `/proc/<pid>/environ` shows it even for a process that left the routine's
 * process group or session (`setsid sleep 40 &`) or was re-parented to init after its parent exited.
 *
 * Differences from the agent's `VSTS_PROCESS_LOOKUP_ID`, on purpose: the agent's value is one per job
 * and the task itself carries it (killing by it would kill the task and the agent's other steps); ours
 * is fresh for each run and only the routine's environment gets it. The task's own process and its
 * ancestors are never signalled, whatever their environment says.
 *
 * A process that started with a cleared environment (`env -i …`) does not carry the variable; it is
 * still found while a marked process is its ancestor (the whole tree is read in one pass before any
 * signal), not after its marked ancestors are gone. Linux only: elsewhere (no /proc) nothing is found
 * and the caller still has the process group.
 */
import * as fs from "fs";
import * as path from "path";
import { neutralizeAgentCommands } from "../logSafe";

export interface RoutineProcess {
  pid: number;
  /** The kernel's command name (`/proc/<pid>/comm`, at most 15 bytes), made printable; see printableName. */
  name: string;
}

export interface ProcessMarker {
  name: string;
  value: string;
}

const PROC = "/proc";
const ENVIRON_CHUNK = 64 * 1024;

/** `pid (comm) state ppid …`: comm may hold spaces and parentheses, so the last `)` ends it. */
function readStat(
  procRoot: string,
  pid: number,
): { name: string; state: string; ppid: number; pgrp: number } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(procRoot, String(pid), "stat"), "latin1");
  } catch {
    return undefined;
  }
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) return undefined;
  const rest = text.slice(close + 2).split(" ");
  return { name: text.slice(open + 1, close), state: rest[0], ppid: Number(rest[1]), pgrp: Number(rest[2]) };
}

/**
 * Whether the environment of `pid` holds exactly `NAME=value`. Read in chunks, so a process with a
 * huge environment costs time, not memory; unreadable (another user's process, gone) is false.
 */
export function carriesMarker(pid: number, marker: ProcessMarker, procRoot = PROC): boolean {
  // Every entry ends with NUL; one more NUL in front makes the first entry look like the others.
  const needle = Buffer.from(`\0${marker.name}=${marker.value}\0`);
  let fd: number;
  try {
    fd = fs.openSync(path.join(procRoot, String(pid), "environ"), "r");
  } catch {
    return false;
  }
  try {
    const buffer = Buffer.alloc(needle.length - 1 + ENVIRON_CHUNK);
    buffer[0] = 0;
    let carried = 1; // bytes kept at the front of the buffer from the previous chunk
    for (;;) {
      const read = fs.readSync(fd, buffer, carried, ENVIRON_CHUNK, null);
      if (read === 0) return false;
      const filled = carried + read;
      if (buffer.subarray(0, filled).includes(needle)) return true;
      carried = Math.min(needle.length - 1, filled);
      buffer.copy(buffer, 0, filled - carried, filled);
    }
  } catch {
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

/** `pid`, its parent, its parent's parent… up to init: the processes a cleanup must never touch. */
export function ancestorsOf(pid: number, procRoot = PROC): Set<number> {
  const chain = new Set<number>();
  for (let p = pid; p > 0 && !chain.has(p);) {
    chain.add(p);
    const stat = readStat(procRoot, p);
    if (!stat) break;
    p = stat.ppid;
  }
  return chain;
}

/**
 * A process name as it may be printed in a log line: control characters become `?`, at most 40
 * characters, never an agent command. comm is set by the process itself (prctl, or its file name), so
 * it is outside text like any other.
 */
export function printableName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = raw.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "?");
  return neutralizeAgentCommands(clean.length > 40 ? clean.slice(0, 40) + "…" : clean);
}

/**
 * Every live process carrying the marker or in `processGroup` (the routine's own group), plus every
 * live descendant of one (read in the same pass), except `protectedPids` (the task's own process and
 * its ancestors). Zombies are left out: they are already dead and their environment reads empty anyway.
 */
export function findMarkedProcesses(
  marker: ProcessMarker,
  protectedPids: Set<number>,
  options: { processGroup?: number; procRoot?: string } = {},
): RoutineProcess[] {
  const procRoot = options.procRoot ?? PROC;
  let entries: string[];
  try {
    entries = fs.readdirSync(procRoot);
  } catch {
    return [];
  }
  const table = new Map<number, { name: string; ppid: number; pgrp: number }>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const stat = readStat(procRoot, pid);
    if (!stat || stat.state === "Z" || stat.state === "X") continue;
    table.set(pid, stat);
  }
  const chosen = new Set<number>();
  for (const [pid, { pgrp }] of table) {
    if (protectedPids.has(pid)) continue;
    if (pgrp === options.processGroup || carriesMarker(pid, marker, procRoot)) chosen.add(pid);
  }
  // Descendants of a marked process belong to the routine too, even with a cleared environment.
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of table) {
    const siblings = children.get(ppid);
    if (siblings) siblings.push(pid);
    else children.set(ppid, [pid]);
  }
  const queue = [...chosen];
  while (queue.length) {
    for (const child of children.get(queue.pop()!) ?? []) {
      if (chosen.has(child) || protectedPids.has(child)) continue;
      chosen.add(child);
      queue.push(child);
    }
  }
  return [...chosen].sort((a, b) => a - b).map((pid) => ({ pid, name: printableName(table.get(pid)!.name) }));
}

/** Sends `signal` to each process; returns the ones it reached (a process already gone is skipped). */
export function signalProcesses(processes: RoutineProcess[], signal: NodeJS.Signals): RoutineProcess[] {
  const reached: RoutineProcess[] = [];
  for (const p of processes) {
    try {
      process.kill(p.pid, signal);
      reached.push(p);
    } catch {
      /* gone since the scan, or not ours to signal */
    }
  }
  return reached;
}

/** `pid 123 (sleep), pid 124 (python3)`: at most `max` named, then `… (+N)`; for a log line, not its start. */
export function listProcesses(processes: RoutineProcess[], max = 20): string {
  const named = processes.slice(0, max).map((p) => `pid ${p.pid} (${p.name})`);
  if (processes.length > max) named.push(`… (+${processes.length - max})`);
  return named.join(", ");
}
