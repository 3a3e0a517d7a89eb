/** The build scripts, loaded from the tests (Node ≥ 20.19 requires ES modules synchronously). */
import * as path from "path";
import type { Browser } from "playwright-core";
import { repoRoot } from "./taskRun";

/** A module of scripts/ (plain .mjs, outside the TypeScript project: its path is only known at run time). */
function script<T>(file: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a run-time path cannot be a static import
  return require(path.join(repoRoot, "scripts", file)) as T;
}

export interface ValidateTasks {
  taskProblems(dir: string, options?: { built?: boolean }): string[];
  extensionProblems(dirs: string[]): string[];
}

export const validateTasks = (): ValidateTasks => script<ValidateTasks>("validate-tasks.mjs");

export const taskNames = (): string[] =>
  script<{ taskFolders(): Array<{ name: string }> }>("tasks.mjs")
    .taskFolders()
    .map((t) => t.name);

/** Headless Chromium from scripts/browser.mjs: Debian's when present, else the npm-shipped one. */
export const launchChromium = (): Promise<Browser> =>
  script<{ launchChromium(): Promise<Browser> }>("browser.mjs").launchChromium();
