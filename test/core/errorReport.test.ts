import { strict as assert } from "assert";
import { describeUnexpected, ownFrames } from "../../core/errorReport";

describe("an unexpected error in a pipeline log (core/errorReport)", () => {
  const stack = [
    "Error: EACCES: permission denied, open '/x'",
    "    at Object.openSync (node:fs:573:18)",
    "    at readFile (/agent/_work/_tasks/ValidateRoutine_1a2b/1.4.0/node_modules/azure-pipelines-task-lib/task.js:9:1)",
    "    at reportFolder (/agent/_work/_tasks/ValidateRoutine_1a2b/tasks/common/taskKit.ts:64:3)",
    "    at /home/vsts/work/core/validator/engine.ts:120:11",
    "    at C:\\agent\\_work\\_tasks\\X\\cli\\lz.ts:5:2",
    "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
  ].join("\n");

  it("keeps our own frames, with paths from the repository root", () => {
    assert.deepEqual(ownFrames(stack), [
      "at reportFolder (tasks/common/taskKit.ts:64:3)",
      "at core/validator/engine.ts:120:11",
      "at cli/lz.ts:5:2",
    ]);
  });

  it("shows the message and those frames, nothing of the agent's folders", () => {
    const err = new Error("EACCES: permission denied, open '/x'");
    err.stack = stack;
    const text = describeUnexpected(err);
    assert.equal(text.split("\n")[0], "Error: EACCES: permission denied, open '/x'");
    assert.ok(!/agent|node:|node_modules/.test(text.split("\n").slice(1).join("\n")), text);
    assert.equal(describeUnexpected("plain"), "plain");
  });
});
