// Generates each task's task.loc.json and Strings/resources.resjson/en-US/resources.resjson from
// its task.json (the English source), the way microsoft/azure-pipelines-tasks does, and checks
// that every other culture (es-ES) translates exactly the same keys.
//   node scripts/loc.mjs           write the generated files
//   node scripts/loc.mjs --check   fail when a generated file is stale or a translation is missing
import fs from "node:fs";
import path from "node:path";
import { taskFolders } from "./tasks.mjs";

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

for (const { name, dir, taskJson } of taskFolders()) {
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
