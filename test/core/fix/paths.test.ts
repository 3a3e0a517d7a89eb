// Where a fixed file goes (core/fix/paths.ts): the pull request's paths, never the installed copy.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { routineLayout } from "../../../core/fix/paths";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "lz-fix-paths-"));

describe("core/fix/paths: the repository's paths of a routine's files", () => {
  it("maps an installed site-package to src/<package>/ and offers its venv's python", () => {
    const env = path.join(tmp(), "proceso_x", "alm-repo");
    const site = path.join(env, "venv", "lib", "python3.5", "site-packages", "alm_pkg");
    fs.mkdirSync(path.join(site, "jobs"), { recursive: true });
    fs.mkdirSync(path.join(env, "venv", "bin"), { recursive: true });
    fs.writeFileSync(path.join(env, "venv", "bin", "python"), "");
    const layout = routineLayout(site);
    assert.equal(layout.installed, true);
    assert.equal(layout.writeRoot, undefined, "nothing to write without the checkout");
    assert.equal(layout.repoPath("jobs/carga.py"), "src/alm_pkg/jobs/carga.py");
    assert.equal(layout.venvPython, path.join(env, "venv", "bin", "python"));
    // A subfolder of the package keeps its place under it.
    assert.equal(routineLayout(path.join(site, "jobs")).repoPath("carga.py"), "src/alm_pkg/jobs/carga.py");
  });

  it("follows the checkout's own layout of the package when given (--source)", () => {
    const site = path.join(tmp(), "z", "r", "venv", "lib", "python3.5", "site-packages", "alm_pkg");
    fs.mkdirSync(site, { recursive: true });
    const checkout = tmp();
    fs.mkdirSync(path.join(checkout, "alm_pkg"));
    const layout = routineLayout(site, checkout);
    assert.equal(layout.repoPath("m.py"), "alm_pkg/m.py");
    assert.equal(layout.writeRoot, checkout);
    assert.equal(layout.venvPython, undefined, "no venv/bin/python there");
    // A --source that is itself an installed environment is never written.
    assert.equal(routineLayout(site, path.dirname(site)).writeRoot, undefined);
  });

  it("maps a routine inside a checkout to its path from the repository's root", () => {
    const repo = tmp();
    fs.mkdirSync(path.join(repo, ".git"));
    fs.mkdirSync(path.join(repo, "src", "alm_pkg"), { recursive: true });
    const layout = routineLayout(path.join(repo, "src", "alm_pkg"));
    assert.equal(layout.installed, false);
    assert.equal(layout.repoPath("m.py"), "src/alm_pkg/m.py");
    assert.equal(layout.writeRoot, repo);
  });
});
