import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describeOnTaskNodes, repoRoot, runTask, uploadedSummary } from "../helpers/taskRun";

const DESCRIPTION = [
  "TITULO: Circular 32 - Ingestion SULEAS",
  "NECESIDAD: HU3224139: Calcular el calendario.",
  "SOLUCION: Rutina nueva.",
  "BENEFICIO: Reportes a tiempo.",
  "IMPACTO: Ninguno.",
].join("\n");

const RELEASE_VARIABLES: Record<string, string> = {
  codigoPMO: "EVC00037",
  "Nombre Celula": "DAIA15 - DRACARYS",
  nombreContacto: "Daniel Varon",
  numeroContacto: "300 123 4567",
  repositoryName: "alm-bana-fco2",
  packageName: "alm_bana_fco2",
  zona: "proceso_bana_vp_riesgos",
  "Release.ReleaseDescription": DESCRIPTION,
  "Build.BuildNumber": "20220111.1",
};

/** task.json defaults, as the agent passes them (macros already expanded). */
const DEFAULT_INPUTS: Record<string, string> = {
  artifactVersion: "20220111.1",
  pmoVariable: "codigoPMO",
  celulaVariable: "Nombre Celula",
  contactNameVariable: "nombreContacto",
  contactPhoneVariable: "numeroContacto",
  repositoryVariable: "repositoryName",
  packageVariable: "packageName",
  zonaVariable: "zona",
  descriptionVariable: "Release.ReleaseDescription",
  dependencyMapping:
    "# por PMO\nEVC00037 = Entorno Otros EVC - EVC Datos Analitica AI Blockchain - Cloudera Data Platform",
};

function run(inputs: Record<string, string> = {}, variables: Record<string, string> = {}) {
  return runTask("CreateOCVarsV1", {
    inputs: { ...DEFAULT_INPUTS, ...inputs },
    variables: { ...RELEASE_VARIABLES, ...variables },
  });
}

describeOnTaskNodes("CreateOCVars task", function () {
  this.timeout(20000);

  it("sets every OC.* job variable with the exact commands, and nothing else", async () => {
    const r = await run();
    assert.equal(r.result, "Succeeded", r.stdout);
    const jobVars = r.vsoLines.filter((l) => l.startsWith("##vso[task.setvariable variable=OC."));
    assert.deepEqual(jobVars, [
      "##vso[task.setvariable variable=OC.Titulo;isOutput=false;issecret=false;]Circular 32 - Ingestion SULEAS",
      "##vso[task.setvariable variable=OC.Descripcion;isOutput=false;issecret=false;]" +
        DESCRIPTION.replace(/\n/g, "%0A"),
      "##vso[task.setvariable variable=OC.Necesidad;isOutput=false;issecret=false;]HU3224139: Calcular el calendario.",
      "##vso[task.setvariable variable=OC.Solucion;isOutput=false;issecret=false;]Rutina nueva.",
      "##vso[task.setvariable variable=OC.Beneficio;isOutput=false;issecret=false;]Reportes a tiempo.",
      "##vso[task.setvariable variable=OC.Impacto;isOutput=false;issecret=false;]Ninguno.",
      "##vso[task.setvariable variable=OC.HU;isOutput=false;issecret=false;]3224139",
      "##vso[task.setvariable variable=OC.CodigoPMO;isOutput=false;issecret=false;]EVC00037",
      "##vso[task.setvariable variable=OC.Equipo;isOutput=false;issecret=false;]DAIA15 - DRACARYS",
      "##vso[task.setvariable variable=OC.Dependencia;isOutput=false;issecret=false;]Entorno Otros EVC - EVC Datos Analitica AI Blockchain - Cloudera Data Platform",
      "##vso[task.setvariable variable=OC.Contacto;isOutput=false;issecret=false;]Daniel Varon",
      "##vso[task.setvariable variable=OC.Telefono;isOutput=false;issecret=false;]3001234567",
      "##vso[task.setvariable variable=OC.Aplicativo;isOutput=false;issecret=false;]alm-bana-fco2",
      "##vso[task.setvariable variable=OC.Paquete;isOutput=false;issecret=false;]alm_bana_fco2",
      "##vso[task.setvariable variable=OC.Zona;isOutput=false;issecret=false;]proceso_bana_vp_riesgos",
      "##vso[task.setvariable variable=OC.Version;isOutput=false;issecret=false;]20220111.1",
    ]);
    // The agent decodes %0A back to new lines: the change order gets one part per line.
    assert.equal(r.variables.get("OC.Descripcion")?.message, DESCRIPTION);
    assert.equal(r.commands.filter((c) => c.command === "task.setvariable").length, 16);
    assert.match(r.stdout, /OC\.Telefono = 3001234567/);
  });

  it("uploads a summary and a JSON report of what it set", async () => {
    const r = await run();
    const summary = uploadedSummary(r);
    assert.match(summary, /Change-order \(OC\) variables — Release-42 \(#42\)/);
    assert.match(summary, /\| \$\(OC\.Telefono\) \| 3001234567 \|/);
    assert.match(summary, /\| \$\(OC\.Descripcion\) \| TITULO: Circular 32 - Ingestion SULEAS<br>NECESIDAD:/);
    const upload = r.commands.find((c) => c.command === "task.uploadsummary")!;
    const report = JSON.parse(
      fs.readFileSync(path.join(path.dirname(upload.message), "CreateOCVars-report.json"), "utf8"),
    );
    assert.equal(report.result, "Succeeded");
    assert.equal(report.variables["OC.Zona"], "proceso_bana_vp_riesgos");
  });

  it("fails with one error listing every problem and sets no variable", async () => {
    const r = await run(
      { artifactVersion: "$(Build.BuildNumber)" },
      {
        codigoPMO: "evc00037",
        numeroContacto: "12345",
        zona: "",
        "Release.ReleaseDescription": "TITULO: x\nNECESIDAD: sin hu",
      },
    );
    assert.equal(r.result, "Failed");
    assert.equal(r.succeeded, false);
    assert.equal(r.commands.filter((c) => c.command === "task.setvariable").length, 0, "a failing run sets nothing");
    assert.equal(r.runner.errorIssues.length, 1, "exactly one error");
    const error = r.runner.errorIssues[0];
    assert.match(error, /^CreateOCVars found 8 problem\(s\) and set no variable:/);
    for (const expected of [
      "'codigoPMO' = 'evc00037' is not a PMO code (3 capital letters and 5 digits): write it as 'EVC00037'",
      "'numeroContacto' = '12345' is not a Colombian mobile number",
      "'zona' (results zone) is empty",
      "The artifact version (input artifactVersion) is empty or unresolved ('$(Build.BuildNumber)')",
      "NECESIDAD (line 2) does not name the HU",
      "has no 'SOLUCION:' part",
      "has no 'BENEFICIO:' part",
      "has no 'IMPACTO:' part",
    ]) {
      assert.ok(error.includes(expected), `missing: ${expected}\n${error}`);
    }
    assert.match(uploadedSummary(r), /No variable was set/);
  });

  // task-lib matches the culture's folder exactly; the bank's agents run es-CO.
  for (const culture of ["es-ES", "es-CO", "es"])
    it(`speaks Spanish when the agent's culture is ${culture}`, async () => {
      const r = await run({}, { "System.Culture": culture, numeroContacto: "" });
      assert.equal(r.result, "Failed");
      assert.match(r.runner.errorIssues[0], /^CreateOCVars encontró 1 problema\(s\) y no definió ninguna variable:/);
      assert.match(
        r.runner.errorIssues[0],
        /La variable del release 'numeroContacto' \(teléfono de contacto\) está vacía/,
      );
      assert.match(uploadedSummary(r), /No se definió ninguna variable/);
    });

  it("reads the release variables named by the inputs", async () => {
    const r = await run(
      { zonaVariable: "zonaResultados", celulaVariable: "equipo.nombre" },
      { zona: "", zonaResultados: "zona_b", "equipo.nombre": "DAIA15 - DRACARYS" },
    );
    assert.equal(r.result, "Succeeded", r.stdout);
    assert.equal(r.variables.get("OC.Zona")?.message, "zona_b");
  });

  it("succeeds with issues, and a warning, when repository and package differ", async () => {
    const r = await run({}, { repositoryName: "bana-vrie-calendarizacion-fco2" });
    assert.equal(r.result, "SucceededWithIssues");
    assert.equal(r.runner.warningIssues.length, 1);
    assert.match(
      r.runner.warningIssues[0],
      /Repository 'bana-vrie-calendarizacion-fco2' and package 'alm_bana_fco2' differ/,
    );
    assert.equal(r.variables.get("OC.Aplicativo")?.message, "bana-vrie-calendarizacion-fco2");
  });

  it("reads the dependencia from a JSON mapping file, by célula", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-deps-")), "deps.json");
    fs.writeFileSync(file, JSON.stringify({ "DAIA15 - DRACARYS": "Dependencia de la celula" }));
    const r = await run({ dependencyMapping: "", dependencyMappingFile: file });
    assert.equal(r.result, "Succeeded", r.stdout);
    assert.equal(r.variables.get("OC.Dependencia")?.message, "Dependencia de la celula");
  });

  it("names the input to fix when the mapping file does not exist or nothing is mapped", async () => {
    const missing = await run({ dependencyMapping: "", dependencyMappingFile: "/nonexistent/deps.json" });
    assert.equal(missing.result, "Failed");
    assert.match(
      missing.runner.errorIssues[0],
      /Dependency mapping file '\/nonexistent\/deps.json' does not exist: fix the path in input dependencyMappingFile/,
    );
    const unmapped = await run({ dependencyMapping: "XYZ00001 = otra" });
    assert.match(
      unmapped.runner.errorIssues[0],
      /No dependencia is mapped for PMO code 'EVC00037' nor for célula 'DAIA15 - DRACARYS': add a line 'EVC00037 = <dependencia>'/,
    );
  });
});

describeOnTaskNodes("CreateOCVars on an unexpected error", function () {
  this.timeout(20000);
  it("fails naming the cause and where it happened, and sets no OC variable", async () => {
    // The report folder cannot be made: <temp>/lz is a file.
    const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-oc-unexpected-"));
    fs.writeFileSync(path.join(tempDir, "lz"), "not a folder");
    const r = await run({}, { "Agent.TempDirectory": tempDir });
    assert.equal(r.result, "Failed", r.stdout);
    const message = r.runner.errorIssues.join("\n");
    assert.match(message, /^Unexpected error: Error: (ENOTDIR|EEXIST)\b.*mkdir '.*lz[\\/]CreateOCVars-\d+'/);
    // The bundle's source map leads the stack to our TypeScript (the agent runs plain `node index.js`).
    assert.match(message, /\n\s+at \w+ \(tasks\/common\/taskKit\.ts:\d+:\d+\)/, "our frames, as .ts file and line");
    // No agent path, no task-lib or Node frames in the error; the whole stack only in the debug output.
    assert.ok(!message.includes(repoRoot) && !/node:internal|node_modules/.test(message), message);
    assert.ok(
      r.commands.some((c) => c.command === "task.debug" && /at .*node:internal/.test(c.message)),
      "the full stack is a debug line",
    );
    assert.equal([...r.variables.keys()].filter((k) => k.startsWith("OC.")).length, 0);
  });
});

describe("CreateOCVars messages", () => {
  it("has an English and a Spanish message for every problem code core/oc can emit", () => {
    const dir = path.join(repoRoot, "core", "oc");
    const code = fs
      .readdirSync(dir)
      .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
      .join("\n");
    const codes = new Set([
      ...[...code.matchAll(/problem\("([A-Za-z0-9]+)"/g)].map((m) => m[1]),
      ...[...code.matchAll(/^\s+[a-zA-Z]+: "([A-Z][A-Za-z]+Missing)",$/gm)].map((m) => m[1]),
    ]);
    assert.ok(codes.size >= 20, `found only ${codes.size} codes`);
    const task = JSON.parse(fs.readFileSync(path.join(repoRoot, "tasks", "CreateOCVarsV1", "task.json"), "utf8"));
    const es = JSON.parse(
      fs.readFileSync(
        path.join(repoRoot, "tasks", "CreateOCVarsV1", "Strings/resources.resjson/es-ES/resources.resjson"),
        "utf8",
      ),
    );
    for (const c of codes) {
      assert.ok(task.messages[c], `no English message for ${c}`);
      assert.ok(es[`loc.messages.${c}`], `no Spanish message for ${c}`);
    }
  });
});
