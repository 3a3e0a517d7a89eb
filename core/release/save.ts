/**
 * Review and save, against any store of releases (the page's gateway, a fake in tests).
 *
 * The Release REST API's update (`Releases_Update`, PUT) has no concurrency check: no ETag, no
 * If-Match, no revision in the body that the server compares (the published spec, test/schemas/
 * release-7.1.json). A lost update is therefore only prevented here, by comparing instants:
 *   review: read the release (1 call) → planSave against the form's revision → show the diff;
 *   save:   read it again immediately before writing (1 call) → still the form's revision and still
 *           the reviewed changes → PUT (1 call).
 * The window in which someone else's save can be overwritten is the one request between that last
 * read and the PUT. Review + save is 3 calls.
 */
import { Change, FormState, planSave, ReleaseLike, SavePlan } from "./releaseForm";

export interface ReleaseStore {
  getRelease(id: number): Promise<ReleaseLike>;
  /** Returns the release as saved (with its new modifiedOn). */
  updateRelease(release: ReleaseLike): Promise<ReleaseLike>;
}

export type UpdatePlan = Extract<SavePlan, { kind: "update" }>;

export type SaveOutcome =
  | { kind: "saved"; release: ReleaseLike; changes: Change[] }
  /** Someone saved the release since the form's revision: nothing was written. */
  | Extract<SavePlan, { kind: "conflict" }>
  /** The release already has the form's values: nothing was written. */
  | { kind: "nothing" }
  /** Same revision, but the changes are not the ones reviewed: show them again, nothing was written. */
  | { kind: "reviewAgain"; plan: UpdatePlan };

export async function review(store: ReleaseStore, releaseId: number, form: FormState): Promise<SavePlan> {
  return planSave(await store.getRelease(releaseId), form.modifiedOn, form);
}

export async function save(store: ReleaseStore, reviewed: UpdatePlan, form: FormState): Promise<SaveOutcome> {
  const plan = planSave(await store.getRelease(reviewed.body.id), form.modifiedOn, form);
  if (plan.kind !== "update") return plan;
  if (!sameChanges(plan.changes, reviewed.changes)) return { kind: "reviewAgain", plan };
  const release = await store.updateRelease(plan.body);
  return { kind: "saved", release, changes: plan.changes };
}

function sameChanges(a: Change[], b: Change[]): boolean {
  return (
    a.length === b.length &&
    a.every((c, i) => c.variable === b[i].variable && c.before === b[i].before && c.after === b[i].after)
  );
}
