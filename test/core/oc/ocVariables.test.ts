import { strict as assert } from "assert";
import { parseDependencyLines } from "../../../core/oc/dependencyMap";
import { OC_VARIABLES, OcInput, prepareOcVariables } from "../../../core/oc/ocVariables";
import { DEFAULT_VARIABLE_NAMES } from "../../../core/oc/releaseFields";

export const DESCRIPTION = [
  "TITULO: Circular 32 - Ingestion SULEAS",
  "NECESIDAD: HU3224139: Calcular el calendario.",
  "SOLUCION: Rutina nueva.",
  "BENEFICIO: Reportes a tiempo.",
  "IMPACTO: Ninguno.",
].join("\n");

function input(overrides: Partial<OcInput> = {}, values: OcInput["values"] = {}): OcInput {
  return {
    variableNames: { ...DEFAULT_VARIABLE_NAMES },
    values: {
      pmo: "EVC00037",
      celula: "DAIA15 - DRACARYS",
      contactName: "Daniel Varon",
      contactPhone: "+57 300 123 4567",
      repository: "alm-bana-fco2",
      package: "alm_bana_fco2",
      zona: "proceso_bana_vp_riesgos",
      ...values,
    },
    descriptionVariable: "Release.ReleaseDescription",
    description: DESCRIPTION,
    artifactVersion: "20220111.1",
    dependencies: parseDependencyLines("EVC00037 = Entorno Otros EVC - EVC Datos", "dependencyMapping"),
    ...overrides,
  };
}

describe("OC variables", () => {
  it("sets every OC variable, in order, from valid values", () => {
    const result = prepareOcVariables(input());
    assert.equal(result.ok, true);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      result.variables.map(([n]) => n),
      [...OC_VARIABLES],
    );
    const v = Object.fromEntries(result.variables);
    assert.equal(v["OC.Titulo"], "Circular 32 - Ingestion SULEAS");
    assert.equal(v["OC.Descripcion"], DESCRIPTION);
    assert.equal(v["OC.Necesidad"], "HU3224139: Calcular el calendario.");
    assert.equal(v["OC.HU"], "3224139");
    assert.equal(v["OC.CodigoPMO"], "EVC00037");
    assert.equal(v["OC.Equipo"], "DAIA15 - DRACARYS");
    assert.equal(v["OC.Dependencia"], "Entorno Otros EVC - EVC Datos");
    assert.equal(v["OC.Telefono"], "3001234567");
    assert.equal(v["OC.Aplicativo"], "alm-bana-fco2");
    assert.equal(v["OC.Paquete"], "alm_bana_fco2");
    assert.equal(v["OC.Zona"], "proceso_bana_vp_riesgos");
    assert.equal(v["OC.Version"], "20220111.1");
  });

  it("lists every problem at once and sets nothing", () => {
    const result = prepareOcVariables(
      input(
        { description: "TITULO: solo titulo", artifactVersion: "$(Build.BuildNumber)" },
        { pmo: "EVC37", contactPhone: "12345", zona: undefined },
      ),
    );
    assert.equal(result.ok, false);
    assert.deepEqual(result.variables, []);
    assert.deepEqual(result.problems.map((p) => p.code).sort(), [
      "DescriptionPartMissing",
      "DescriptionPartMissing",
      "DescriptionPartMissing",
      "DescriptionPartMissing",
      "PhoneMalformed",
      "PmoMalformed",
      "VersionMissing",
      "ZonaMissing",
    ]);
  });

  it("uses the configured variable names in its messages", () => {
    const names = { ...DEFAULT_VARIABLE_NAMES, zona: "zonaResultados" };
    const result = prepareOcVariables(input({ variableNames: names }, { zona: "" }));
    assert.deepEqual(
      result.problems.map((p) => [p.code, p.field]),
      [["ZonaMissing", "zonaResultados"]],
    );
  });

  it("warns, without failing, when repository and package differ beyond '-' and '_'", () => {
    const result = prepareOcVariables(input({}, { repository: "bana-vrie-calendarizacion-fco2" }));
    assert.equal(result.ok, true);
    assert.deepEqual(
      result.problems.map((p) => [p.code, p.severity]),
      [["RepositoryPackageDiffer", "warning"]],
    );
  });

  it("falls back to the célula for the dependencia and fails when neither is mapped", () => {
    const byCelula = prepareOcVariables(input({ dependencies: parseDependencyLines("DAIA15 - DRACARYS = D1", "m") }));
    assert.equal(Object.fromEntries(byCelula.variables)["OC.Dependencia"], "D1");
    const none = prepareOcVariables(input({ dependencies: parseDependencyLines("XYZ00001 = D2", "m") }));
    assert.equal(none.ok, false);
    assert.deepEqual(
      none.problems.map((p) => [p.code, ...p.args]),
      [["DependencyNotMapped", "EVC00037", "DAIA15 - DRACARYS", "EVC00037"]],
    );
  });

  it("fails on a broken mapping even when the key it needs is fine", () => {
    const deps = parseDependencyLines("EVC00037 = ok\nbroken line", "dependencyMapping");
    const result = prepareOcVariables(input({ dependencies: deps }));
    assert.equal(result.ok, false);
    assert.deepEqual(
      result.problems.map((p) => p.code),
      ["DependencyLineInvalid"],
    );
  });
});
