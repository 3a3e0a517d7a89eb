// Writes each task's input and output tables into README.md from its task.json, between
//   <!-- task:<Name>:start --> and <!-- task:<Name>:end -->
// so the documentation can never drift from what the classic editor shows.
//   node scripts/docs.mjs           rewrite README.md
//   node scripts/docs.mjs --check   fail when README.md is stale
import fs from "node:fs";
import path from "node:path";
import { root, taskFolders } from "./tasks.mjs";

const check = process.argv.includes("--check");
const readmePath = path.join(root, "README.md");

const kebab = (name) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1-$2")
    .toLowerCase();
const cell = (text) =>
  String(text ?? "")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, " ");

function inputsTable(task) {
  const groups = new Map((task.groups ?? []).map((g) => [g.name, g.displayName]));
  const rows = [
    "| Input | CLI flag | Type | Default | Required | Group | Description |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const input of task.inputs ?? []) {
    const type = input.options
      ? `${input.type}: ${Object.keys(input.options)
          .map((o) => `\`${o}\``)
          .join(", ")}`
      : input.type;
    const def = input.defaultValue === undefined || input.defaultValue === "" ? "" : `\`${cell(input.defaultValue)}\``;
    const visible = input.visibleRule ? ` *(shown when ${cell(input.visibleRule)})*` : "";
    rows.push(
      `| \`${input.name}\` | \`--${kebab(input.name)}\` | ${cell(type)} | ${def} | ${input.required ? "yes" : "no"} | ${cell(groups.get(input.groupName) ?? "")} | ${cell(input.helpMarkDown)}${visible} |`,
    );
  }
  return rows.join("\n");
}

function outputsTable(task) {
  if (!task.outputVariables?.length) return "This task declares no output variables.";
  return [
    "| Output variable | Description |",
    "|---|---|",
    ...task.outputVariables.map((o) => `| \`${o.name}\` | ${cell(o.description)} |`),
  ].join("\n");
}

function section(task) {
  const handlers = Object.keys(task.execution).join(", ");
  const post = task.postjobexecution ? ` Post-job step: ${Object.keys(task.postjobexecution).join(", ")}.` : "";
  return [
    `*Generated from \`tasks/${task.name}V${task.version.Major}/task.json\` by \`npm run docs\`.*`,
    `Version ${task.version.Major}.${task.version.Minor}.${task.version.Patch}; handlers ${handlers}; minimum agent ${task.minimumAgentVersion}.${post}`,
    "",
    "**Inputs**",
    "",
    inputsTable(task),
    "",
    "**Declared output variables**",
    "",
    outputsTable(task),
  ].join("\n");
}

let readme = fs.readFileSync(readmePath, "utf8");
const problems = [];
for (const { taskJson } of taskFolders()) {
  const start = `<!-- task:${taskJson.name}:start -->`;
  const end = `<!-- task:${taskJson.name}:end -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) {
    problems.push(`README.md has no ${start} … ${end} block for ${taskJson.name}`);
    continue;
  }
  readme = readme.slice(0, from + start.length) + "\n" + section(taskJson) + "\n" + readme.slice(to);
}
const current = fs.readFileSync(readmePath, "utf8");
if (check && current !== readme) problems.push("README.md task tables are stale: run npm run docs");
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
if (!check && current !== readme) fs.writeFileSync(readmePath, readme);
