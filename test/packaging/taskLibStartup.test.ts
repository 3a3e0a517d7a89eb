import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as esbuild from "esbuild";
import { recordStdStreamCreation } from "../helpers/stdStreams";
import { repoRoot } from "../helpers/taskRun";

interface TaskLibStartup {
  taskLibStartup(options: { cultures: string[]; onDemandPlugins?: esbuild.Plugin[] }): esbuild.Plugin;
  makeRequiresLazy(file: string, source: string): string;
  TASK_LIB_OUTPUT: string;
  TASK_LIB_DIR: string;
  trimLibResource(
    resource: unknown,
    cultures: string[],
  ): { messages: Record<string, string>; localizedMessages: Record<string, Record<string, string>> };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require(path.join(repoRoot, "scripts", "taskLibStartup.mjs")) as TaskLibStartup;
const taskLibDir = plugin.TASK_LIB_DIR;

/**
 * A probe that uses what the plugin defers: the tool runner, child_process, minimatch. Run once
 * bundled with the plugin and once without, it must print the same results.
 */
const PROBE = `
const tl = require("azure-pipelines-task-lib/task");
const atStart = [...(globalThis.lzModulesRun || [])];
if (process.moduleLoadList.includes("NativeModule child_process")) atStart.push("child_process");
const out = { atStart: atStart.sort() };
try { tl.assertAgent("2.104.1"); out.agentOk = true; } catch (e) { out.agentOk = e.message; }
try { tl.assertAgent("9.0.0"); out.agentTooOld = "no error"; } catch (e) { out.agentTooOld = e.message; }
out.toolRunnerExported = typeof tl.ToolRunner === "function" && Object.keys(tl).includes("ToolRunner");
out.tool = tl.tool(process.execPath).arg(["-e", "process.stdout.write('tool ran')"]).execSync({ silent: true }).stdout;
out.viaClass = new tl.ToolRunner(process.execPath).arg(["-e", "process.stdout.write('class ran')"]).execSync({ silent: true }).stdout;
out.match = tl.match(["/a/x.py", "/a/y.sql", "/a/b/z.py"], "/a/**/*.py");
out.filter = ["x.py", "y.sql"].filter(tl.filter("*.sql"));
out.find = tl.findMatch(process.argv[2], "**/*.txt").map((f) => f.slice(process.argv[2].length + 1)).sort();
tl.setResourcePath(process.argv[3]);
out.loc = tl.loc("LIB_InputRequired", "pmoVariable");
// The asynchronous path (q promises, events, a failing exit code with task-lib's message).
tl.tool(process.execPath).arg(["-e", "process.exit(3)"]).exec({ silent: true }).then(
  (code) => { out.exec = "exit " + code; },
  (err) => { out.exec = err.message.replace(process.execPath, "<node>"); },
).then(() => process.stdout.write("\\nPROBE " + JSON.stringify(out) + "\\n"));
`;

/**
 * A probe that gives task-lib its own stream before task-lib loads (as tasks/common/logAtExit.ts
 * does) and reports which of process.stdout/stderr got created and what reached its stream.
 */
const STREAM_PROBE = `
const created = [];
${recordStdStreamCreation("created")}
const vm = require("vm");
let compiled = 0;
const runInThisContext = vm.runInThisContext;
vm.runInThisContext = function (...args) { compiled++; return runInThisContext.apply(this, args); };
const lines = [];
require(${JSON.stringify(plugin.TASK_LIB_OUTPUT)}).taskLibOutput.stream = { write: (text) => lines.push(text) };
const tl = require("azure-pipelines-task-lib/task");
tl.debug("probe line");
const debugLines = lines.length;
const compiledAtStart = compiled;
// The tool runner (the on-demand part) logs through task-lib's internal module: it must be the bundle's own.
tl.tool("node");
require("fs").writeSync(1, "PROBE " + JSON.stringify({ created, lines: lines.slice(0, debugLines), toolLines: lines.slice(debugLines), compiledAtStart, compiledAfterTool: compiled }) + "\\n");
`;

interface StreamProbe {
  created: string[];
  lines: string[];
  toolLines: string[];
  compiledAtStart: number;
  compiledAfterTool: number;
}

/** Test-only plugin: the modules the plugin defers record when their code runs. */
const recordModuleRuns: esbuild.Plugin = {
  name: "record-module-runs",
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/](semver|q|minimatch)[\\/](semver|q|minimatch)\.js$/ }, (args) => {
      const name = path.basename(args.path, ".js");
      const source = fs.readFileSync(args.path, "utf8");
      return {
        contents: `(globalThis.lzModulesRun ||= []).push(${JSON.stringify(name)});\n${source}`,
        loader: "js",
        resolveDir: path.dirname(args.path),
      };
    });
  },
};

describe("the task-lib startup plugin (scripts/taskLibStartup.mjs)", function () {
  this.timeout(60000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "lz-tasklib-"));
  const files = path.join(work, "files");
  const taskJson = path.join(work, "task.json");

  before(async () => {
    fs.mkdirSync(path.join(files, "sub"), { recursive: true });
    fs.writeFileSync(path.join(files, "a.txt"), "");
    fs.writeFileSync(path.join(files, "sub", "b.txt"), "");
    fs.writeFileSync(path.join(files, "c.log"), "");
    fs.writeFileSync(taskJson, JSON.stringify({ messages: {} }));
    // Minified and for node16, as the shipped bundles (the on-demand part inherits both).
    const common: esbuild.BuildOptions = {
      stdin: { contents: PROBE, resolveDir: repoRoot },
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node16",
      minify: true,
      logLevel: "error",
    };
    await esbuild.build({
      ...common,
      outfile: path.join(work, "with.js"),
      plugins: [plugin.taskLibStartup({ cultures: ["es-ES"], onDemandPlugins: [recordModuleRuns] }), recordModuleRuns],
    });
    await esbuild.build({ ...common, outfile: path.join(work, "without.js"), plugins: [recordModuleRuns] });
    const streams: esbuild.BuildOptions = { ...common, stdin: { contents: STREAM_PROBE, resolveDir: repoRoot } };
    await esbuild.build({
      ...streams,
      outfile: path.join(work, "streams-with.js"),
      plugins: [plugin.taskLibStartup({ cultures: ["es-ES"] })],
    });
    await esbuild.build({ ...streams, outfile: path.join(work, "streams-without.js") });
  });

  function probe<T = Record<string, unknown>>(bundle: string, culture?: string): T {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, AGENT_TEMPDIRECTORY: work, AGENT_VERSION: "3.236.1" };
    if (culture) env.SYSTEM_CULTURE = culture;
    const run = spawnSync(process.execPath, [path.join(work, bundle), files, taskJson], { env, encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    const line = run.stdout.split("\n").find((l) => l.startsWith("PROBE "));
    assert.ok(line, run.stdout);
    return JSON.parse(line.slice("PROBE ".length));
  }

  it("runs neither child_process, the tool runner's q, minimatch nor semver when task-lib loads (the unpatched bundle does)", () => {
    assert.deepEqual(probe("with.js").atStart, []);
    assert.deepEqual(probe("without.js").atStart, ["child_process", "minimatch", "q", "semver"]);
  });

  it("still runs tools, matches and finds exactly as task-lib does", () => {
    const withPlugin = probe("with.js");
    const without = probe("without.js");
    assert.equal(withPlugin.tool, "tool ran");
    assert.equal(withPlugin.viaClass, "class ran");
    assert.deepEqual(withPlugin.match, ["/a/x.py", "/a/b/z.py"]);
    assert.deepEqual(withPlugin.find, ["a.txt", path.join("sub", "b.txt")]);
    assert.equal(withPlugin.toolRunnerExported, true);
    assert.equal(withPlugin.agentOk, true);
    assert.match(
      String(withPlugin.agentTooOld),
      /Agent version 9\.0\.0 or higher is required\. Detected Agent version: 3\.236\.1/,
    );
    assert.equal(withPlugin.exec, "The process '<node>' failed with exit code 3");
    for (const key of [
      "tool",
      "viaClass",
      "exec",
      "match",
      "filter",
      "find",
      "toolRunnerExported",
      "agentOk",
      "agentTooOld",
      "loc",
    ]) {
      assert.deepEqual(withPlugin[key], without[key], key);
    }
  });

  it("creates neither process.stdout nor process.stderr when the task put task-lib's stream in tasks/common/taskLibOutput first (the unpatched bundle creates both)", () => {
    const withPlugin = probe<StreamProbe>("streams-with.js");
    assert.deepEqual(withPlugin.created, []);
    assert.ok(
      withPlugin.lines.some((l) => l.startsWith("##vso[task.debug]loading inputs and endpoints")),
      "task-lib's load lines reach the stream",
    );
    assert.equal(withPlugin.lines.at(-1), "##vso[task.debug]probe line\n");
    const without = probe<StreamProbe>("streams-without.js");
    assert.deepEqual(without.created, ["stdout", "stderr"]);
    assert.deepEqual(without.lines, [], "unpatched, task-lib ignores the stream and writes to process.stdout");
  });

  it("compiles the on-demand part (tool runner, q, minimatch, semver) at its first use, sharing task-lib's internal module with the bundle", () => {
    const withPlugin = probe<StreamProbe>("streams-with.js");
    assert.deepEqual([withPlugin.compiledAtStart, withPlugin.compiledAfterTool], [0, 1]);
    // Its tool runner logs through the bundle's own task-lib internal module (a copy would write to process.stdout).
    assert.equal(withPlugin.toolLines[0], "##vso[task.debug]which 'node'\n");
    assert.match(withPlugin.toolLines[1], /^##vso\[task\.debug\]found: '.*[\\/]node'\n$/);
    assert.deepEqual(withPlugin.created, []);
    const without = probe<StreamProbe>("streams-without.js");
    assert.deepEqual(
      [without.compiledAtStart, without.compiledAfterTool],
      [0, 0],
      "unpatched, the tool runner is ordinary bundled code",
    );
  });

  it("keeps task-lib's messages in the shipped cultures; others fall back to English", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const original = require(path.join(taskLibDir, "lib-resource.js"));
    const english = original.messages.LIB_InputRequired.replace("%s", "pmoVariable");
    const spanish = original.localizedMessages["es-ES"]["loc.messages.LIB_InputRequired"].replace("%s", "pmoVariable");
    assert.notEqual(spanish, english);
    assert.equal(probe("with.js", "es-ES").loc, spanish);
    assert.equal(probe("with.js", "en-US").loc, english);
    assert.equal(probe("with.js", "de-DE").loc, english);
    assert.notEqual(probe("without.js", "de-DE").loc, english, "the unpatched bundle still has German");
  });

  it("trims the table to English and the given cultures", () => {
    const original = {
      messages: { A: "a" },
      localizedMessages: { "de-DE": { x: "1" }, "es-ES": { x: "2" }, "en-US": { x: "3" } },
    };
    assert.deepEqual(plugin.trimLibResource(original, ["en-US", "es-es"]), {
      messages: { A: "a" },
      localizedMessages: { "es-ES": { x: "2" }, "en-US": { x: "3" } },
    });
    assert.throws(() => plugin.trimLibResource({ messages: {} }, ["en-US"]), /lib-resource\.js no longer exports/);
  });

  it("fails the build, naming the file, when task-lib's source is not the one it knows", () => {
    const task = fs.readFileSync(path.join(taskLibDir, "task.js"), "utf8");
    assert.throws(
      () => plugin.makeRequiresLazy("task.js", task.replace('var trm = require("./toolrunner");', "")),
      /task\.js: expected one "var trm = require\("\.\/toolrunner"\)", found 0/,
    );
    assert.throws(
      () => plugin.makeRequiresLazy("task.js", task + "\nmodule.exports.runner = trm;\n"),
      /task\.js: "trm" is used 1 time\(s\) other than as "trm\.member"/,
    );
    assert.throws(
      () => plugin.makeRequiresLazy("task.js", task.replace("exports.ToolRunner = trm.ToolRunner;", "")),
      /exports\.ToolRunner = trm\.ToolRunner/,
    );
    assert.throws(
      () =>
        plugin.makeRequiresLazy(
          "task.js",
          task.replace("if (semver.lt(process.versions.node, '4.2.0')) {", "if (old) {"),
        ),
      /task\.js: expected one "if \(semver\.lt\(process\.versions\.node, '4\.2\.0'\)\) \{", found 0/,
    );
    const internal = fs.readFileSync(path.join(taskLibDir, "internal.js"), "utf8");
    assert.throws(
      () => plugin.makeRequiresLazy("internal.js", internal + "\nexports.v = semver.valid('1.0.0');\n"),
      /internal\.js: "semver" is still used after its declaration was removed/,
    );
    assert.throws(
      () => plugin.makeRequiresLazy("internal.js", internal + "\nexports.err = function () { return _errStream; };\n"),
      /internal\.js: expected "_errStream" 2 times, found 3/,
    );
    assert.throws(
      () =>
        plugin.makeRequiresLazy(
          "internal.js",
          internal.replace("var _outStream = process.stdout;", "var _outStream = process.stdout || null;"),
        ),
      /internal\.js: expected one "var _outStream = process\.stdout;", found 0/,
    );
    assert.equal(
      plugin.makeRequiresLazy("vault.js", "var crypto = require('crypto');"),
      "var crypto = require('crypto');",
    );
  });
});
