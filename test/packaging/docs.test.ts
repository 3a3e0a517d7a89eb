import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { taskNames } from "../helpers/scripts";
import { allRules } from "../../core/validator/catalogue";
import { repoRoot } from "../helpers/taskRun";

describe("README", () => {
  const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");

  it("has input/output tables generated from every task.json, up to date", () => {
    const check = spawnSync(process.execPath, [path.join(repoRoot, "scripts", "docs.mjs"), "--check"], {
      encoding: "utf8",
    });
    assert.equal(check.status, 0, check.stderr);
    for (const folder of taskNames()) {
      const task = JSON.parse(fs.readFileSync(path.join(repoRoot, "tasks", folder, "task.json"), "utf8"));
      for (const input of task.inputs)
        assert.ok(readme.includes(`| \`${input.name}\` |`), `${task.name}.${input.name} not documented`);
    }
  });

  it("has a page for every validator rule, the catalogue and the schemas, up to date", () => {
    const check = spawnSync(process.execPath, [path.join(repoRoot, "scripts", "rule-docs.mjs"), "--check"], {
      encoding: "utf8",
    });
    assert.equal(check.status, 0, check.stderr);
    const catalogue = fs.readFileSync(path.join(repoRoot, "docs", "rules", "README.md"), "utf8");
    for (const rule of allRules()) {
      assert.ok(fs.existsSync(path.join(repoRoot, "docs", "rules", `${rule.code}.md`)), rule.code);
      assert.ok(catalogue.includes(`[${rule.code}](${rule.code}.md)`), rule.code);
    }
  });

  it("starts with the two commands of a fresh machine, and CI runs the same test command", () => {
    assert.ok(readme.includes("npm ci && npm run package"));
    assert.ok(readme.includes("npm test"));
    const ci = fs.readFileSync(path.join(repoRoot, ".ci", "run"), "utf8");
    assert.match(ci, /^npm test$/m);
  });

  it("places every task in a release stage", () => {
    for (const folder of taskNames()) {
      const name = folder.replace(/V\d+$/, "");
      assert.match(
        readme,
        new RegExp(`\\| [^|]+ \\| \\[${name}\\]\\(#${name.toLowerCase()}\\)`),
        `${name} has no row in the stage table`,
      );
    }
  });
});
