import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { verifyEnvironment } from "../../../core/env/verifyEnv";
import { makeEnvironment } from "../../helpers/envLayout";

const input = (base: string, extra: Partial<Parameters<typeof verifyEnvironment>[0]> = {}) => ({
  baseDirectory: base,
  zona: "proceso_x",
  repositoryName: "alm-bana-fco2",
  packageName: "alm_bana_fco2",
  maxAgeHours: 24,
  ...extra,
});
const codes = (r: ReturnType<typeof verifyEnvironment>) => r.findings.map((f) => f.rule);

describe("VerifyRoutineEnv checks", () => {
  it("finds the environment and the site-package, and the version matches", () => {
    const env = makeEnvironment({ version: "20220111.1\n" });
    const r = verifyEnvironment(input(env.base, { artifactVersion: "20220111.1" }));
    assert.deepEqual(r.findings, []);
    assert.equal(r.sitePackagePath, env.sitePackage);
    assert.equal(r.sitePackageName, "alm_bana_fco2");
    assert.equal(r.installedVersion, "20220111.1");
  });

  it("tolerates '-'/'_' and case between the release names and the folders", () => {
    const env = makeEnvironment({ folder: "ALM_BANA_FCO2", sitePackage: "Alm_Bana-Fco2", python: "python3.6" });
    const r = verifyEnvironment(input(env.base));
    assert.deepEqual(r.findings, []);
    assert.equal(r.sitePackageName, "Alm_Bana-Fco2");
  });

  it("uses sitePackageName when the installed name differs", () => {
    const env = makeEnvironment({ sitePackage: "bana_fco2_core" });
    assert.deepEqual(codes(verifyEnvironment(input(env.base))), ["ENV004"]);
    const r = verifyEnvironment(input(env.base, { sitePackageName: "bana_fco2_core" }));
    assert.deepEqual(r.findings, []);
  });

  it("ENV001 names what the zona folder holds", () => {
    const env = makeEnvironment({ folder: "otra-rutina" });
    const r = verifyEnvironment(input(env.base));
    assert.deepEqual(codes(r), ["ENV001"]);
    assert.equal(r.findings[0].args[2], "otra-rutina");
  });

  it("ENV002 without venv/, ENV003 when it is older than maxAgeHours", () => {
    const env = makeEnvironment();
    const old = new Date(Date.now() - 50 * 3600_000);
    fs.utimesSync(path.join(env.environment, "venv", "pyvenv.cfg"), old, old);
    const r = verifyEnvironment(input(env.base));
    assert.deepEqual(codes(r), ["ENV003"]);
    assert.equal(r.findings[0].args[0], "50.0");
    fs.rmSync(path.join(env.environment, "venv"), { recursive: true });
    assert.deepEqual(codes(verifyEnvironment(input(env.base))), ["ENV002"]);
  });

  it("VER001 with the same implementation as ValidateRoutine; VER002 when version.txt is missing", () => {
    const env = makeEnvironment({ version: "20220111.1" });
    const r = verifyEnvironment(input(env.base, { artifactVersion: "20220111.2" }));
    assert.deepEqual(codes(r), ["VER001"]);
    assert.deepEqual(r.findings[0].args, ["20220111.1", "20220111.2"]);
    const none = makeEnvironment();
    assert.deepEqual(codes(verifyEnvironment(input(none.base, { artifactVersion: "1" }))), ["VER002"]);
  });

  it("compares the installed package with the source, file by file", () => {
    const env = makeEnvironment({
      files: {
        "__init__.py": "",
        "a.py": "x = 1\n",
        "b.py": "y = 2\n",
        "extra.py": "",
        "__pycache__/a.cpython-35.pyc": "bin",
      },
    });
    const source = fs.mkdtempSync(path.join(os.tmpdir(), "lz-src-"));
    const pkg = path.join(source, "src", "alm_bana_fco2");
    fs.mkdirSync(path.join(pkg, "static"), { recursive: true });
    fs.writeFileSync(path.join(pkg, "__init__.py"), "");
    fs.writeFileSync(path.join(pkg, "a.py"), "x = 1\n");
    fs.writeFileSync(path.join(pkg, "b.py"), "y = 3\n");
    fs.writeFileSync(path.join(pkg, "static", "q.sql"), "select 1");
    const r = verifyEnvironment(input(env.base, { sourcePath: source }));
    assert.deepEqual(r.findings.map((f) => `${f.rule} ${f.file}`).sort(), [
      "ENV005 b.py",
      "ENV006 static/q.sql",
      "ENV007 extra.py",
    ]);
    assert.deepEqual(r.compared, { files: 4, changed: 1, missing: 1, extra: 1 });
  });
});
