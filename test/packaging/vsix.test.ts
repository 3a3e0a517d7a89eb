import { strict as assert } from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { TASK_NODES } from "../helpers/taskNodes";
import { repoRoot } from "../helpers/taskRun";

/** Budgets: ≤ 6 MB with every task and the tab (the foundation's 3 MB held for its own tasks). */
const VSIX_BUDGET = 6 * 1024 * 1024;
const TASK_BUNDLE_BUDGET: Record<string, number> = { CreateOCVarsV1: 600 * 1024 };
/** Whole task folders (bundle + worker + .wasm). */
const TASK_FOLDER_BUDGET: Record<string, number> = { ValidateRoutineV1: 2.5 * 1024 * 1024 };

/** Where this test's copy of the extension says its code lives (--repository). */
const REPOSITORY = "https://dev.azure.com/banco-test/LZ/_git/kit";

describe("the .vsix", function () {
  this.timeout(60000);
  let zip: JSZip;
  let vsixPath: string;
  let manifest: any;
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-vsix-"));

  before(async () => {
    execFileSync(
      process.execPath,
      [
        path.join(repoRoot, "scripts", "package.mjs"),
        "--no-build",
        "--output-dir",
        outDir,
        "--publisher",
        "banco-test",
        "--repository",
        REPOSITORY,
      ],
      {
        cwd: repoRoot,
        stdio: "pipe",
      },
    );
    const version = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).version;
    vsixPath = path.join(outDir, `banco-test.lz-routine-release-kit-${version}.vsix`);
    assert.ok(fs.existsSync(vsixPath), `expected ${vsixPath}`);
    zip = await JSZip.loadAsync(fs.readFileSync(vsixPath));
    manifest = JSON.parse(await zip.file("extension.vsomanifest")!.async("string"));
  });

  const files = () => Object.keys(zip.files).filter((f) => !zip.files[f].dir);
  /** A task's folder from the package, alone in a new temporary folder (returned); as the agent unpacks it. */
  const unzipTask = async (task: string): Promise<string> => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-unzipped-"));
    for (const f of files().filter((f) => f.startsWith(`tasks/${task}/`))) {
      const target = path.join(dir, f);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, await zip.file(f)!.async("nodebuffer"));
    }
    return dir;
  };

  it("is published under the publisher given on the command line", async () => {
    const vsixManifest = await zip.file("extension.vsixmanifest")!.async("string");
    assert.match(vsixManifest, /Publisher="banco-test"/);
  });

  it("has a marketplace listing: get-started, support and repository links, screenshot, license and changelog", async () => {
    const vsixManifest = await zip.file("extension.vsixmanifest")!.async("string");
    for (const asset of ["Content.License", "Content.Changelog", "Content.Details", "Screenshots.1"])
      assert.match(
        vsixManifest,
        new RegExp(`Microsoft\\.VisualStudio\\.Services\\.${asset.replace(".", "\\.")}`),
        asset,
      );
    for (const f of ["LICENSE", "CHANGELOG.md", "overview.md", "images/release-tab.png"]) assert.ok(zip.file(f), f);
    const links = [
      ...vsixManifest.matchAll(/Property Id="Microsoft\.VisualStudio\.Services\.Links\.(\w+)" Value="([^"]*)"/g),
    ];
    const byName = Object.fromEntries(links.map((m) => [m[1], m[2].replace(/&amp;/g, "&")]));
    assert.equal(byName.Repository, REPOSITORY, JSON.stringify(byName));
    assert.equal(byName.Getstarted, `${REPOSITORY}?path=/README.md&_a=preview&anchor=add-the-tasks-to-your-release`);
    assert.equal(byName.Support, `${REPOSITORY}?path=/README.md&_a=preview&anchor=support`);
    assert.equal(byName.License, `${REPOSITORY}?path=/LICENSE`);
    const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
    for (const heading of ["## Add the tasks to your release", "## Support"])
      assert.ok(readme.includes(`\n${heading}\n`), `the README has no "${heading}" section for the link`);
  });

  it("gives every task a help URL and a Learn more link into the README, in both languages, at --repository", async () => {
    for (const folder of files()
      .filter((f) => /^tasks\/[^/]+\/task\.json$/.test(f))
      .map(path.dirname)) {
      const task = JSON.parse(await zip.file(`${folder}/task.json`)!.async("string"));
      const anchor = task.name.toLowerCase();
      assert.equal(task.helpUrl, `${REPOSITORY}?path=/README.md&_a=preview&anchor=${anchor}`, folder);
      assert.ok(task.helpMarkDown.endsWith(`[Learn more](${task.helpUrl})`), task.helpMarkDown);
      const es = JSON.parse(
        await zip.file(`${folder}/Strings/resources.resjson/es-ES/resources.resjson`)!.async("string"),
      );
      assert.ok(es["loc.helpMarkDown"].endsWith(`[Más información](${task.helpUrl})`), es["loc.helpMarkDown"]);
      const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
      assert.ok(readme.includes(`### ${task.name}\n`), `README has no section "### ${task.name}" for the anchor`);
    }
  });

  it("stays within the size budget", () => {
    assert.ok(fs.statSync(vsixPath).size <= VSIX_BUDGET, `${fs.statSync(vsixPath).size} bytes > ${VSIX_BUDGET}`);
  });

  it("ships no node_modules", () => {
    assert.deepEqual(
      files().filter((f) => f.split("/").includes("node_modules")),
      [],
    );
  });

  it("has, for every task contribution, task.json, bundle, icon and loc strings", async () => {
    const tasks = manifest.contributions.filter((c: any) => c.type === "ms.vss-distributed-task.task");
    assert.ok(tasks.length >= 1);
    for (const c of tasks) {
      const folder = c.properties.name;
      for (const f of [
        "task.json",
        "task.loc.json",
        "index.js",
        "icon.png",
        "Strings/resources.resjson/en-US/resources.resjson",
        "Strings/resources.resjson/es-ES/resources.resjson",
      ]) {
        assert.ok(zip.file(`${folder}/${f}`), `${folder}/${f} missing`);
      }
      const task = JSON.parse(await zip.file(`${folder}/task.json`)!.async("string"));
      for (const exec of Object.values<any>({ ...task.execution, ...task.postjobexecution })) {
        assert.ok(zip.file(`${folder}/${exec.target}`), `${folder}: handler target ${exec.target} missing`);
      }
      const folderBudget = TASK_FOLDER_BUDGET[path.basename(folder)];
      if (folderBudget) {
        // Source maps ship beside the bundles but do not count (issue #14).
        let total = 0;
        for (const f of files().filter((x) => x.startsWith(`${folder}/`) && !x.endsWith(".map")))
          total += (await zip.file(f)!.async("uint8array")).length;
        assert.ok(total <= folderBudget, `${folder} is ${total} bytes > ${folderBudget}`);
      }
      const budget = TASK_BUNDLE_BUDGET[path.basename(folder)];
      if (budget) {
        const size = (await zip.file(`${folder}/index.bundle.js`)!.async("uint8array")).length;
        assert.ok(size <= budget, `${folder}/index.js is ${size} bytes > ${budget}`);
      }
    }
  });

  it("ships a source map without sources beside every bundle, and each entry turns maps on first", async () => {
    const bundles = files().filter((f) => f.startsWith("tasks/") && f.endsWith(".bundle.js"));
    assert.ok(bundles.length >= 7, bundles.join(", "));
    for (const bundle of bundles) {
      const map = JSON.parse(await zip.file(`${bundle}.map`)!.async("string"));
      assert.equal(map.version, 3);
      assert.equal(map.sourcesContent, undefined, `${bundle}.map carries the sources`);
      assert.ok(
        map.sources.some((s: string) => /tasks\/[A-Za-z]+V1\/[a-z]+\.ts$|core\/.*\.ts$/.test(s)),
        `${bundle}.map names no TypeScript source of ours`,
      );
      const entry = await zip.file(bundle.replace(/\.bundle\.js$/, ".js"))!.async("string");
      assert.match(entry, /^"use strict";\n(\/\/.*\n)?process\.setSourceMapsEnabled\(true\);\n/);
    }
  });

  it("points every contribution and the icon at files it contains", () => {
    for (const c of manifest.contributions) {
      // Tasks point at their folder (name), web contributions at their page (uri); an endpoint type's name is an id.
      const keys = c.type === "ms.vss-distributed-task.task" ? ["name"] : ["uri"];
      for (const key of keys) {
        const ref = c.properties?.[key];
        if (typeof ref !== "string" || /^https?:/.test(ref)) continue;
        const hit = files().some((f) => f === ref || f.startsWith(ref.replace(/\/?$/, "/")));
        assert.ok(hit, `contribution ${c.id}: ${key} ${ref} is not in the package`);
      }
    }
    assert.ok(zip.file("images/extension-icon.png"));
  });

  it("contributes the Impala service connection type ReserveInventory's input asks for", async () => {
    const endpoint = manifest.contributions.find((c: any) => c.type === "ms.vss-endpoint.service-endpoint-type");
    assert.equal(endpoint.properties.name, "lz-impala");
    const task = JSON.parse(await zip.file("tasks/ReserveInventoryV1/task.json")!.async("string"));
    assert.equal(task.inputs.find((i: any) => i.name === "impalaConnection").type, "connectedService:lz-impala");
    const schemes = endpoint.properties.authenticationSchemes.map((a: any) => a.type);
    assert.deepEqual(schemes, [
      "ms.vss-endpoint.endpoint-auth-scheme-none",
      "ms.vss-endpoint.endpoint-auth-scheme-basic",
    ]);
  });

  it("ships the release tab and hub pages with their scripts, styles and fonts", async () => {
    for (const f of ["hub/tab.html", "hub/tab.js", "hub/tab.css", "hub/hub.html", "hub/hub.js", "hub/hub.css"])
      assert.ok(zip.file(f), f);
    assert.ok(
      files().some((f) => f.startsWith("hub/") && f.endsWith(".woff2")),
      "fonts",
    );
    const tab = manifest.contributions.find((c: any) => c.type === "ms.vss-web.tab");
    assert.deepEqual(tab.targets, ["ms.vss-releaseManagement-web.release-details-view"]);
    const hubContribution = manifest.contributions.find((c: any) => c.type === "ms.vss-web.hub");
    assert.deepEqual(hubContribution.targets, ["ms.vss-build-web.build-release-hub-group"]);
    assert.deepEqual(manifest.scopes, ["vso.work", "vso.code", "vso.release_execute"]);
  });

  it("ships the parser .wasm files and the worker beside ValidateRoutine's bundle", () => {
    for (const f of ["index.js", "validatorWorker.js", "web-tree-sitter.wasm", "tree-sitter-python.wasm"]) {
      assert.ok(zip.file(`tasks/ValidateRoutineV1/${f}`), f);
    }
  });

  for (const node of TASK_NODES) {
    it(`runs ValidateRoutine from the package alone: parser, worker threads and all (${node.label})`, async function () {
      this.timeout(180000);
      const dir = await unzipTask("ValidateRoutineV1");
      const routine = path.join(repoRoot, "examples", "alm_demo_rutina");
      const run = spawnSync(node.resolve(), [path.join(dir, "tasks/ValidateRoutineV1/index.js")], {
        cwd: dir,
        env: {
          PATH: process.env.PATH,
          AGENT_TEMPDIRECTORY: dir,
          INPUT_ROUTINEPATH: routine,
          INPUT_FAILON: "error",
          INPUT_PYTHONVERSION: "3.5",
          INPUT_EXPECTEDDSN: "impala-virtual-prd",
        },
        encoding: "utf8",
      });
      assert.match(run.stdout, /code=PY003;sourcepath=[^;]*orquestador.py;linenumber=20/);
      assert.match(run.stdout, /code=SQL002;sourcepath=[^;]*carga.sql;linenumber=8/);
      assert.match(run.stdout, /##vso\[task.complete result=Failed;\]The routine has 9 finding/);
    });

    it(`runs a task bundle from the package alone, with no node_modules around it (${node.label})`, async function () {
      this.timeout(180000);
      const dir = await unzipTask("CreateOCVarsV1");
      const run = spawnSync(node.resolve(), [path.join(dir, "tasks/CreateOCVarsV1/index.js")], {
        cwd: dir,
        env: {
          PATH: process.env.PATH,
          AGENT_TEMPDIRECTORY: dir,
          SYSTEM_CULTURE: "es-ES",
          INPUT_PMOVARIABLE: "codigoPMO",
          INPUT_CELULAVARIABLE: "Nombre Celula",
          INPUT_CONTACTNAMEVARIABLE: "nombreContacto",
          INPUT_CONTACTPHONEVARIABLE: "numeroContacto",
          INPUT_REPOSITORYVARIABLE: "repositoryName",
          INPUT_PACKAGEVARIABLE: "packageName",
          INPUT_ZONAVARIABLE: "zona",
          INPUT_DESCRIPTIONVARIABLE: "Release.ReleaseDescription",
        },
        encoding: "utf8",
      });
      assert.match(run.stdout, /##vso\[task.complete result=Failed;\]CreateOCVars encontró/);
    });
  }
});
