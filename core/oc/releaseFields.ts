/**
 * The release variables the LZ engineer fills after creating a release (DOMAIN.md step 1) and
 * the rules each value must follow. One module for the CreateOCVars task and the release tab,
 * so both accept and reject exactly the same values.
 */
import { Problem, problem } from "../problem";
import type { MessageKey } from "../i18n/catalogue";
import { isUnresolvedMacro } from "../text";

export const RELEASE_FIELDS = [
  "pmo",
  "celula",
  "contactName",
  "contactPhone",
  "repository",
  "package",
  "zona",
] as const;
export type ReleaseField = (typeof RELEASE_FIELDS)[number];

/** The variable names the team's release definition uses today. */
export const DEFAULT_VARIABLE_NAMES: Readonly<Record<ReleaseField, string>> = {
  pmo: "codigoPMO",
  celula: "Nombre Celula",
  contactName: "nombreContacto",
  contactPhone: "numeroContacto",
  repository: "repositoryName",
  package: "packageName",
  zona: "zona",
};

/** The CreateOCVars input (and `lz oc-vars` flag) that names each variable. */
export const VARIABLE_INPUTS: Readonly<Record<ReleaseField, string>> = {
  pmo: "pmoVariable",
  celula: "celulaVariable",
  contactName: "contactNameVariable",
  contactPhone: "contactPhoneVariable",
  repository: "repositoryVariable",
  package: "packageVariable",
  zona: "zonaVariable",
};

export const PMO_PATTERN = /^[A-Z]{3}[0-9]{5}$/;
/** Impala database names: letters, digits and underscores, not starting with a digit. */
export const ZONA_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface FieldCheck {
  /** The value to use (trimmed, normalized); empty when the value is unusable. */
  value: string;
  problems: Problem[];
}

const MISSING_CODE: Record<ReleaseField, MessageKey> = {
  pmo: "PmoMissing",
  celula: "CelulaMissing",
  contactName: "ContactNameMissing",
  contactPhone: "PhoneMissing",
  repository: "RepositoryMissing",
  package: "PackageMissing",
  zona: "ZonaMissing",
};

/**
 * Colombian mobile number: 10 digits starting with 3. Spaces, dashes, dots, parentheses and a
 * +57 country prefix are accepted and removed; the result is the bare 10 digits.
 */
export function normalizePhone(raw: string): string | undefined {
  let digits = raw.trim().replace(/[\s\-.()]/g, "");
  if (digits.startsWith("+57")) digits = digits.slice(3);
  return /^3[0-9]{9}$/.test(digits) ? digits : undefined;
}

/** `alm-bana_fco2` and `ALM_BANA-FCO2` name the same thing: the team writes repos with `-`, packages with `_`. */
export function sameRoutineName(repository: string, pkg: string): boolean {
  const norm = (s: string) => s.trim().toLowerCase().replace(/-/g, "_");
  return norm(repository) === norm(pkg);
}

/** Checks one release variable; `variable` is its name in the release, used in every message. */
export function checkField(field: ReleaseField, raw: string | undefined, variable: string): FieldCheck {
  const value = (raw ?? "").trim();
  if (!value) return { value: "", problems: [problem(MISSING_CODE[field], "error", variable, variable)] };
  if (isUnresolvedMacro(value)) {
    return { value: "", problems: [problem("VariableUnresolved", "error", variable, variable, value)] };
  }
  switch (field) {
    case "pmo": {
      if (PMO_PATTERN.test(value)) return { value, problems: [] };
      const upper = value.toUpperCase().replace(/[\s-]/g, "");
      const hint = PMO_PATTERN.test(upper) ? upper : "EVC00037";
      return { value: "", problems: [problem("PmoMalformed", "error", variable, variable, value, hint)] };
    }
    case "contactPhone": {
      const phone = normalizePhone(value);
      if (phone) return { value: phone, problems: [] };
      return { value: "", problems: [problem("PhoneMalformed", "error", variable, variable, value)] };
    }
    case "zona":
      if (ZONA_PATTERN.test(value)) return { value, problems: [] };
      return { value: "", problems: [problem("ZonaMalformed", "error", variable, variable, value)] };
    default:
      // Free text (célula, contact name) and names (repository, package): only presence matters.
      return { value: value.replace(/\s+/g, " "), problems: [] };
  }
}
