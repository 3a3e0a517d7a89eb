/**
 * The Node the tests run on: the oldest one the tasks declare a handler for (Node20_1), so that a
 * green run means the bundles work there. Node 24 runs the task tests as a second leg
 * (test/helpers/taskNodes.ts); it must never become the main run's node by accident.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../helpers/taskRun";

describe("the Node the tests run on", () => {
  it("is Node 20, the oldest handler the tasks declare (Node20_1)", () => {
    assert.equal(
      process.versions.node.split(".")[0],
      "20",
      `npm test runs on ${process.execPath} (v${process.versions.node}); run it with Node 20 so the oldest handler is tested`,
    );
  });

  it("is not a node binary from node_modules (npm scripts put node_modules/.bin first on PATH)", () => {
    assert.ok(!process.execPath.includes(`${path.sep}node_modules${path.sep}`), process.execPath);
    assert.ok(!fs.existsSync(path.join(repoRoot, "node_modules", ".bin", "node")), "node_modules/.bin/node exists");
  });
});
