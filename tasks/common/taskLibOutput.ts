/**
 * Where azure-pipelines-task-lib writes its log when a task chose before task-lib loaded. The
 * bundles' build (scripts/taskLibStartup.mjs) makes task-lib's internal.js start from this stream
 * instead of creating `process.stdout`; null, task-lib creates process.stdout at its first write,
 * as it always did. Set it at import time, before any module that imports task-lib: task-lib
 * writes its first debug lines while it loads (tasks/common/logAtExit.ts does).
 */
export const taskLibOutput: { stream: { write(text: string): unknown } | null } = { stream: null };
