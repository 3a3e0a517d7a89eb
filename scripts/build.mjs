// Builds everything the tests and the package need, under build/:
//   build/ts/       tsc output (type check + the code mocha runs)
//   build/tasks/X/  each task as it ships: index.js (turns source maps on, loads index.bundle.js),
//                   index.bundle.js + .map (task-lib inlined once), task.json, task.loc.json, icon.png, Strings/
//   build/cli/lz.js the `lz` CLI, one file
// Usage: node scripts/build.mjs [--no-tsc]
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import * as esbuild from "esbuild";
import { entryStub, nodeBundleOptions } from "./bundleOptions.mjs";
import { root, taskFolders } from "./tasks.mjs";

const require = createRequire(import.meta.url);
const started = Date.now();
const out = path.join(root, "build");

if (!process.argv.includes("--no-tsc")) {
  fs.rmSync(path.join(out, "ts"), { recursive: true, force: true });
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tsconfig.json")], {
    stdio: "inherit",
  });
}

/**
 * dt-sql-parser ships ES modules that plain node cannot load: the one file that imports it is
 * bundled over its tsc output, so the tests (build/ts) can require it like any other module.
 */
const ESM_ONLY_WRAPPERS = ["core/sql/impala.ts"];

/** Files of a task folder that ship beside the bundle. */
const TASK_ASSETS = ["task.json", "task.loc.json", "icon.png", "Strings"];
// bundle.json is build input, not shipped.

/**
 * Bundles a Node entry point to `<dir>/<name>.bundle.js` (+ its .map) and writes `<dir>/<name>.js`,
 * the stub that turns source maps on and loads it: what the agent, the worker pool and bin/lz.js run.
 */
async function bundleNodeEntry(entry, dir, name, options = {}) {
  const bundleFile = `${name}.bundle.js`;
  await esbuild.build({ ...nodeBundleOptions, ...options, entryPoints: [entry], outfile: path.join(dir, bundleFile) });
  fs.writeFileSync(path.join(dir, `${name}.js`), entryStub(bundleFile));
}

const builds = ESM_ONLY_WRAPPERS.map((file) =>
  esbuild.build({
    ...nodeBundleOptions,
    minify: false,
    entryPoints: [path.join(root, file)],
    outfile: path.join(out, "ts", file.replace(/\.ts$/, ".js")),
  }),
);

builds.push(
  ...taskFolders().map(async ({ name, dir }) => {
    const dest = path.join(out, "tasks", name);
    fs.rmSync(dest, { recursive: true, force: true });
    fs.mkdirSync(dest, { recursive: true });
    // bundle.json "external": modules loaded only when the agent has them (hive-driver's optional kerberos).
    const spec0 = fs.existsSync(path.join(dir, "bundle.json"))
      ? JSON.parse(fs.readFileSync(path.join(dir, "bundle.json"), "utf8"))
      : {};
    await bundleNodeEntry(path.join(dir, "index.ts"), dest, "index", { external: spec0.external ?? [] });
    for (const asset of TASK_ASSETS) {
      const from = path.join(dir, asset);
      if (fs.existsSync(from)) fs.cpSync(from, path.join(dest, asset), { recursive: true });
    }
    // A task's bundle.json lists its runtime files (parser .wasm, copied beside the bundle) and
    // extra entry points (a worker thread script), each bundled to <name>.js beside index.js.
    const extra = path.join(dir, "bundle.json");
    if (fs.existsSync(extra)) {
      const spec = JSON.parse(fs.readFileSync(extra, "utf8"));
      for (const file of spec.copy ?? []) {
        const source = require.resolve(file);
        fs.copyFileSync(source, path.join(dest, path.basename(source)));
      }
      for (const [name, entry] of Object.entries(spec.entries ?? {})) {
        await bundleNodeEntry(path.join(root, entry), dest, name);
      }
    }
  }),
);

fs.rmSync(path.join(out, "cli"), { recursive: true, force: true });
// The CLI: one bundle, plus the validator's worker thread and the parser .wasm files beside it.
builds.push(
  // sql.js and proper-lockfile (the embedded inventory) load from node_modules: the CLI runs in the repository.
  bundleNodeEntry(path.join(root, "cli", "lz.ts"), path.join(out, "cli"), "lz", {
    external: ["sql.js", "proper-lockfile"],
  }),
  bundleNodeEntry(path.join(root, "core", "validator", "worker.ts"), path.join(out, "cli"), "validatorWorker"),
  // lz api add-table | add-coordinator: their own small bundle (bin/lz.js picks it).
  bundleNodeEntry(path.join(root, "cli", "apiEdit.ts"), path.join(out, "cli"), "lzApiEdit"),
);
fs.mkdirSync(path.join(out, "cli"), { recursive: true });
for (const wasm of ["web-tree-sitter/web-tree-sitter.wasm", "tree-sitter-python/tree-sitter-python.wasm"]) {
  fs.copyFileSync(require.resolve(wasm), path.join(out, "cli", path.basename(wasm)));
}

// The release tab and hub: browser bundles (React, azure-devops-ui and its CSS and fonts) + pages.
const hubOut = path.join(out, "hub");
fs.rmSync(hubOut, { recursive: true, force: true });
builds.push(
  esbuild.build({
    entryPoints: { tab: path.join(root, "hub", "tab.tsx"), hub: path.join(root, "hub", "hub.tsx") },
    outdir: hubOut,
    bundle: true,
    platform: "browser",
    target: "es2019",
    format: "iife",
    minify: true,
    legalComments: "eof",
    loader: {
      ".woff": "file",
      ".woff2": "file",
      ".ttf": "file",
      ".eot": "file",
      ".svg": "file",
      ".png": "file",
      ".resjson": "json",
    },
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  }),
);
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tsconfig.hub.json")], {
  stdio: "inherit",
});

await Promise.all(builds);
// One page per entry: its stylesheet, a root and its script.
for (const page of ["tab", "hub"]) {
  fs.writeFileSync(
    path.join(hubOut, `${page}.html`),
    `<!DOCTYPE html>\n<html>\n  <head>\n    <meta charset="utf-8" />\n    <link rel="stylesheet" href="${page}.css" />\n  </head>\n  <body>\n    <div id="root"></div>\n    <script src="${page}.js"></script>\n  </body>\n</html>\n`,
  );
}
console.log(`build: ${taskFolders().length} task(s) and the CLI in ${Date.now() - started} ms`);
