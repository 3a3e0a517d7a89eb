/**
 * The release tab's domain (issue #6), without any Azure import: which release variables the form
 * edits, how they are validated (the same rules as CreateOCVars), what a save changes — only those
 * variables' values and the description, never a secret, never another variable, never
 * allowOverride/isSecret — and the conflict check (a release has no revision: modifiedOn, compared
 * as an instant, issue #13).
 */
import { parseDescription } from "../oc/description";
import { sameInstant } from "./instant";
import type { Drafted } from "./fromHu";
import { checkField, DEFAULT_VARIABLE_NAMES, ReleaseField, RELEASE_FIELDS } from "../oc/releaseFields";
import { type Message, type MessageKey, msg } from "../i18n/catalogue";
import type { Problem } from "../problem";
import { checkApiName, KIND_VARIABLE, kindOf, kindVariables, ReleaseKind } from "../api/releaseKind";

/**
 * The subset of the Release REST resource the form reads and writes, as releaseFromWire (wire.ts)
 * hands it: every date an ISO 8601 string. Compare `modifiedOn` with sameInstant, never with `===`.
 */
export interface ReleaseVariable {
  value?: string;
  isSecret?: boolean;
  allowOverride?: boolean;
}
export interface ReleaseLike {
  id: number;
  name?: string;
  description?: string;
  /** ISO 8601 (releaseFromWire); the revision stamp: Azure DevOps keeps no revision number. */
  modifiedOn?: string;
  variables?: Record<string, ReleaseVariable>;
  environments?: Array<{ name?: string; variables?: Record<string, ReleaseVariable> }>;
  [other: string]: unknown;
}

/** Variables ReserveInventory needs, edited too when the release definition has them. */
export const OPTIONAL_VARIABLES = ["huId", "huTipo", "periodicidad", "aplicativo"] as const;

export interface FormField {
  variable: string;
  value: string;
  /** Where the value came from ("release", "HU 3224139 parent title"…) or why it is empty. */
  source?: string;
}

export interface FormState {
  fields: FormField[];
  description: string;
  /** The revision the values were read from (or last saved to): what a save must still find. */
  modifiedOn?: string;
  /** Routine (default), API or coordinators' release (core/api/releaseKind): its variables and description. */
  kind?: ReleaseKind;
}

/**
 * The form's variables for this release: the seven, plus the optional ones the release defines, plus
 * those of the release kind (an API's: lzReleaseKind, apiName), and lzReleaseKind whenever the release has it.
 */
export function formVariables(
  release: ReleaseLike,
  names: Record<ReleaseField, string> = DEFAULT_VARIABLE_NAMES,
  kind: ReleaseKind = kindOf(release),
): string[] {
  const base = RELEASE_FIELDS.map((f) => names[f]);
  const defined = (v: string) => !!release.variables && v in release.variables;
  const all = [...base, ...OPTIONAL_VARIABLES.filter(defined), ...kindVariables(kind)];
  if (defined(KIND_VARIABLE)) all.push(KIND_VARIABLE);
  return [...new Set(all)];
}

export function readForm(
  release: ReleaseLike,
  names: Record<ReleaseField, string> = DEFAULT_VARIABLE_NAMES,
  kind: ReleaseKind = kindOf(release),
): FormState {
  return {
    fields: formVariables(release, names, kind).map((variable) => {
      const v = release.variables?.[variable];
      // The kind variable always holds the form's kind: a save records what the release was prepared as.
      if (variable === KIND_VARIABLE) return { variable, value: kind, source: v ? "release" : "the release kind" };
      return {
        variable,
        value: v && !v.isSecret ? (v.value ?? "") : "",
        source: v ? (v.isSecret ? "secret: not shown" : "release") : "not defined in this release",
      };
    }),
    description: release.description ?? "",
    modifiedOn: release.modifiedOn,
    kind,
  };
}

/**
 * The form as another kind of release: the kind's variables added (values the release has, else empty)
 * or dropped when the release does not define them, every other value kept as edited.
 */
export function withKind(state: FormState, kind: ReleaseKind, release: ReleaseLike): FormState {
  const wanted = readForm(release, DEFAULT_VARIABLE_NAMES, kind);
  const edited = new Map(state.fields.map((f) => [f.variable, f]));
  return {
    ...state,
    kind,
    fields: wanted.fields.map((f) => (f.variable === KIND_VARIABLE ? f : (edited.get(f.variable) ?? f))),
  };
}

/** Inline problems per variable (and "description"), with CreateOCVars' own rules and message keys. */
export function validateForm(
  state: FormState,
  names: Record<ReleaseField, string> = DEFAULT_VARIABLE_NAMES,
): Map<string, Problem[]> {
  const out = new Map<string, Problem[]>();
  for (const field of RELEASE_FIELDS) {
    const variable = names[field];
    const value = state.fields.find((f) => f.variable === variable)?.value;
    const problems = checkField(field, value, variable).problems;
    if (problems.length) out.set(variable, problems);
  }
  if (state.kind && state.kind !== "routine") {
    const api = state.fields.find((f) => f.variable === "apiName")?.value;
    const problems = checkApiName(api);
    if (problems.length) out.set("apiName", problems);
  }
  const description = parseDescription(state.description, "description").problems;
  if (description.length) out.set("description", description);
  return out;
}

/** A stage that defines a variable of the same name overrides the release value there. */
export function stageOverrides(release: ReleaseLike, variables: string[]): Array<{ variable: string; stage: string }> {
  const out: Array<{ variable: string; stage: string }> = [];
  for (const env of release.environments ?? []) {
    for (const variable of variables)
      if (env.variables && variable in env.variables) out.push({ variable, stage: env.name ?? "?" });
  }
  return out;
}

export interface Change {
  variable: string;
  before: string;
  after: string;
}

export type SavePlan =
  | { kind: "conflict"; loadedModifiedOn?: string; currentModifiedOn?: string; current: ReleaseLike }
  | { kind: "nothing" }
  | { kind: "update"; body: ReleaseLike; changes: Change[]; skippedSecrets: string[] };

/**
 * What a save sends, computed on the release read fresh just before: every other property and
 * variable goes back as it came. A variable the release does not define yet is added as a plain one.
 * A release modified since the form's revision (another instant) is a conflict: nothing is sent.
 */
export function planSave(fresh: ReleaseLike, loadedModifiedOn: string | undefined, state: FormState): SavePlan {
  if (!sameInstant(loadedModifiedOn, fresh.modifiedOn))
    return { kind: "conflict", loadedModifiedOn, currentModifiedOn: fresh.modifiedOn, current: fresh };
  const body: ReleaseLike = JSON.parse(JSON.stringify(fresh));
  body.variables ??= {};
  const changes: Change[] = [];
  const skippedSecrets: string[] = [];
  for (const field of state.fields) {
    const current = body.variables[field.variable];
    if (current?.isSecret) {
      skippedSecrets.push(field.variable);
      continue;
    }
    const before = current?.value ?? "";
    if (before === field.value) continue;
    if (current) current.value = field.value;
    else body.variables[field.variable] = { value: field.value };
    changes.push({ variable: field.variable, before, after: field.value });
  }
  if ((fresh.description ?? "") !== state.description) {
    changes.push({ variable: "description", before: fresh.description ?? "", after: state.description });
    body.description = state.description;
  }
  return changes.length ? { kind: "update", body, changes, skippedSecrets } : { kind: "nothing" };
}

/**
 * The form after "Load from HU": every value the HU gave replaces the field's, what it did not find
 * keeps the release's value, `huId` (when the release has it) becomes the HU loaded, and the
 * description is the drafted one.
 */
export function applyDraft(
  state: FormState,
  draft: { fields: Record<string, Drafted>; description: string },
  huId: number,
): FormState {
  return {
    ...state,
    description: draft.description,
    fields: state.fields.map((f) => {
      const value = draft.fields[f.variable]?.value;
      if (value) return { ...f, value };
      return f.variable === "huId" ? { ...f, value: String(huId) } : f;
    }),
  };
}

/**
 * What the form says beside a field for one of CreateOCVars' problems: a short hint of the catalogue
 * (Tab…), the task's own sentence when the tab has none.
 */
const FIELD_HINTS: Partial<Record<MessageKey, { hint: MessageKey; takesPart?: boolean }>> = {
  PmoMissing: { hint: "TabPmoMissing" },
  PmoMalformed: { hint: "TabPmoMalformed" },
  CelulaMissing: { hint: "TabCelulaMissing" },
  ContactNameMissing: { hint: "TabContactNameMissing" },
  PhoneMissing: { hint: "TabPhoneMissing" },
  PhoneMalformed: { hint: "TabPhoneMalformed" },
  RepositoryMissing: { hint: "TabRepositoryMissing" },
  PackageMissing: { hint: "TabPackageMissing" },
  ZonaMissing: { hint: "TabZonaMissing" },
  ZonaMalformed: { hint: "TabZonaMalformed" },
  VariableUnresolved: { hint: "TabVariableUnresolved" },
  DescriptionMissing: { hint: "TabDescriptionMissing" },
  DescriptionPartMissing: { hint: "TabDescriptionPartMissing", takesPart: true },
  DescriptionPartEmpty: { hint: "TabDescriptionPartEmpty", takesPart: true },
  DescriptionPartDuplicated: { hint: "TabDescriptionPartDuplicated", takesPart: true },
  DescriptionNoHu: { hint: "TabDescriptionNoHu" },
  DescriptionTextOutsideParts: { hint: "TabDescriptionTextOutsideParts" },
  ApiNameMissing: { hint: "TabApiNameMissing" },
  ApiNameMalformed: { hint: "TabApiNameMalformed" },
};

export function fieldHint(p: Problem): Message {
  const hint = FIELD_HINTS[p.code];
  if (!hint) return msg(p.code, ...p.args);
  return hint.takesPart ? msg(hint.hint, p.args[0] ?? "") : msg(hint.hint);
}
