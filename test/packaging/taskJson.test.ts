import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { taskNames, validateTasks } from "../helpers/scripts";
import { repoRoot } from "../helpers/taskRun";

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""));

function copyTask(name: string, edit: (task: Record<string, any>) => void): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-taskjson-")), name);
  fs.cpSync(path.join(repoRoot, "tasks", name), dir, { recursive: true });
  const task = readJson(path.join(dir, "task.json"));
  edit(task);
  fs.writeFileSync(path.join(dir, "task.json"), JSON.stringify(task));
  return dir;
}

describe("task.json of every task", () => {
  const { taskProblems, extensionProblems } = validateTasks();

  it("finds the tasks", () => assert.ok(taskNames().includes("CreateOCVarsV1")));

  for (const name of taskNames()) {
    describe(name, () => {
      const dir = path.join(repoRoot, "tasks", name);
      const task = readJson(path.join(dir, "task.json"));

      it("validates against the official schema and the fields it forgets", () => {
        assert.deepEqual(taskProblems(dir), []);
      });

      it("runs on Node24 and Node20_1 from one bundle, from agent 3.232.1 on", () => {
        assert.deepEqual(Object.keys(task.execution), ["Node24", "Node20_1"]);
        assert.equal(task.execution.Node24.target, "index.js");
        assert.equal(task.execution.Node20_1.target, "index.js");
        for (const post of [task.prejobexecution, task.postjobexecution].filter(Boolean)) {
          assert.deepEqual(Object.keys(post), ["Node24", "Node20_1"]);
          assert.equal(post.Node24.target, post.Node20_1.target);
        }
        assert.equal(task.minimumAgentVersion, "3.232.1");
      });

      it("declares outputs with names the schema accepts (no dots)", () => {
        for (const out of task.outputVariables ?? []) assert.match(out.name, /^[A-Za-z][A-Za-z0-9]*$/);
      });

      it("has a message for every tl.loc key its code uses, and uses every message", () => {
        const entry = fs
          .readdirSync(dir)
          .filter((f) => f.endsWith(".ts"))
          .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
          .join("\n");
        // Messages may be named by core or by the task glue every task shares (tasks/common).
        const sources = ["core", "tasks/common"].flatMap((dir) =>
          fs
            .readdirSync(path.join(repoRoot, dir), { recursive: true })
            .map(String)
            .filter((f) => f.endsWith(".ts"))
            .map((f) => path.join(repoRoot, dir, f)),
        );
        const code = [entry, ...sources.map((f) => fs.readFileSync(f, "utf8"))].join("\n");
        const used = new Set([...entry.matchAll(/(?:taskLoc|tl\.loc)\("([A-Za-z0-9]+)"/g)].map((m) => m[1]));
        const messages = Object.keys(task.messages ?? {});
        for (const key of used) assert.ok(messages.includes(key), `${key} is used but has no message`);
        // Problem codes reach tl.loc through core (problem("Code", …) or a table of codes): every
        // message must at least be named somewhere in the code, or it is dead text to translate.
        for (const key of messages) assert.ok(code.includes(`"${key}"`), `message ${key} is never used`);
      });
    });
  }

  it("reports a bad GUID, a missing or end-of-life handler, an old minimum agent and an unknown group", () => {
    const dir = copyTask("CreateOCVarsV1", (t) => {
      t.id = "not-a-guid";
      delete t.execution.Node24;
      t.execution.Node16 = { target: "index.js", argumentFormat: "" };
      t.minimumAgentVersion = "2.144.0";
      t.inputs[0].groupName = "nope";
    });
    const problems = taskProblems(dir).join("\n");
    assert.match(problems, /task.json\/id must match pattern/);
    assert.match(problems, /execution has no Node24 handler/);
    assert.match(problems, /execution declares Node16, a handler whose Node is end-of-life/);
    assert.match(problems, /minimumAgentVersion must be 3\.232\.1/);
    assert.match(problems, /names unknown group nope/);
  });

  it("reports a missing instanceNameFormat, which the schema does not require", () => {
    const dir = copyTask("CreateOCVarsV1", (t) => delete t.instanceNameFormat);
    assert.match(taskProblems(dir).join("\n"), /lacks instanceNameFormat/);
  });

  it("reports two tasks sharing a GUID", () => {
    const a = copyTask("CreateOCVarsV1", () => undefined);
    const b = copyTask("CreateOCVarsV1", (t) => (t.name = "Other"));
    assert.match(extensionProblems([a, b]).join("\n"), /is used by CreateOCVars and Other/);
  });

  it("keeps generated loc files in sync and every es-ES string translated", () => {
    execFileSync(process.execPath, [path.join(repoRoot, "scripts", "loc.mjs"), "--check"], {
      cwd: repoRoot,
      stdio: "pipe",
    });
  });
});
