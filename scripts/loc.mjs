// Generates each task's messages from the product's one catalogue per language (core/i18n/en.ts,
// es.ts): task.json `messages` (English) holds every catalogue key the task's code can name (found in
// the files its bundle is built from), and the es-ES resjson its Spanish `loc.messages.*`. Then, the
// way microsoft/azure-pipelines-tasks does, task.loc.json and the en-US resjson from task.json, and a
// check that es-ES translates exactly the same keys (its input labels and help are written by hand).
//   node scripts/loc.mjs           write the generated files
//   node scripts/loc.mjs --check   fail when a generated file is stale or a translation is missing
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import * as esbuild from "esbuild";
import { nodeBundleOptions } from "./bundleOptions.mjs";
import { root, taskFolders } from "./tasks.mjs";

const require = createRequire(import.meta.url);

/** The catalogues, compiled on the fly (no build needed): { CATALOGUES: { en, es } }. */
async function loadCatalogues() {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-loc-")), "catalogue.js");
  await esbuild.build({
    entryPoints: [path.join(root, "core", "i18n", "catalogue.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    outfile: out,
    logLevel: "error",
  });
  return require(out).CATALOGUES;
}

/** Every catalogue key named as a string literal in the files a task's bundles are built from. */
async function keysOfTask(dir, catalogue) {
  const spec = fs.existsSync(path.join(dir, "bundle.json"))
    ? JSON.parse(fs.readFileSync(path.join(dir, "bundle.json"), "utf8"))
    : {};
  const entries = [path.join(dir, "index.ts"), ...Object.values(spec.entries ?? {}).map((e) => path.join(root, e))];
  const built = await esbuild.build({
    ...nodeBundleOptions,
    entryPoints: entries,
    outdir: path.join(os.tmpdir(), "lz-loc-scan"),
    write: false,
    metafile: true,
    external: spec.external ?? [],
    sourcemap: false,
  });
  const keys = new Set();
  for (const input of Object.keys(built.metafile.inputs)) {
    if (input.includes("node_modules") || !/\.tsx?$/.test(input)) continue;
    const text = fs.readFileSync(path.join(root, input), "utf8");
    for (const m of text.matchAll(/["'`]([A-Z][A-Za-z0-9]+)["'`]/g)) if (m[1] in catalogue.en) keys.add(m[1]);
  }
  return [...keys].sort();
}

const check = process.argv.includes("--check");
const CULTURES = ["en-US", "es-ES"];

function locFiles(task) {
  const loc = structuredClone(task);
  const res = {};
  const put = (key, value) => {
    res[key] = value;
    return `ms-resource:${key}`;
  };
  for (const key of ["friendlyName", "description", "helpMarkDown", "releaseNotes", "instanceNameFormat"]) {
    if (task[key] !== undefined) loc[key] = put(`loc.${key}`, task[key]);
  }
  for (const group of loc.groups ?? [])
    group.displayName = put(`loc.group.displayName.${group.name}`, group.displayName);
  for (const input of loc.inputs ?? []) {
    input.label = put(`loc.input.label.${input.name}`, input.label);
    if (input.helpMarkDown !== undefined) input.helpMarkDown = put(`loc.input.help.${input.name}`, input.helpMarkDown);
  }
  for (const key of Object.keys(loc.messages ?? {})) loc.messages[key] = put(`loc.messages.${key}`, task.messages[key]);
  return { loc, res };
}

const problems = [];
function writeOrCheck(file, content) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  if (current === content) return;
  if (check) problems.push(`${path.relative(process.cwd(), file)} is stale: run npm run loc`);
  else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

const catalogues = await loadCatalogues();
for (const { name, dir, taskJson } of taskFolders()) {
  // task.json's messages: what the catalogue says, for the keys the task's code names.
  const keys = await keysOfTask(dir, catalogues);
  const messages = Object.fromEntries(keys.map((k) => [k, catalogues.en[k]]));
  if (JSON.stringify(messages) !== JSON.stringify(taskJson.messages ?? {})) {
    taskJson.messages = messages;
    writeOrCheck(path.join(dir, "task.json"), JSON.stringify(taskJson, null, 2) + "\n");
  }
  const spanishFile = path.join(dir, "Strings/resources.resjson/es-ES/resources.resjson");
  if (fs.existsSync(spanishFile)) {
    const spanish = JSON.parse(fs.readFileSync(spanishFile, "utf8").replace(/^\uFEFF/, ""));
    const kept = Object.fromEntries(Object.entries(spanish).filter(([k]) => !k.startsWith("loc.messages.")));
    const next = { ...kept, ...Object.fromEntries(keys.map((k) => [`loc.messages.${k}`, catalogues.es[k]])) };
    writeOrCheck(spanishFile, JSON.stringify(next, null, 2) + "\n");
  }
  const { loc, res } = locFiles(taskJson);
  writeOrCheck(path.join(dir, "task.loc.json"), JSON.stringify(loc, null, 2) + "\n");
  writeOrCheck(
    path.join(dir, "Strings/resources.resjson/en-US/resources.resjson"),
    JSON.stringify(res, null, 2) + "\n",
  );
  for (const culture of CULTURES.filter((c) => c !== "en-US")) {
    const file = path.join(dir, "Strings/resources.resjson", culture, "resources.resjson");
    if (!fs.existsSync(file)) {
      problems.push(`${name}: no ${culture} translation (${file})`);
      continue;
    }
    const translated = JSON.parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
    for (const key of Object.keys(res)) {
      if (typeof translated[key] !== "string" || !translated[key].trim())
        problems.push(`${name}: ${culture} lacks ${key}`);
      else if (countPlaceholders(translated[key]) !== countPlaceholders(res[key])) {
        problems.push(
          `${name}: ${culture} ${key} has ${countPlaceholders(translated[key])} placeholders, English has ${countPlaceholders(res[key])}`,
        );
      }
    }
    for (const key of Object.keys(translated))
      if (!(key in res)) problems.push(`${name}: ${culture} has unknown key ${key}`);
  }
}

function countPlaceholders(text) {
  return (text.match(/%[sdifjoO]/g) ?? []).length;
}

if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
