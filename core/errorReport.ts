/**
 * What an unexpected error shows in a pipeline log: its message and the frames of our own code,
 * with paths from the repository root (`core/…`, `tasks/…`, `cli/…`), never the agent's folders.
 * The bundles' source maps turn the frames into TypeScript; the full stack is for debug output only.
 */

const MAX_FRAMES = 8;

/** `at fn (/agent/_work/_tasks/X/1.0.0/core/a.ts:3:5)` → `at fn (core/a.ts:3:5)`, for our .ts frames only. */
export function ownFrames(stack: string | undefined, max = MAX_FRAMES): string[] {
  const frames: string[] = [];
  for (const line of (stack ?? "").split("\n").slice(1)) {
    if (line.includes("node_modules")) continue;
    const m = /^\s*at (?:(.*?) \()?(.*?[\\/])?((?:core|tasks|cli)[\\/][^:()]*\.ts):(\d+):(\d+)\)?\s*$/.exec(line);
    if (!m) continue;
    const where = `${m[3].replace(/\\/g, "/")}:${m[4]}:${m[5]}`;
    frames.push(m[1] ? `at ${m[1]} (${where})` : `at ${where}`);
    if (frames.length === max) break;
  }
  return frames;
}

/** The message and our own frames, one per line, for a task's error line. */
export function describeUnexpected(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const head = `${err.name}: ${err.message}`;
  return [head, ...ownFrames(err.stack).map((f) => `    ${f}`)].join("\n");
}
