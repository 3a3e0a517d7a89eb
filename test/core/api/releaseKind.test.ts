/** The release kinds (routine | API | coordinators) in the release tab's domain: description, variables, checks, save. */
import { strict as assert } from "assert";
import { checkApiName, kindDescription, kindOf } from "../../../core/api/releaseKind";
import { parseDescription } from "../../../core/oc/description";
import { planSave, readForm, ReleaseLike, validateForm, withKind } from "../../../core/release/releaseForm";
import { rebase } from "../../../core/release/revision";

const release = (variables: ReleaseLike["variables"] = {}): ReleaseLike => ({
  id: 42,
  modifiedOn: "2024-01-05T10:00:00.000Z",
  description: "",
  variables: { codigoPMO: { value: "EVC00037" }, ...variables },
});

describe("release kinds (core/api/releaseKind)", () => {
  it("drafts the note's API description word for word, and CreateOCVars' five-part rule accepts it", () => {
    const text = kindDescription("api", {
      titulo: "(Ana) Despliegue API  AlterCtraScoreDelta",
      huId: 3575833,
      api: "AlterCtraScoreDelta",
    });
    assert.equal(
      text,
      [
        "TITULO: (Ana) Despliegue API AlterCtraScoreDelta",
        "NECESIDAD: Implementación HU3575833 para el despliegue del API AlterCtraScoreDelta en ambientes productivos.",
        "SOLUCION: Desplegar API AlterCtraScoreDelta en ambientes productivos",
        "BENEFICIO: Generar acceso al API AlterCtraScoreDelta para que puedan consumir equipos del banco.",
        "IMPACTO: Verificado en las pruebas de performance asociadas en el presente release.",
      ].join("\n"),
    );
    const parsed = parseDescription(text, "description");
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.hu, "3575833");
    assert.deepEqual(
      parseDescription(kindDescription("coordinator", { titulo: "t", huId: "7", api: "X" }), "d").problems,
      [],
    );
  });

  it("reads the kind a release was prepared as; a routine's form is as before", () => {
    assert.equal(kindOf(release()), "routine");
    assert.equal(kindOf(release({ apiName: { value: "AlterCtraScoreDelta" } })), "api");
    assert.equal(kindOf(release({ lzReleaseKind: { value: "Coordinator" } })), "coordinator");
    assert.deepEqual(
      readForm(release()).fields.map((f) => f.variable),
      ["codigoPMO", "Nombre Celula", "nombreContacto", "numeroContacto", "repositoryName", "packageName", "zona"],
    );
  });

  it("an API release adds apiName (checked) and lzReleaseKind, and a save writes both, nothing else", () => {
    const base = release();
    const form = withKind(readForm(base), "api", base);
    assert.deepEqual(
      form.fields.slice(-2).map((f) => [f.variable, f.value]),
      [
        ["lzReleaseKind", "api"],
        ["apiName", ""],
      ],
    );
    assert.equal(validateForm(form).get("apiName")?.[0].code, "ApiNameMissing");
    assert.equal(checkApiName("alter-ctra-score-delta")[0].code, "ApiNameMalformed");
    assert.deepEqual(checkApiName("AlterCtraScoreDelta"), []);
    const named = {
      ...form,
      fields: form.fields.map((f) => (f.variable === "apiName" ? { ...f, value: "AlterCtraScoreDelta" } : f)),
    };
    assert.equal(validateForm(named).has("apiName"), false);
    const plan = planSave(base, base.modifiedOn, named);
    assert.equal(plan.kind, "update");
    if (plan.kind !== "update") return;
    assert.deepEqual(
      plan.changes.map((c) => [c.variable, c.after]).filter(([v]) => v === "apiName" || v === "lzReleaseKind"),
      [
        ["lzReleaseKind", "api"],
        ["apiName", "AlterCtraScoreDelta"],
      ],
    );
    assert.deepEqual(plan.body.variables!.apiName, { value: "AlterCtraScoreDelta" });
    // Back to a routine: the API variables leave the form (the release never had them).
    assert.deepEqual(
      withKind(named, "routine", base)
        .fields.map((f) => f.variable)
        .includes("apiName"),
      false,
    );
  });

  it("a rebase onto a newer revision keeps the kind's variables and the user's API name", () => {
    const base = release();
    const form = withKind(readForm(base), "api", base);
    const named = {
      ...form,
      fields: form.fields.map((f) => (f.variable === "apiName" ? { ...f, value: "ScoresPyme" } : f)),
    };
    const theirs = release({ zona: { value: "proceso_x" } });
    theirs.modifiedOn = "2024-01-05T11:00:00.000Z";
    const { editing } = rebase({ base, form: named }, theirs);
    assert.equal(editing.form.kind, "api");
    assert.equal(editing.form.fields.find((f) => f.variable === "apiName")?.value, "ScoresPyme");
    assert.equal(editing.form.fields.find((f) => f.variable === "zona")?.value, "proceso_x");
  });
});
