/**
 * Loaded by mocha before any test (.mocharc.json "require"). task-lib keeps its vault key in a
 * `.taskkey` file under Agent.TempDirectory, else the working directory: a test run gets a temporary
 * folder of its own, so no test writes a key into the repository. Children inherit it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const agentTemp = fs.mkdtempSync(path.join(os.tmpdir(), "lz-test-agent-temp-"));
process.env.AGENT_TEMPDIRECTORY ??= agentTemp;

export const mochaHooks = {
  afterAll(): void {
    fs.rmSync(agentTemp, { recursive: true, force: true });
  },
};
