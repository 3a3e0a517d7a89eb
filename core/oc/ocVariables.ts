/**
 * CreateOCVars' decision logic: from the release variables, the description and the artifact
 * version, either the full set of `OC.*` variables the change-order task reads, or every problem
 * at once (the engineer fixes them in one pass instead of one failed run per value).
 */
import { Problem, hasErrors, problem } from "../problem";
import { isUnresolvedMacro } from "../text";
import { descriptionAsPlainText, parseDescription } from "./description";
import { DependencyMap, lookupDependency } from "./dependencyMap";
import { RELEASE_FIELDS, ReleaseField, checkField, sameRoutineName } from "./releaseFields";

/** Every variable CreateOCVars sets, in the order it sets them. */
export const OC_VARIABLES = [
  "OC.Titulo",
  "OC.Descripcion",
  "OC.Necesidad",
  "OC.Solucion",
  "OC.Beneficio",
  "OC.Impacto",
  "OC.HU",
  "OC.CodigoPMO",
  "OC.Equipo",
  "OC.Dependencia",
  "OC.Contacto",
  "OC.Telefono",
  "OC.Aplicativo",
  "OC.Paquete",
  "OC.Zona",
  "OC.Version",
] as const;
export type OcVariable = (typeof OC_VARIABLES)[number];

export interface OcInput {
  /** Name of each release variable (task inputs `pmoVariable`…), for reading and for messages. */
  variableNames: Record<ReleaseField, string>;
  /** Raw values of those variables; undefined when the release does not define them. */
  values: Partial<Record<ReleaseField, string | undefined>>;
  /** Where the description was read from, e.g. `Release.ReleaseDescription`. */
  descriptionVariable: string;
  description: string | undefined;
  artifactVersion: string | undefined;
  dependencies: DependencyMap;
}

export interface OcResult {
  ok: boolean;
  /** The variables to set, in OC_VARIABLES order; empty when `ok` is false (nothing is set on failure). */
  variables: Array<[OcVariable, string]>;
  problems: Problem[];
  /** How OC.Dependencia was found, for the summary. */
  dependencySource?: string;
}

export function prepareOcVariables(input: OcInput): OcResult {
  const problems: Problem[] = [...input.dependencies.problems];
  const v = {} as Record<ReleaseField, string>;
  let pmoUnusable = false;
  for (const field of RELEASE_FIELDS) {
    const checked = checkField(field, input.values[field], input.variableNames[field]);
    v[field] = checked.value;
    problems.push(...checked.problems);
    if (field === "pmo" && checked.problems.length) pmoUnusable = true;
  }
  if (v.repository && v.package && !sameRoutineName(v.repository, v.package)) {
    problems.push(problem("RepositoryPackageDiffer", "warning", input.variableNames.package, v.repository, v.package));
  }

  const version = (input.artifactVersion ?? "").trim();
  if (!version || isUnresolvedMacro(version)) {
    problems.push(problem("VersionMissing", "error", "artifactVersion", version));
  }

  const description = parseDescription(input.description, input.descriptionVariable);
  problems.push(...description.problems);

  let dependencySource: string | undefined;
  let dependencia = "";
  if (v.pmo || v.celula) {
    const match = lookupDependency(input.dependencies, v.pmo, v.celula);
    if (match) {
      dependencia = match.dependencia;
      dependencySource = `${match.entry.key} (${match.entry.source})`;
    } else if (!pmoUnusable) {
      // Without a usable PMO code the mapping is checked again once the code is fixed:
      // reporting "not mapped" now would send the engineer after the wrong problem.
      problems.push(
        problem("DependencyNotMapped", "error", "dependencyMapping", v.pmo || "-", v.celula || "-", v.pmo || v.celula),
      );
    }
  }

  if (hasErrors(problems)) return { ok: false, variables: [], problems };

  const parts = description.parts;
  const values: Record<OcVariable, string> = {
    "OC.Titulo": parts.TITULO!.text,
    "OC.Descripcion": descriptionAsPlainText(parts),
    "OC.Necesidad": parts.NECESIDAD!.text,
    "OC.Solucion": parts.SOLUCION!.text,
    "OC.Beneficio": parts.BENEFICIO!.text,
    "OC.Impacto": parts.IMPACTO!.text,
    "OC.HU": description.hu!,
    "OC.CodigoPMO": v.pmo,
    "OC.Equipo": v.celula,
    "OC.Dependencia": dependencia,
    "OC.Contacto": v.contactName,
    "OC.Telefono": v.contactPhone,
    "OC.Aplicativo": v.repository,
    "OC.Paquete": v.package,
    "OC.Zona": v.zona,
    "OC.Version": version,
  };
  return {
    ok: true,
    variables: OC_VARIABLES.map((name) => [name, values[name]] as [OcVariable, string]),
    problems,
    dependencySource,
  };
}
