import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { makeWorkdir } from "../helpers/routine";
import { repoRoot } from "../helpers/taskRun";

const lz = (args: string[]) =>
  spawnSync(process.execPath, [path.join(repoRoot, "bin", "lz.js"), ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", LANG: "C.UTF-8" },
  });

describe("lz run against a hostile routine", function () {
  this.timeout(30000);

  it("neutralizes the routine's output on stderr, cuts long lines and names what it stopped", () => {
    const dir = makeWorkdir({});
    const r = lz([
      "run",
      "--working-directory",
      dir,
      "--report-directory",
      path.join(dir, "out"),
      "--max-line-kb",
      "1",
      "--format",
      "json",
      "--command",
      "sh -c 'echo $$ > bg.pid; exec sleep 30' >/dev/null 2>&1 & until [ -s bg.pid ]; do sleep 0.05; done; sleep 0.2; " +
        "echo '##vso[task.setvariable variable=INJECTED]pwned'; head -c 5000 /dev/zero | tr '\\0' x; echo",
    ]);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    const bg = Number(fs.readFileSync(path.join(dir, "bg.pid"), "utf8"));
    assert.deepEqual(report.stoppedProcesses, [{ pid: bg, name: "sleep" }]);
    assert.equal(report.cutLines, 1);
    assert.equal(r.stderr.includes("##vso["), false, r.stderr);
    assert.match(r.stderr, /^#\u200b#vso\[task\.setvariable variable=INJECTED\]pwned$/m);
    assert.match(r.stderr, /^x{1024} \[… 3976 more bytes of this line were cut\]$/m);
    assert.match(r.stderr, new RegExp(`left 1 process\\(es\\) running; they were stopped: pid ${bg} \\(sleep\\)`));
  });

  it("rejects a --max-line-kb that is not a whole number of KB from 1 to 65536 as bad usage", () => {
    const r = lz(["run", "--command", "true", "--max-line-kb", "0"]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /Input --max-line-kb '0' is not a whole number of KB from 1 to 65536/);
  });
});
