import { strict as assert } from "assert";
import { readForm, ReleaseLike, FormState } from "../../../core/release/releaseForm";
import { hasEdits, rebase, receiveRelease, Editing } from "../../../core/release/revision";
import { review, save, ReleaseStore, UpdatePlan } from "../../../core/release/save";
import { releaseFromWire } from "../../../core/release/wire";

const T = Date.UTC(2026, 10, 23, 10, 0, 0, 123);

/** Release 42 as the REST client hands it: dates as Date objects. */
function wire(modifiedAt: number, variables: Record<string, string> = {}, description = ""): unknown {
  return {
    id: 42,
    modifiedOn: new Date(modifiedAt),
    createdOn: new Date(T - 86400000),
    description,
    variables: {
      codigoPMO: { value: "" },
      "Nombre Celula": { value: "" },
      nombreContacto: { value: "Ana Gomez", allowOverride: true },
      numeroContacto: { value: "" },
      repositoryName: { value: "" },
      packageName: { value: "" },
      zona: { value: "" },
      claveImpala: { value: null, isSecret: true },
      ...Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, { value: v }])),
    },
    environments: [{ id: 101, name: "Dev Validation", variables: {} }],
  };
}
const release = (...args: Parameters<typeof wire>) => releaseFromWire(wire(...args));
const set = (form: FormState, variable: string, value: string): FormState => ({
  ...form,
  fields: form.fields.map((f) => (f.variable === variable ? { ...f, value } : f)),
});
const value = (e: Editing, variable: string) => e.form.fields.find((f) => f.variable === variable)?.value;

describe("release tab: edits against the release's revisions (issue #13)", () => {
  const base = release(T);
  const edited: Editing = { base, form: set(readForm(base), "zona", "proceso_x") };

  it("the same revision handed again (a new object, Dates) keeps the form and its edits", () => {
    assert.ok(hasEdits(edited));
    assert.deepEqual(receiveRelease(edited, release(T)), { kind: "kept" });
    assert.deepEqual(receiveRelease(edited, releaseFromWire({ ...(wire(T) as object), modifiedOn: `/Date(${T})/` })), {
      kind: "kept",
    });
  });

  it("an older revision (the host's copy from before our save) changes nothing", () => {
    assert.deepEqual(receiveRelease(edited, release(T - 60000)), { kind: "kept" });
  });

  it("a newer revision keeps the edits and is offered; without edits it simply replaces the form", () => {
    const newer = release(T + 60000, { nombreContacto: "Pedro Perez" });
    assert.deepEqual(receiveRelease(edited, newer), { kind: "newer", release: newer });
    const untouched: Editing = { base, form: readForm(base) };
    assert.ok(!hasEdits(untouched));
    const arrival = receiveRelease(untouched, newer);
    assert.equal(arrival.kind, "replaced");
    if (arrival.kind === "replaced") assert.equal(value(arrival.editing, "nombreContacto"), "Pedro Perez");
  });

  it("another release starts over", () => {
    const other = releaseFromWire({ ...(wire(T) as object), id: 43 });
    const arrival = receiveRelease(edited, other);
    assert.equal(arrival.kind, "replaced");
    if (arrival.kind === "replaced") assert.equal(value(arrival.editing, "zona"), "");
  });

  it("rebasing keeps the user's edits, takes the values the user left, and reports a value both changed", () => {
    let form = set(readForm(base), "zona", "proceso_x");
    form = set(form, "codigoPMO", "EVC00037");
    form = { ...form, description: "TITULO: mine" };
    const theirs = release(T + 60000, {
      nombreContacto: "Pedro Perez",
      zona: "cambiada_por_otro",
      codigoPMO: "EVC00037",
    });
    const { editing, overlaps } = rebase({ base, form }, theirs);
    assert.equal(editing.base, theirs);
    assert.equal(editing.form.modifiedOn, "2026-11-23T10:01:00.123Z", "the form is now on their revision");
    assert.equal(value(editing, "nombreContacto"), "Pedro Perez", "left by the user: theirs");
    assert.equal(value(editing, "zona"), "proceso_x", "edited by the user: kept");
    assert.equal(value(editing, "codigoPMO"), "EVC00037", "both made the same change: no overlap");
    assert.equal(editing.form.description, "TITULO: mine");
    assert.deepEqual(overlaps, [{ variable: "zona", theirs: "cambiada_por_otro" }]);
  });
});

/** A store that records its calls; `meanwhile` runs between the calls (another user's save). */
function store(initial: unknown, meanwhile: Array<(s: { current: unknown }) => void> = []) {
  const state = { current: initial };
  const calls: string[] = [];
  const puts: ReleaseLike[] = [];
  const s: ReleaseStore = {
    async getRelease(id) {
      meanwhile.shift()?.(state);
      calls.push(`GET ${id}`);
      return releaseFromWire(JSON.parse(JSON.stringify(state.current)));
    },
    async updateRelease(body) {
      meanwhile.shift()?.(state);
      calls.push(`PUT ${body.id}`);
      puts.push(JSON.parse(JSON.stringify(body)));
      state.current = { ...body, modifiedOn: new Date(T + 120000) };
      return releaseFromWire(state.current);
    },
  };
  return { s, calls, puts, state };
}

describe("release tab: review and save (one read, a read right before the write, the write)", () => {
  const loaded = release(T);
  const form = set(readForm(loaded), "zona", "proceso_x");

  it("reviews with one read and saves with a read and a write: 3 calls; the saved revision is returned", async () => {
    const { s, calls, puts } = store(wire(T));
    const plan = await review(s, 42, form);
    assert.equal(plan.kind, "update");
    const outcome = await save(s, plan as UpdatePlan, form);
    assert.equal(outcome.kind, "saved");
    assert.deepEqual(calls, ["GET 42", "GET 42", "PUT 42"]);
    assert.equal(puts[0].variables!.zona.value, "proceso_x");
    assert.deepEqual(puts[0].variables!.claveImpala, { value: null, isSecret: true }, "a secret goes back as it came");
    if (outcome.kind === "saved") assert.equal(outcome.release.modifiedOn, "2026-11-23T10:02:00.123Z");
  });

  it("a save by someone else between the review and the save is caught by the second read: no write", async () => {
    const someoneSaves = () => undefined;
    const { s, calls, puts } = store(wire(T), [
      someoneSaves,
      (st) => (st.current = wire(T + 5000, { nombreContacto: "Pedro Perez" })),
    ]);
    const plan = (await review(s, 42, form)) as UpdatePlan;
    const outcome = await save(s, plan, form);
    assert.equal(outcome.kind, "conflict");
    if (outcome.kind === "conflict") {
      assert.equal(outcome.loadedModifiedOn, "2026-11-23T10:00:00.123Z");
      assert.equal(outcome.currentModifiedOn, "2026-11-23T10:00:05.123Z");
      assert.equal(outcome.current.variables!.nombreContacto.value, "Pedro Perez", "the revision to rebase on");
    }
    assert.deepEqual(calls, ["GET 42", "GET 42"]);
    assert.equal(puts.length, 0);
  });

  it("the same revision with other values than reviewed is shown again, not written", async () => {
    const { s, puts } = store(wire(T), [
      () => undefined,
      (st) => ((st.current as any).variables.zona.value = "otra"), // no new modifiedOn: should not happen, is not trusted
    ]);
    const plan = (await review(s, 42, form)) as UpdatePlan;
    const outcome = await save(s, plan, form);
    assert.equal(outcome.kind, "reviewAgain");
    assert.equal(puts.length, 0);
  });

  it("a review right after a save finds the saved revision: no conflict, nothing to save", async () => {
    const { s } = store(wire(T));
    const plan = (await review(s, 42, form)) as UpdatePlan;
    const outcome = await save(s, plan, form);
    assert.equal(outcome.kind, "saved");
    if (outcome.kind !== "saved") return;
    const next = await review(s, 42, { ...form, modifiedOn: outcome.release.modifiedOn });
    assert.deepEqual(next, { kind: "nothing" });
  });
});
