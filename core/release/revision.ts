/**
 * The user's edits against the revisions of one release (issue #13). The tab's host hands the
 * release again and again (`onReleaseChanged`, a new object each time); other people save the same
 * release meanwhile. The edits are never lost to that:
 *  - the same revision again (same id, same instant) changes nothing;
 *  - an older revision (the host's copy from before our own save) changes nothing;
 *  - a newer revision replaces the form only when nothing was edited; otherwise the edits stay and
 *    the page says the release changed underneath, offering to take the new revision (rebase);
 *  - another release starts over.
 * Rebasing is a three-way merge per value: what the user did not touch takes the new revision's
 * value, what the user edited keeps the edit, and a value both changed is reported (the user's
 * edit stays; the review shows exactly what a save would overwrite).
 */
import { compareInstants, sameInstant } from "./instant";
import { FormState, readForm, ReleaseLike } from "./releaseForm";

/** The revision the form's edits are based on, and the form. */
export interface Editing {
  base: ReleaseLike;
  form: FormState;
}

export type Arrival =
  /** Another release, or a newer revision of an unedited form: the form now shows it. */
  | { kind: "replaced"; editing: Editing }
  /** The same revision (or an older one): the form and its edits stay as they are. */
  | { kind: "kept" }
  /** A newer revision while the user has edits: they stay; offer to rebase them on `release`. */
  | { kind: "newer"; release: ReleaseLike };

/** A value changed both by the user and in the newer revision. */
export interface Overlap {
  variable: string;
  /** The newer revision's value (the user's edit is what the form keeps). */
  theirs: string;
}

const DESCRIPTION = "description";

function values(form: FormState): Map<string, string> {
  const out = new Map(form.fields.map((f) => [f.variable, f.value]));
  out.set(DESCRIPTION, form.description);
  return out;
}

/** Whether the form differs from what its base revision shows. */
export function hasEdits(editing: Editing): boolean {
  const mine = values(editing.form);
  const base = values(readForm(editing.base, undefined, editing.form.kind));
  return [...mine].some(([k, v]) => (base.get(k) ?? "") !== v);
}

export function receiveRelease(current: Editing | undefined, incoming: ReleaseLike): Arrival {
  const fresh = (): Arrival => ({ kind: "replaced", editing: { base: incoming, form: readForm(incoming) } });
  if (!current || current.base.id !== incoming.id) return fresh();
  if (sameInstant(current.base.modifiedOn, incoming.modifiedOn)) return { kind: "kept" };
  if (compareInstants(incoming.modifiedOn, current.base.modifiedOn) === -1) return { kind: "kept" };
  return hasEdits(current) ? { kind: "newer", release: incoming } : fresh();
}

/** The edits carried onto a newer revision `theirs` (three-way, per value); see the module comment. */
export function rebase(editing: Editing, theirs: ReleaseLike): { editing: Editing; overlaps: Overlap[] } {
  const base = values(readForm(editing.base, undefined, editing.form.kind));
  const mine = values(editing.form);
  const next = readForm(theirs, undefined, editing.form.kind);
  const overlaps: Overlap[] = [];
  const merge = (key: string, theirValue: string): string => {
    const baseValue = base.get(key) ?? "";
    const myValue = mine.get(key);
    if (myValue === undefined || myValue === baseValue) return theirValue;
    if (theirValue !== baseValue && theirValue !== myValue) overlaps.push({ variable: key, theirs: theirValue });
    return myValue;
  };
  const fields = next.fields.map((f) => {
    const value = merge(f.variable, f.value);
    return value === f.value ? f : { ...f, value };
  });
  const description = merge(DESCRIPTION, next.description);
  return { editing: { base: theirs, form: { ...next, fields, description } }, overlaps };
}
