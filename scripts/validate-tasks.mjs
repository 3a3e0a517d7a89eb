// Checks every task.json the way the agent and the server will use it: the official schema
// (test/schemas/tasks.schema.json) plus what the schema forgets. `tfx extension create` only
// warns about a broken task.json and still writes the .vsix, so the package script runs this first.
import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv-draft-04";
import { readJson, root, taskFolders } from "./tasks.mjs";

const schema = readJson(path.join(root, "test", "schemas", "tasks.schema.json"));
const validate = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true }).compile(schema);

const REQUIRED = [
  "id",
  "name",
  "friendlyName",
  "description",
  "category",
  "author",
  "version",
  "instanceNameFormat",
  "execution",
  "minimumAgentVersion",
];
// Node24 first (agents ≥ 4.265.1 pick it), Node20_1 for agents from 3.232.1 (minimumAgentVersion); no EOL handler.
const HANDLERS = ["Node24", "Node20_1"];
const EOL_HANDLERS = ["Node", "Node10", "Node16", "Node20"];
const MINIMUM_AGENT = "3.232.1";

/** Problems of one task folder (source or built); an empty list means it is fine. */
export function taskProblems(dir, { built = false } = {}) {
  const problems = [];
  const file = path.join(dir, "task.json");
  const task = readJson(file);
  const name = path.basename(dir);
  if (!validate(task)) {
    for (const e of validate.errors) problems.push(`${name}: task.json${e.instancePath} ${e.message}`);
  }
  for (const key of REQUIRED)
    if (task[key] === undefined || task[key] === "") problems.push(`${name}: task.json lacks ${key}`);
  if (!new RegExp(`^${task.name}V${task.version?.Major}$`).test(name)) {
    problems.push(`${name}: folder must be named ${task.name}V${task.version?.Major} (name + major version)`);
  }
  const steps = {
    execution: task.execution,
    prejobexecution: task.prejobexecution,
    postjobexecution: task.postjobexecution,
  };
  for (const [step, handlers] of Object.entries(steps)) {
    if (!handlers) continue;
    for (const handler of HANDLERS) {
      if (!handlers[handler]?.target) problems.push(`${name}: ${step} has no ${handler} handler`);
    }
    for (const handler of EOL_HANDLERS) {
      if (handlers[handler]) problems.push(`${name}: ${step} declares ${handler}, a handler whose Node is end-of-life`);
    }
    for (const [handler, exec] of Object.entries(handlers)) {
      if (built && !fs.existsSync(path.join(dir, exec.target)))
        problems.push(`${name}: ${step}.${handler} target ${exec.target} is missing`);
    }
  }
  // The agent then refuses any other variable, even one a log line injected (issue #18).
  const allowed = task.restrictions?.settableVariables?.allowed;
  if (!Array.isArray(allowed)) problems.push(`${name}: task.json has no restrictions.settableVariables.allowed list`);
  for (const out of task.outputVariables ?? []) {
    if (Array.isArray(allowed) && !allowed.includes(out.name))
      problems.push(`${name}: output variable ${out.name} is not in restrictions.settableVariables.allowed`);
  }
  if (task.minimumAgentVersion !== MINIMUM_AGENT) {
    problems.push(`${name}: minimumAgentVersion must be ${MINIMUM_AGENT}, the first agent with Node20_1`);
  }
  const groups = new Set((task.groups ?? []).map((g) => g.name));
  const inputs = new Set();
  for (const input of task.inputs ?? []) {
    if (inputs.has(input.name)) problems.push(`${name}: input ${input.name} is declared twice`);
    inputs.add(input.name);
    if (input.groupName && !groups.has(input.groupName))
      problems.push(`${name}: input ${input.name} names unknown group ${input.groupName}`);
    if (!input.helpMarkDown) problems.push(`${name}: input ${input.name} has no helpMarkDown`);
  }
  for (const input of task.inputs ?? []) {
    for (const rule of [input.visibleRule ?? ""]) {
      for (const ref of rule.match(
        /[A-Za-z_][A-Za-z0-9_]*(?=\s*(=|!=|<|>|NotEndsWith|EndsWith|Contains|NotContains))/g,
      ) ?? []) {
        if (!inputs.has(ref)) problems.push(`${name}: visibleRule of ${input.name} names unknown input ${ref}`);
      }
    }
  }
  for (const asset of [
    "icon.png",
    "task.loc.json",
    "Strings/resources.resjson/en-US/resources.resjson",
    "Strings/resources.resjson/es-ES/resources.resjson",
  ]) {
    if (!fs.existsSync(path.join(dir, asset))) problems.push(`${name}: ${asset} is missing`);
  }
  return problems;
}

/** Task GUIDs must be unique across the extension and never change for a task name. */
export function extensionProblems(dirs) {
  const problems = [];
  const ids = new Map();
  for (const dir of dirs) {
    const task = readJson(path.join(dir, "task.json"));
    const owner = ids.get(task.id);
    if (owner && owner !== task.name) problems.push(`task id ${task.id} is used by ${owner} and ${task.name}`);
    ids.set(task.id, task.name);
  }
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const dirs = taskFolders().map((t) => t.dir);
  const problems = [...dirs.flatMap((d) => taskProblems(d)), ...extensionProblems(dirs)];
  if (problems.length) {
    console.error(problems.join("\n"));
    process.exit(1);
  }
  console.log(`task.json: ${dirs.length} task(s) valid`);
}
