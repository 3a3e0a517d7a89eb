// `lz fix` (issue 19): the diff by default, --write, --rule, the paths of the pull request (a
// site-package maps to src/<package>/… and is never written), the re-validation and the compile check
// by the target's interpreter, and the exit codes (0 nothing left, 1 findings without a fix, 2 usage).
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../helpers/taskRun";
import { makeRoutine } from "../helpers/routine";
import { pythonOf } from "../helpers/pythons";

function lz(args: string[]) {
  return spawnSync(process.execPath, [path.join(repoRoot, "bin", "lz.js"), ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", LANG: "C.UTF-8" },
  });
}

const FIXABLE =
  'import subprocess\n\n\ndef run(cmd: list[str]) -> str | None:\n    r = subprocess.run(cmd, capture_output=True, text=True)\n    return f"{r.stdout!r:>10}"\n';
const FIXED =
  'import subprocess\nfrom typing import List, Optional\n\n\ndef run(cmd: List[str]) -> Optional[str]:\n    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)\n    return "{!r:>10}".format(r.stdout)\n';

/** /avirtual/<zona>/<repo>/venv/lib/python3.5/site-packages/<package>/, as VerifyRoutineEnv finds it. */
function installed(files: Record<string, string>): { env: string; site: string } {
  const env = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-fix-env-")), "proceso_x", "alm_repo");
  const site = path.join(env, "venv", "lib", "python3.5", "site-packages", "alm_pkg");
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(site, rel)), { recursive: true });
    fs.writeFileSync(path.join(site, rel), text);
  }
  return { env, site };
}

describe("lz fix", function () {
  this.timeout(60000);

  it("prints the diff and writes nothing; exit 0 when every finding has a fix", () => {
    const root = makeRoutine({ "etl/main.py": FIXABLE });
    const r = lz(["fix", root]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^--- a\/etl\/main\.py\n\+\+\+ b\/etl\/main\.py\n@@ /);
    assert.match(r.stdout, /^\+from typing import List, Optional$/m);
    assert.match(r.stderr, /fixes 5 finding\(s\) in 1 file/);
    assert.match(r.stderr, /Compile check not done/);
    assert.equal(fs.readFileSync(path.join(root, "etl/main.py"), "utf8"), FIXABLE);
  });

  it("--write applies it: the routine then validates without PY003/PY004", () => {
    const root = makeRoutine({ "main.py": FIXABLE });
    const r = lz(["fix", root, "--write"]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(root, "main.py"), "utf8"), FIXED);
    const v = lz(["validate", root, "--format", "json", "--fail-on", "never"]);
    const rules = JSON.parse(v.stdout).findings.map((f: { rule: string }) => f.rule);
    assert.ok(!rules.includes("PY003") && !rules.includes("PY004"), v.stdout);
  });

  it("exit 1 naming each finding left without a fix and why; --rule limits the kinds", () => {
    const root = makeRoutine({ "main.py": 'import math\nx: int\nprint(math.prod([2, 3]), f"{x}")\n' });
    const r = lz(["fix", root]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /PY003 main\.py:2:1 No automatic fix: a bare annotation at module or class level/);
    assert.match(r.stderr, /PY004 main\.py:3:7 No automatic fix: this kind has no mechanical Python 3.5 form/);
    const only = lz(["fix", root, "--rule", "PY003"]);
    assert.doesNotMatch(only.stderr, /PY004/);
    assert.match(only.stdout, /^\+print\(math\.prod\(\[2, 3\]\), "\{\}"\.format\(x\)\)$/m);
  });

  it("bad usage exits 2: a rule without fixes, --write on the installed copy without --source", () => {
    const root = makeRoutine({ "main.py": FIXABLE });
    const bad = lz(["fix", root, "--rule", "SQL001"]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--rule SQL001: only PY003,PY004 have fixes/);
    const { site } = installed({ "main.py": FIXABLE });
    const refused = lz(["fix", site, "--write"]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /installed site-package, which lz fix never writes: give --source/);
    assert.equal(fs.readFileSync(path.join(site, "main.py"), "utf8"), FIXABLE);
  });

  it("maps the installed site-package to the repository's src/<package>/ and writes the checkout only", () => {
    const { site } = installed({ "jobs/main.py": FIXABLE });
    const diff = lz(["fix", site]);
    assert.equal(diff.status, 0, diff.stderr);
    assert.match(diff.stdout, /^--- a\/src\/alm_pkg\/jobs\/main\.py$/m);
    const checkout = makeRoutine({ "src/alm_pkg/jobs/main.py": FIXABLE, "README.md": "x\n" }, "repo");
    const r = lz(["fix", site, "--write", "--source", checkout]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(checkout, "src/alm_pkg/jobs/main.py"), "utf8"), FIXED);
    assert.equal(fs.readFileSync(path.join(site, "jobs/main.py"), "utf8"), FIXABLE);
  });

  it("compiles with venv/bin/python beside the site-package by default, and refuses what it rejects", () => {
    const { env, site } = installed({ "main.py": FIXABLE });
    const bin = path.join(env, "venv", "bin");
    fs.mkdirSync(bin, { recursive: true });
    // A stand-in for the server's 3.5 that rejects every file, the way CPython reports it.
    fs.writeFileSync(
      path.join(bin, "python"),
      '#!/bin/sh\necho 3.5.2\nshift 2\nfor f in "$@"; do printf "%s\\t1: invalid syntax\\n" "$f"; done\n',
      { mode: 0o755 },
    );
    const r = lz(["fix", site]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(
      r.stderr,
      /src\/alm_pkg\/main\.py: not fixed, because the target's Python refused the fixed file: 1: invalid syntax/,
    );
    assert.equal(r.stdout.trim(), "");
  });

  it("says a newer --python proves nothing about 3.5 (skipped without CPython 3.6)", function () {
    const py36 = pythonOf("3.6");
    if (!py36) this.skip();
    const root = makeRoutine({ "main.py": FIXABLE });
    const r = lz(["fix", root, "--python", py36!]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /the fixed files compile with .*\(Python 3\.6\.\d+\)/);
    assert.match(r.stderr, /Python 3\.6\.\d+ is not the target 3\.5: that it compiles proves nothing/);
  });
});
