// The esbuild options every Node bundle shares (tasks, task entries, the CLI), in one place so that
// the build and the bench bundle the same way.

/** One CommonJS file for the agent's Node (Node20_1 is the oldest handler the tasks declare). */
export const nodeBundleOptions = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minify: true,
  legalComments: "eof",
  loader: { ".resjson": "json" },
  // ES module builds first: jsonc-parser's CommonJS build is UMD with run-time requires esbuild cannot follow.
  mainFields: ["module", "main"],
  // A stack trace from a user's log must lead to our TypeScript: a .map beside each bundle, without
  // the sources (the .vsix stays small; the code is in the repository at the task's version).
  sourcemap: true,
  sourcesContent: false,
  logLevel: "warning",
};

/**
 * What the agent runs (`node index.js`) is a two-line entry that turns source maps on and then loads
 * the bundle: Node applies a map only to files loaded after `process.setSourceMapsEnabled(true)`, so
 * the call cannot sit inside the bundle it maps. `bundleFile` is the bundle's name beside the entry.
 */
export function entryStub(bundleFile) {
  return `"use strict";\n// Stacks name the TypeScript file and line (${bundleFile}.map).\nprocess.setSourceMapsEnabled(true);\nmodule.exports = require("./${bundleFile}");\n`;
}
