import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv-draft-04";
import { draftFromHu, huParts, packageConfigPath, zonaFromConfig } from "../../../core/release/fromHu";
import {
  applyDraft,
  formVariables,
  planSave,
  readForm,
  ReleaseLike,
  stageOverrides,
  validateForm,
} from "../../../core/release/releaseForm";
import { msg, render } from "../../../core/i18n/catalogue";
import { repoRoot } from "../../helpers/taskRun";

/** `#/definitions/Release` of the published Release REST API 7.1 (Swagger 2.0: no nulls). */
function releaseValidator() {
  const spec = JSON.parse(
    fs.readFileSync(path.join(repoRoot, "test", "schemas", "release-7.1.json"), "utf8").replace(/^\uFEFF/, ""),
  );
  const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
  ajv.addSchema({ id: "release.json", definitions: spec.definitions });
  return ajv.compile({ $ref: "release.json#/definitions/Release" });
}
const withoutNulls = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(withoutNulls)
    : v && typeof v === "object"
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => x !== null)
            .map(([k, x]) => [k, withoutNulls(x)]),
        )
      : v;

const RELEASE: ReleaseLike = {
  id: 42,
  name: "Release-42",
  modifiedOn: "2026-11-23T10:00:00.000Z",
  description: "",
  status: "active",
  variables: {
    codigoPMO: { value: "", allowOverride: true },
    "Nombre Celula": { value: "" },
    nombreContacto: { value: "Ana" },
    numeroContacto: { value: "" },
    repositoryName: { value: "" },
    packageName: { value: "" },
    zona: { value: "" },
    periodicidad: { value: "Diaria" },
    passwordImpala: { value: null as unknown as string, isSecret: true },
    otraVariable: { value: "no tocar" },
  },
  environments: [{ name: "Dev Validation", variables: { zona: { value: "zona_de_la_etapa" } } }],
};

describe("release tab: the form's domain", () => {
  it("edits the seven variables, plus the optional ones the release defines", () => {
    assert.deepEqual(formVariables(RELEASE), [
      "codigoPMO",
      "Nombre Celula",
      "nombreContacto",
      "numeroContacto",
      "repositoryName",
      "packageName",
      "zona",
      "periodicidad",
    ]);
    const form = readForm(RELEASE);
    assert.equal(form.fields.find((f) => f.variable === "nombreContacto")?.value, "Ana");
    assert.equal(form.modifiedOn, "2026-11-23T10:00:00.000Z");
  });

  it("validates with CreateOCVars' rules and message keys", () => {
    const form = readForm(RELEASE);
    form.fields.find((f) => f.variable === "numeroContacto")!.value = "12345";
    const problems = validateForm(form);
    assert.deepEqual(
      problems.get("numeroContacto")?.map((p) => p.code),
      ["PhoneMalformed"],
    );
    assert.deepEqual(
      problems.get("codigoPMO")?.map((p) => p.code),
      ["PmoMissing"],
    );
    assert.deepEqual(
      problems.get("description")?.map((p) => p.code),
      ["DescriptionMissing"],
    );
  });

  it("warns when a stage overrides a variable", () => {
    assert.deepEqual(stageOverrides(RELEASE, formVariables(RELEASE)), [{ variable: "zona", stage: "Dev Validation" }]);
  });

  it("saves only the form's values and the description: the body is a valid Release, secrets and flags untouched", () => {
    const form = readForm(RELEASE);
    for (const f of form.fields) if (f.variable === "zona") f.value = "proceso_x";
    form.fields.push({ variable: "passwordImpala", value: "intento" });
    form.description = "TITULO: t\nNECESIDAD: HU1: n\nSOLUCION: s\nBENEFICIO: b\nIMPACTO: i";
    const plan = planSave(JSON.parse(JSON.stringify(RELEASE)), RELEASE.modifiedOn, form);
    assert.equal(plan.kind, "update");
    if (plan.kind !== "update") return;
    assert.deepEqual(
      plan.changes.map((c) => c.variable),
      ["zona", "description"],
    );
    assert.deepEqual(plan.skippedSecrets, ["passwordImpala"]);
    assert.deepEqual(
      plan.body.variables!.passwordImpala,
      RELEASE.variables!.passwordImpala,
      "a secret is never written",
    );
    assert.deepEqual(plan.body.variables!.otraVariable, { value: "no tocar" });
    assert.equal(plan.body.variables!.codigoPMO.allowOverride, true);
    assert.equal(plan.body.variables!.zona.value, "proceso_x");
    assert.deepEqual(plan.body.environments, RELEASE.environments, "stage variables are not the form's");
    const validate = releaseValidator();
    assert.ok(validate(withoutNulls(plan.body)), JSON.stringify(validate.errors));
    assert.equal(validate({ id: "no-es-numero" }), false, "the schema does check");
  });

  it("applies a draft: found values replace, missing ones keep the release's, huId becomes the HU", () => {
    const release = { ...RELEASE, variables: { ...RELEASE.variables, huId: { value: "" } } };
    const draft = {
      fields: {
        codigoPMO: { value: "EVC00037", source: msg("TabFromParentTitle", 3224139) },
        zona: { value: "", missing: msg("TabNoConfig") },
      },
      description: "TITULO: t",
    };
    const next = applyDraft(readForm(release), draft, 3224139);
    const value = (v: string) => next.fields.find((f) => f.variable === v)?.value;
    assert.deepEqual(
      [value("codigoPMO"), value("nombreContacto"), value("zona"), value("huId"), next.description],
      ["EVC00037", "Ana", "", "3224139", "TITULO: t"],
    );
  });

  it("refuses to overwrite a release changed since the form loaded it", () => {
    const fresh = { ...RELEASE, modifiedOn: "2026-11-23T11:00:00.000Z" };
    assert.deepEqual(planSave(fresh, RELEASE.modifiedOn, readForm(RELEASE)), {
      kind: "conflict",
      loadedModifiedOn: RELEASE.modifiedOn,
      currentModifiedOn: fresh.modifiedOn,
      current: fresh,
    });
    assert.deepEqual(planSave(RELEASE, RELEASE.modifiedOn, readForm(RELEASE)), { kind: "nothing" });
    // The same instant written another way is the same revision (issue #13).
    assert.deepEqual(planSave(RELEASE, "2026-11-23T10:00:00.0000000Z", readForm(RELEASE)), { kind: "nothing" });
  });
});

describe("release tab: drafting from the HU", () => {
  const hu = {
    id: 3224139,
    title: "(Daniel Andres Varon Quesada) Circular 32 - Ingestion Fuente conocida SULEAS",
    descriptionHtml:
      "<div><b>Necesidad:</b> calcular el calendario &amp; <script>alert(1)</script>pagos</div><div>Solución: rutina</div><div>Beneficio: a tiempo</div><div>Impacto: ninguno</div>",
    areaPath: "Vicepresidencia\\DAIA15 - DRACARYS",
    parentTitle: "EVC00037 - Analítica avanzada",
  };
  it("reads the package's config.json only when one folder stands under src/", () => {
    assert.equal(packageConfigPath(["alm_bana_fco2"]), "/src/alm_bana_fco2/static/config/config.json");
    assert.equal(packageConfigPath([]), undefined);
    assert.equal(packageConfigPath(["a", "b"]), undefined);
  });

  it("fills every value with its source and drafts the five-part description as text", () => {
    const draft = draftFromHu(hu, {
      repository: "bana-vrie-calendarizacion-fco2",
      srcFolders: ["alm_bana_fco2"],
      configJson: '{"dsn": "impala-virtual-prd", "zona": "proceso_bana_vp_riesgos"}',
    });
    assert.deepEqual(
      Object.fromEntries(
        Object.entries(draft.fields).map(([k, v]) => [k, [v.value, v.source && render("en", v.source)]]),
      ),
      {
        codigoPMO: ["EVC00037", "the title of HU 3224139's parent"],
        "Nombre Celula": ["DAIA15 - DRACARYS", "the area path of HU 3224139"],
        repositoryName: ["bana-vrie-calendarizacion-fco2", "the HU's pull request"],
        packageName: ["alm_bana_fco2", "the folder under src/ of the pull request"],
        zona: ["proceso_bana_vp_riesgos", "config.json key 'zona'"],
      },
    );
    assert.equal(
      draft.description,
      "TITULO: (Daniel Andres Varon Quesada) Circular 32 - Ingestion Fuente conocida SULEAS\nNECESIDAD: HU3224139: calcular el calendario & alert(1) pagos\nSOLUCION: rutina\nBENEFICIO: a tiempo\nIMPACTO: ninguno",
    );
    assert.ok(!draft.description.includes("<"), "HTML is read as text, never kept as markup");
  });

  it("leaves what it cannot find empty, with the reason, and warns about a dev dsn", () => {
    const draft = draftFromHu(
      { ...hu, parentTitle: undefined, areaPath: undefined },
      { repository: "r", srcFolders: ["a", "b"], configJson: '{"dsn": "impala-virtual-dev"}' },
    );
    assert.match(render("en", draft.fields.codigoPMO.missing!), /has no parent/);
    assert.match(render("en", draft.fields.packageName.missing!), /several folders under src\/ \(a, b\)/);
    assert.match(render("en", draft.fields.zona.missing!), /none of zona, zona_resultados/);
    assert.match(render("en", draft.fields.zona.warning!), /dsn 'impala-virtual-dev'/);
    assert.match(render("en", draftFromHu(hu, undefined).fields.repositoryName.missing!), /no pull request is linked/);
    assert.match(render("en", zonaFromConfig(undefined).missing!), /no static\/config\/config.json/);
  });

  it("takes the whole description as the need when the HU has no labels", () => {
    assert.deepEqual(huParts("<p>Se requiere calcular</p>"), {
      necesidad: "Se requiere calcular",
      solucion: "",
      beneficio: "",
      impacto: "",
    });
  });
});
