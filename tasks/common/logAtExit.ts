/**
 * The log of a task that finishes in milliseconds (CreateOCVars), sent to the agent in one
 * synchronous write of stdout when the process exits: task-lib's lines from the moment it loads,
 * then the task's own, in the order they were written.
 *
 * Why: on a pipe (how the agent reads a task), creating `process.stdout` costs Node ≈ 3–4 ms (net,
 * streams, a pipe handle: measured with `npm run bench`), more than CreateOCVars' own work, and
 * task-lib then writes each `##vso` line on its own (≈ 80 writes, each waking the agent's reader).
 * task-lib writes debug lines while it loads, so the sink is set in ./taskLibOutput before that:
 * **import this module first** in the task's entry.
 *
 * Not for a task that runs long or streams a child's output: its log must show progress as it
 * happens. Lines written after this module loaded are not lost when the task ends, throws or calls
 * `process.exit`: the exit handler runs then. A process killed by a signal (the agent cancelling the
 * job) ends without it, which for a task of milliseconds means a cancel that arrived mid-run.
 */
import * as os from "os";
import { taskLibOutput } from "./taskLibOutput";
import { writeAllSync } from "./writeAllSync";

const pending: string[] = [];

/** task-lib writes every command and debug line through this stream, from its first one. */
taskLibOutput.stream = { write: (text: string) => pending.push(text) > 0 };
process.once("exit", () => {
  const text = pending.join("");
  pending.length = 0;
  if (text) writeAllSync(1, text);
});

/** A line of the task's own, after task-lib's lines so far (console.log would create process.stdout). */
export function logLine(text: string): void {
  pending.push(text + os.EOL);
}
