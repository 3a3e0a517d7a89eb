/** The build scripts, loaded from the tests (Node ≥ 20.19 requires ES modules synchronously). */
import * as path from "path";
import { repoRoot } from "./taskRun";

export interface ValidateTasks {
  taskProblems(dir: string, options?: { built?: boolean }): string[];
  extensionProblems(dirs: string[]): string[];
}

export function validateTasks(): ValidateTasks {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(repoRoot, "scripts", "validate-tasks.mjs")) as ValidateTasks;
}

export const taskNames = (): string[] =>
  (require(path.join(repoRoot, "scripts", "tasks.mjs")) as { taskFolders(): Array<{ name: string }> }).taskFolders().map((t) => t.name);

/** Headless Chromium from scripts/browser.mjs: Debian's when present, else the npm-shipped one. */
export function launchChromium(): Promise<import("playwright-core").Browser> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(path.join(repoRoot, "scripts", "browser.mjs")) as { launchChromium(): Promise<import("playwright-core").Browser> }).launchChromium();
}
