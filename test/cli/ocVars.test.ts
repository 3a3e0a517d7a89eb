import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { repoRoot } from "../helpers/taskRun";

const DESCRIPTION = "TITULO: Rutina X\nNECESIDAD: HU3224139: calcular.\nSOLUCION: s.\nBENEFICIO: b.\nIMPACTO: i.";
const GOOD = [
  "--var",
  "codigoPMO=EVC00037",
  "--var",
  "Nombre Celula=DAIA15 - DRACARYS",
  "--var",
  "nombreContacto=Ana Gomez",
  "--var",
  "numeroContacto=+57 300 123 4567",
  "--var",
  "repositoryName=alm-bana-fco2",
  "--var",
  "packageName=alm_bana_fco2",
  "--var",
  "zona=proceso_bana_vp_riesgos",
  "--var",
  `Release.ReleaseDescription=${DESCRIPTION}`,
  "--artifact-version",
  "20220111.1",
  "--dependency-mapping",
  "EVC00037 = Entorno Otros EVC",
];

function lz(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [path.join(repoRoot, "bin", "lz.js"), ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", LANG: "C.UTF-8", ...env },
  });
}

describe("lz oc-vars", () => {
  it("prints one JSON object with the task's report shape and exits 0", () => {
    const r = lz(["oc-vars", ...GOOD, "--format", "json"]);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.task, "CreateOCVars");
    assert.equal(report.result, "Succeeded");
    assert.deepEqual(report.summary, { errors: 0, warnings: 0, infos: 0 });
    assert.equal(report.variables["OC.Telefono"], "3001234567");
    assert.equal(report.variables["OC.Descripcion"], DESCRIPTION);
    assert.equal(Object.keys(report.variables).length, 16);
  });

  it("exits 1 and lists every problem when the check fails", () => {
    const r = lz(["oc-vars", ...GOOD, "--var", "codigoPMO=", "--var", "zona=mi zona", "--format", "json"]);
    assert.equal(r.status, 1);
    const report = JSON.parse(r.stdout);
    assert.equal(report.result, "Failed");
    assert.deepEqual(
      report.problems.map((p: any) => p.code),
      ["PmoMissing", "ZonaMalformed"],
    );
    assert.deepEqual(report.variables, {});
  });

  it("reads variable names from the task inputs as kebab-case flags", () => {
    const r = lz([
      "oc-vars",
      ...GOOD,
      "--zona-variable",
      "zonaResultados",
      "--var",
      "zonaResultados=zona_b",
      "--format",
      "json",
    ]);
    assert.equal(r.status, 0, r.stdout);
    assert.equal(JSON.parse(r.stdout).variables["OC.Zona"], "zona_b");
  });

  it("speaks Spanish with --lang es or a Spanish LANG", () => {
    for (const [args, env] of [
      [["--lang", "es"], {}],
      [[], { LANG: "es_CO.UTF-8" }],
    ] as const) {
      const r = lz(["oc-vars", ...GOOD, "--var", "numeroContacto=123", ...args], env);
      assert.equal(r.status, 1);
      assert.match(
        r.stdout,
        /error \[PhoneMalformed\] numeroContacto: La variable del release 'numeroContacto' = '123' no es un celular colombiano/,
      );
    }
  });

  it("exits 2 on bad usage, naming the problem", () => {
    const unknown = lz(["oc-vars", "--python-version", "3.5"]);
    assert.equal(unknown.status, 2);
    assert.match(
      unknown.stderr,
      /^lz oc-vars: unknown flag --python-version\.\nSee its flags with: lz help oc-vars\n$/,
    );
    const badVar = lz(["oc-vars", "--var", "sin-igual"]);
    assert.equal(badVar.status, 2);
    assert.match(badVar.stderr, /--var expects "Name=value" \(got 'sin-igual'\)/);
    const badFormat = lz(["oc-vars", "--format", "xml"]);
    assert.equal(badFormat.status, 2);
    assert.match(badFormat.stderr, /--format must be one of text, json/);
    assert.equal(lz(["no-such-command"]).status, 2);
    assert.equal(lz([]).status, 2);
  });

  it("lists its flags with --help", () => {
    const r = lz(["oc-vars", "--help"]);
    assert.equal(r.status, 0);
    for (const flag of [
      "--artifact-version",
      "--dependency-mapping-file",
      "--pmo-variable",
      "--celula-variable",
      "--var",
    ]) {
      assert.ok(r.stdout.includes(flag), flag);
    }
  });
});
