/**
 * esbuild plugin for what azure-pipelines-task-lib does at every task start, before the task's
 * first line runs (measured with `npm run bench`: task-lib's load was most of CreateOCVars' cold
 * start):
 *
 * 1. It loads its tool runner (child_process, q, events), child_process and minimatch, although
 *    most tasks never run a tool or match a glob. Those top-level requires become load-on-first-use
 *    accessors: a task that calls `tl.tool()`, `tl.match()`, `tl.findMatch()`, `new tl.ToolRunner()`…
 *    still gets them, only later.
 * 2. It builds semver's forty regular expressions at load to check `process.versions.node` against
 *    4.2.0, in task.js and in internal.js. The bundles target Node 16 (the oldest handler), so that
 *    check is `false` by construction and is compiled out; semver itself loads on first use
 *    (`tl.assertAgent()`).
 * 3. It creates `process.stdout` and `process.stderr` at load (on a pipe, how the agent reads a task,
 *    that is ≈ 3 ms of net and stream setup). It now starts from the stream a task may have put in
 *    tasks/common/taskLibOutput.ts before task-lib loaded (tasks/common/logAtExit.ts does), else
 *    creates process.stdout at its first write; stderr, which task-lib only stores for
 *    `tl.setErrStream` and never writes to, is not created by task-lib at all.
 * 4. lib-resource.js embeds task-lib's own messages in ten cultures; the bundle keeps English and
 *    the cultures the extension's tasks ship (es-ES), so task-lib speaks the same languages as the
 *    tasks (any other culture falls back to English, as task-lib does for a culture it lacks).
 *
 * 5. What 1 and 2 made lazy (the tool runner with q, minimatch, semver: about half of a small task's
 *    bundle) still had to be parsed at every start, as any code in the bundle. It is bundled apart
 *    and shipped in the task's one file as a string, compiled the first time a task uses any of it
 *    (`vm.runInThisContext`, stack frames named task-lib-on-demand.js). It shares task-lib's
 *    internal and externaloutput modules with the bundle (one vault, one log stream): the build
 *    fails if any other task-lib file would be copied into it.
 *
 * The rewrite is textual and deliberately strict: each declaration and each replaced line must be
 * found exactly once, each name must be used, and no bare use of a name may remain, otherwise the build fails naming the file,
 * so that a task-lib upgrade which moves these lines is noticed instead of silently shipping a broken
 * bundle. test/packaging/taskLibStartup.test.ts runs a tool, a match, a find and an agent check through a
 * bundle built with it, and checks what is no longer loaded at start.
 */
import * as fs from "fs";
import { createRequire, isBuiltin } from "module";
import * as path from "path";
import { fileURLToPath } from "url";

const require = createRequire(import.meta.url);

/** The module a task sets task-lib's first stream in, before task-lib loads. */
export const TASK_LIB_OUTPUT = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "tasks",
  "common",
  "taskLibOutput.ts",
);

/** The Node version check task-lib runs at load; the bundles' own target (node16) makes it false. */
const NODE_4_CHECK = "if (semver.lt(process.versions.node, '4.2.0')) {";
const NODE_4_CHECK_OUT = "if (false) { // esbuild target node16: never older than 4.2.0";

/**
 * Per task-lib file: exact lines replaced first (each found once), after which the `gone` names
 * must not be used any more, and names with the exact number of references they must have; then
 * local name → module it requires, made lazy; then the exports that must become getters.
 */
export const LAZY_REQUIRES = {
  "task.js": {
    replace: [[NODE_4_CHECK, NODE_4_CHECK_OUT]],
    modules: { childProcess: "child_process", minimatch: "minimatch", trm: "./toolrunner", semver: "semver" },
    exportGetters: { ToolRunner: "trm" },
  },
  "internal.js": {
    replace: [
      [NODE_4_CHECK, NODE_4_CHECK_OUT],
      ['var semver = require("semver");', "// semver: only the Node 4.2 check used it"],
      [
        "var _outStream = process.stdout;",
        `var _outStream = require(${JSON.stringify(TASK_LIB_OUTPUT)}).taskLibOutput.stream; // null: process.stdout at the first write`,
      ],
      ["    _outStream.write(str + os.EOL);", "    (_outStream || process.stdout).write(str + os.EOL);"],
      ["var _errStream = process.stderr;", "var _errStream = null; // stored by tl.setErrStream, never written to"],
    ],
    gone: ["semver"],
    // Declaration, setter and the one write: any other use (a read that expects the stream) fails the build.
    references: { _outStream: 3, _errStream: 2 },
    modules: { minimatch: "minimatch" },
    exportGetters: {},
  },
};

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Rewrites one task-lib file's source; throws with the reason when the source is not as expected. */
export function makeRequiresLazy(file, source) {
  const spec = LAZY_REQUIRES[file];
  if (!spec) return source;
  let out = source;
  const fail = (why) => {
    throw new Error(
      `taskLibStartup: azure-pipelines-task-lib/${file}: ${why}. scripts/taskLibStartup.mjs does not match this task-lib version: update LAZY_REQUIRES.`,
    );
  };
  for (const [from, to] of spec.replace ?? []) {
    const found = out.split(from).length - 1;
    if (found !== 1) fail(`expected one "${from}", found ${found}`);
    out = out.replace(from, to);
  }
  /** References to `name` in code (not in comments, strings or as a member), calls of it apart if asked. */
  const references = (name, { exceptCalls }) => {
    const code = out
      .split("\n")
      .filter((line) => !/^\s*\/\//.test(line))
      .join("\n");
    return (
      code.match(new RegExp(`(?<![.\\w$"'/])${escape(name)}(?![\\w$"'${exceptCalls ? "(" : ""}])`, "g"))?.length ?? 0
    );
  };
  for (const name of spec.gone ?? []) {
    if (references(name, { exceptCalls: false })) fail(`"${name}" is still used after its declaration was removed`);
  }
  for (const [name, expected] of Object.entries(spec.references ?? {})) {
    const found = references(name, { exceptCalls: false });
    if (found !== expected) fail(`expected "${name}" ${expected} times, found ${found}`);
  }
  for (const [name, module] of Object.entries(spec.modules)) {
    const declaration = new RegExp(`^var ${escape(name)} = require\\((["'])${escape(module)}\\1\\);$`, "m");
    const found = out.match(new RegExp(declaration.source, "gm")) ?? [];
    if (found.length !== 1) fail(`expected one "var ${name} = require("${module}")", found ${found.length}`);
    out = out.replace(
      declaration,
      `var ${name}$loaded; function ${name}() { return ${name}$loaded || (${name}$loaded = require("${module}")); }`,
    );
    const use = new RegExp(`(?<![.\\w$])${escape(name)}\\.`, "g");
    const uses = out.match(use)?.length ?? 0;
    if (uses === 0) fail(`"${name}" is never used`);
    // Parenthesized: `new trm.ToolRunner(x)` must stay `new (trm()).ToolRunner(x)`, not `(new trm()).ToolRunner(x)`.
    out = out.replace(use, `(${name}()).`);
    // Any other bare reference (passed as a value, typeof…) would now see the accessor function.
    const left = references(name, { exceptCalls: true });
    if (left > 0) fail(`"${name}" is used ${left} time(s) other than as "${name}.member"`);
  }
  for (const [exported, name] of Object.entries(spec.exportGetters)) {
    const assignment = `exports.${exported} = (${name}()).${exported};`;
    if (out.split(assignment).length !== 2) fail(`expected one "exports.${exported} = ${name}.${exported};"`);
    out = out.replace(
      assignment,
      `Object.defineProperty(exports, "${exported}", { enumerable: true, get: function () { return ${name}().${exported}; } });`,
    );
  }
  return out;
}

/** lib-resource.js's data with only the given cultures' translations (English is always kept). */
export function trimLibResource(resource, cultures) {
  if (!resource || typeof resource.messages !== "object" || typeof resource.localizedMessages !== "object") {
    throw new Error(
      "taskLibStartup: azure-pipelines-task-lib/lib-resource.js no longer exports { messages, localizedMessages }: update scripts/taskLibStartup.mjs.",
    );
  }
  const wanted = new Set(cultures.map((c) => c.toUpperCase()));
  const localizedMessages = Object.fromEntries(
    Object.entries(resource.localizedMessages).filter(([culture]) => wanted.has(culture.toUpperCase())),
  );
  return { messages: resource.messages, localizedMessages };
}

/** Where task-lib's files are: the on-demand part resolves from here, as task.js does. */
export const TASK_LIB_DIR = path.dirname(require.resolve("azure-pipelines-task-lib/task"));

/** What LAZY_REQUIRES made lazy, Node's own modules apart: the on-demand part, keyed by specifier. */
const ON_DEMAND = [...new Set(Object.values(LAZY_REQUIRES).flatMap((spec) => Object.values(spec.modules)))].filter(
  (module) => !isBuiltin(module),
);
/** task-lib modules the on-demand part takes from the bundle: their state (vault, log stream) is one. */
const SHARED_WITH_BUNDLE = ["./internal", "./externaloutput"];
const NAMESPACE = "task-lib-on-demand";
const LOADER = `${NAMESPACE}:loader`;

/**
 * Bundles the on-demand part alone and returns it as the source of a CommonJS function
 * `(require, module, exports) => …` whose exports are the ON_DEMAND modules by specifier.
 */
export async function buildOnDemandPart(esbuild, { target, minify, plugins = [] }) {
  const shared = new RegExp(`^(${SHARED_WITH_BUNDLE.map(escape).join("|")})$`);
  const result = await esbuild.build({
    stdin: {
      contents: `module.exports = { ${ON_DEMAND.map((spec) => `${JSON.stringify(spec)}: require(${JSON.stringify(spec)})`).join(", ")} };`,
      resolveDir: TASK_LIB_DIR,
      sourcefile: "task-lib-on-demand.js",
    },
    bundle: true,
    platform: "node",
    format: "cjs",
    target,
    minify,
    legalComments: "eof",
    write: false,
    metafile: true,
    logLevel: "warning",
    plugins: [
      {
        name: "shared-with-bundle",
        setup: (b) => b.onResolve({ filter: shared }, (args) => ({ path: args.path, external: true })),
      },
      ...plugins,
    ],
  });
  const copied = Object.keys(result.metafile.inputs).filter(
    (f) => /azure-pipelines-task-lib[\\/]/.test(f) && !/[\\/](toolrunner|task-lib-on-demand)\.js$/.test(f),
  );
  if (copied.length) {
    throw new Error(
      `taskLibStartup: the on-demand part would carry its own copy of ${copied.join(", ")} (task-lib state must be one): add it to SHARED_WITH_BUNDLE in scripts/taskLibStartup.mjs.`,
    );
  }
  return `(function (require, module, exports) {\n${result.outputFiles[0].text}\n})`;
}

/** The bundle's module that compiles the on-demand part at its first use and hands out its exports. */
function loaderModule(partSource) {
  return `var shared = { ${SHARED_WITH_BUNDLE.map((spec) => `${JSON.stringify(spec)}: require(${JSON.stringify(spec)})`).join(", ")} };
var part;
module.exports = function onDemand(name) {
  if (!part) {
    var loaded = { exports: {} };
    var compile = require("vm").runInThisContext(${JSON.stringify(partSource)}, { filename: require("path").join(__dirname, "task-lib-on-demand.js") });
    compile(function (id) { return Object.prototype.hasOwnProperty.call(shared, id) ? shared[id] : require(id); }, loaded, loaded.exports);
    part = loaded.exports;
  }
  return part[name];
};
`;
}

/**
 * @param {{ cultures: string[], onDemandPlugins?: import("esbuild").Plugin[] }} options the cultures the
 *   tasks ship (Strings/resources.resjson/<culture>); plugins for the on-demand part's own build (tests).
 */
export function taskLibStartup({ cultures, onDemandPlugins = [] }) {
  const files = Object.keys(LAZY_REQUIRES).map(escape).join("|");
  return {
    name: "task-lib-startup",
    setup(build) {
      build.onLoad({ filter: new RegExp(`[\\\\/]azure-pipelines-task-lib[\\\\/](${files})$`) }, async (args) => {
        const source = await fs.promises.readFile(args.path, "utf8");
        return {
          contents: makeRequiresLazy(path.basename(args.path), source),
          loader: "js",
          resolveDir: path.dirname(args.path),
        };
      });
      build.onLoad({ filter: /[\\/]azure-pipelines-task-lib[\\/]lib-resource\.js$/ }, (args) => {
        // Pure data (generated by task-lib's make.js): read it as a module, write back the trimmed table.
        const trimmed = trimLibResource(require(args.path), ["en-US", ...cultures]);
        return { contents: `module.exports = ${JSON.stringify(trimmed)};`, loader: "js" };
      });

      // task-lib's own lazy requires of the on-demand modules (anyone else's import is bundled as usual).
      const onDemand = new RegExp(`^(${ON_DEMAND.map(escape).join("|")})$`);
      build.onResolve({ filter: onDemand }, (args) =>
        path.resolve(path.dirname(args.importer)) === path.resolve(TASK_LIB_DIR)
          ? { path: args.path, namespace: NAMESPACE }
          : undefined,
      );
      build.onResolve({ filter: new RegExp(`^${escape(LOADER)}$`) }, () => ({ path: "loader", namespace: NAMESPACE }));
      let partSource;
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, async (args) => {
        if (args.path !== "loader")
          return {
            contents: `module.exports = require(${JSON.stringify(LOADER)})(${JSON.stringify(args.path)});`,
            loader: "js",
          };
        partSource ??= buildOnDemandPart(build.esbuild, {
          target: build.initialOptions.target,
          minify: build.initialOptions.minify,
          plugins: onDemandPlugins,
        });
        return { contents: loaderModule(await partSource), loader: "js", resolveDir: TASK_LIB_DIR };
      });
    },
  };
}
