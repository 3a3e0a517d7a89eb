/** Runs a task's shipped bundle through MockTestRunner with the installed node (no download). */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Minimatch } from "minimatch";
import { MockTestRunner } from "azure-pipelines-task-lib/mock-test";
import { commandFromString } from "azure-pipelines-task-lib/taskcommand";
import { TASK_NODES } from "./taskNodes";

export const repoRoot = path.resolve(__dirname, "..", "..", "..", "..");

export interface VsoCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export interface TaskRun {
  runner: MockTestRunner;
  succeeded: boolean;
  /** Every ##vso command the task printed, parsed by task-lib's own parser. */
  commands: VsoCommand[];
  /** The raw `##vso[...]` lines, to assert exact bytes. */
  vsoLines: string[];
  stdout: string;
  /** The agent temp directory of this run (reports and summaries are written there). */
  tempDir: string;
  result?: string;
  /** Job variables set with task.setvariable, decoded. */
  variables: Map<string, VsoCommand>;
}

export interface ScenarioInput {
  inputs?: Record<string, string>;
  variables?: Record<string, string>;
  secrets?: Record<string, string>;
  taskVariables?: Record<string, string>;
  /** The script to run instead of index.js, e.g. "post.js". */
  entry?: string;
  /**
   * Lines the task streams from a process it runs (a coordinator's output, `[table] …`): their words
   * are that process's (a Python traceback is English), not the task's, so the Spanish check skips them.
   */
  streamed?: RegExp;
}

/** Agent variables every run has; a scenario can override them. */
function agentVariables(tempDir: string): Record<string, string> {
  return {
    "Agent.TempDirectory": tempDir,
    "System.DefaultWorkingDirectory": tempDir,
    "Release.ReleaseName": "Release-42",
    "Release.ReleaseId": "42",
  };
}

/** The node the task bundles run under; describeOnTaskNodes switches it for its block. */
let activeTaskNode = process.execPath;

/**
 * A describe block run once per Node the tasks declare a handler for (test/helpers/taskNodes.ts):
 * the same tests, with every runTask in it under that Node.
 */
export function describeOnTaskNodes(title: string, body: (this: Mocha.Suite) => void): void {
  for (const node of TASK_NODES) {
    describe(`${title} — ${node.label}`, function () {
      before(function () {
        this.timeout(180000); // the first Node 24 run fetches it with npm pack
        activeTaskNode = node.resolve();
      });
      after(() => {
        activeTaskNode = process.execPath;
      });
      body.call(this);
    });
  }
}

export async function runTask(task: string, scenario: ScenarioInput): Promise<TaskRun> {
  const taskDir = path.join(repoRoot, "build", "tasks", task);
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), `lz-${task}-`));
  process.env.LZ_SCENARIO = JSON.stringify({
    taskPath: path.join(taskDir, scenario.entry ?? "index.js"),
    inputs: scenario.inputs ?? {},
    variables: { ...agentVariables(tempDir), ...(scenario.variables ?? {}) },
    secrets: scenario.secrets ?? {},
    taskVariables: scenario.taskVariables ?? {},
  });
  const runner = new MockTestRunner(path.join(__dirname, "scenario.js"), path.join(taskDir, "task.json"));
  // The installed node, or Node 24 inside describeOnTaskNodes: never a download.
  runner.nodePath = activeTaskNode;
  try {
    await runner.runAsync();
  } finally {
    delete process.env.LZ_SCENARIO;
  }
  const vsoLines = runner.stdout
    .split(/\r?\n/)
    .map((l) => l.slice(Math.max(0, l.indexOf("##vso["))))
    .filter((l) => l.startsWith("##vso["));
  const commands = vsoLines.map((l) => commandFromString(l) as unknown as VsoCommand);
  const variables = new Map<string, VsoCommand>();
  for (const c of commands) if (c.command === "task.setvariable") variables.set(c.properties.variable, c);
  // The agent refuses a variable the task.json does not allow (restrictions.settableVariables, matched
  // as the agent does: minimatch, any case): every task run of the tests checks the list is complete.
  const taskJson = JSON.parse(fs.readFileSync(path.join(taskDir, "task.json"), "utf8"));
  const allowed: string[] | undefined = taskJson.restrictions?.settableVariables?.allowed;
  for (const name of variables.keys()) {
    if (!allowed?.some((pattern) => new Minimatch(pattern, { nocase: true }).match(name)))
      throw new Error(
        `${taskJson.name} set '${name}', which its task.json restrictions.settableVariables does not allow`,
      );
  }
  const culture = { ...agentVariables(tempDir), ...(scenario.variables ?? {}) }["System.Culture"];
  if (culture && /^es/i.test(culture)) {
    const english = englishIn(
      scenario.streamed
        ? runner.stdout
            .split(/\r?\n/)
            .filter((l) => !scenario.streamed!.test(l))
            .join("\n")
        : runner.stdout,
    );
    if (english.length) throw new Error(`${task} printed English in its ${culture} output:\n${english.join("\n")}`);
  }
  const complete = commands.filter((c) => c.command === "task.complete").pop();
  return {
    runner,
    succeeded: runner.succeeded,
    commands,
    vsoLines,
    stdout: runner.stdout,
    tempDir,
    result: complete?.properties.result,
    variables,
  };
}

/**
 * Common English words that a Spanish message never holds: a task run with a Spanish culture fails its
 * test when its output shows one (its own messages, annotations, result). Not checked: task-lib's
 * debug lines, and quoted text ('…', "…", `…`, “…”), which is the user's or the data's (a file name,
 * a value, CPython's own message).
 */
const ENGLISH_STOP_WORDS = [
  "the",
  "is",
  "are",
  "was",
  "were",
  "not",
  "and",
  "with",
  "must",
  "should",
  "could",
  "cannot",
  "found",
  "file",
  "files",
  "this",
  "that",
  "from",
  "your",
  "has",
  "have",
  "which",
  "when",
  "errors",
];

export function englishIn(stdout: string): string[] {
  const out: string[] = [];
  const words = new RegExp(`\\b(${ENGLISH_STOP_WORDS.join("|")})\\b`, "i");
  for (const raw of stdout.split(/\r?\n/)) {
    if (
      raw.startsWith("##vso[task.debug]") ||
      raw.startsWith("##vso[task.setvariable") ||
      raw.startsWith("##vso[task.setsecret")
    )
      continue;
    // A command's properties are names; its message is what people read.
    const line = raw.startsWith("##vso[") ? raw.slice(raw.indexOf("]") + 1) : raw;
    const shown = line
      .replace(/%0A|%0D/g, " ")
      .replace(/'[^']*'|"[^"]*"|`[^`]*`|“[^”]*”|‘[^’]*’/g, " ")
      .replace(/(\/[^\s:]+)+/g, " "); // paths
    const hit = words.exec(shown);
    if (hit) out.push(`'${hit[0]}' in: ${raw.slice(0, 300)}`);
  }
  return out;
}

/** The file a task uploaded as its summary tab. */
export function uploadedSummary(run: TaskRun): string {
  const upload = run.commands.find((c) => c.command === "task.uploadsummary");
  if (!upload) throw new Error("the task uploaded no summary");
  return fs.readFileSync(upload.message, "utf8");
}
