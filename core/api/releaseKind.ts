/**
 * The kinds of release the release tab prepares (issue #16): a routine's (process note 000), an API's
 * going to production, and its coordinators' (process note 001). The kind decides the description's
 * template and which variables the form adds; the description is checked by the same five-part rule
 * as CreateOCVars whatever the kind (core/oc/description).
 *
 * The note's template for an API release ("Promover API › Trabajar el release › Descripción"):
 *
 *   TITULO: <HU_fullname>
 *   NECESIDAD: Implementación HU<HU_id> para el despliegue del API <API-name> en ambientes productivos.
 *   SOLUCION: Desplegar API <API-name> en ambientes productivos
 *   BENEFICIO: Generar acceso al API <API-name> para que puedan consumir equipos del banco.
 *   IMPACTO: Verificado en las pruebas de performance asociadas en el presente release.
 *
 * The note gives no template for the coordinators' release ("Promover coordinador"): the coordinator
 * kind uses the same five parts with the coordinators' words (our wording, marked as such in the README).
 */
import { Problem, problem } from "../problem";
import { toSingleLine } from "../text";
import { isUnresolvedMacro } from "../text";
import { API_NAME, apiPascal, isPascalCase } from "./naming";

export const RELEASE_KINDS = ["routine", "api", "coordinator"] as const;
export type ReleaseKind = (typeof RELEASE_KINDS)[number];

/** The release variable that remembers the kind (written only for the API kinds, or when the release defines it). */
export const KIND_VARIABLE = "lzReleaseKind";
/** The release variable with the API's name (RunCoordinators' default input reads `$(apiName)`). */
export const API_VARIABLE = "apiName";

interface ReleaseVariables {
  variables?: Record<string, { value?: string; isSecret?: boolean }>;
}

/** The kind a release was prepared as: its lzReleaseKind variable, else API when it defines apiName, else routine. */
export function kindOf(release: ReleaseVariables): ReleaseKind {
  const stored = release.variables?.[KIND_VARIABLE]?.value?.trim().toLowerCase();
  if (stored && (RELEASE_KINDS as readonly string[]).includes(stored)) return stored as ReleaseKind;
  return release.variables && API_VARIABLE in release.variables ? "api" : "routine";
}

/** Variables the kind adds to the form (beyond the seven and those the release defines). */
export function kindVariables(kind: ReleaseKind): string[] {
  return kind === "routine" ? [] : [KIND_VARIABLE, API_VARIABLE];
}

export interface KindDraft {
  titulo: string;
  huId: string | number;
  api: string;
}

const TEXTS: Record<Exclude<ReleaseKind, "routine">, (api: string) => [string, string, string, string]> = {
  api: (api) => [
    `para el despliegue del API ${api} en ambientes productivos.`,
    `Desplegar API ${api} en ambientes productivos`,
    `Generar acceso al API ${api} para que puedan consumir equipos del banco.`,
    "Verificado en las pruebas de performance asociadas en el presente release.",
  ],
  coordinator: (api) => [
    `para la puesta en producción de los coordinadores del API ${api}.`,
    `Programar en malla los coordinadores del API ${api}, uno por tabla`,
    `Mantener actualizadas las tablas de DynamoDB del API ${api}.`,
    "Verificado en las ejecuciones de los coordinadores en DEV y CER del presente release.",
  ],
};

/** The description of an API or coordinators' release, in the note's five parts. */
export function kindDescription(kind: Exclude<ReleaseKind, "routine">, draft: KindDraft): string {
  const api = draft.api.trim() || "<API>";
  const [need, solution, benefit, impact] = TEXTS[kind](api);
  return [
    `TITULO: ${toSingleLine(draft.titulo)}`,
    `NECESIDAD: Implementación HU${String(draft.huId).trim()} ${need}`,
    `SOLUCION: ${solution}`,
    `BENEFICIO: ${benefit}`,
    `IMPACTO: ${impact}`,
  ].join("\n");
}

/** The API name as the form holds it: required, PascalCase like its folder (`AlterCtraScoreDelta`). */
export function checkApiName(raw: string | undefined, variable = API_VARIABLE): Problem[] {
  const value = (raw ?? "").trim();
  if (!value) return [problem("ApiNameMissing", "error", variable, variable)];
  if (isUnresolvedMacro(value)) return [problem("VariableUnresolved", "error", variable, variable, value)];
  if (!API_NAME.test(value) || !isPascalCase(value))
    return [
      problem(
        "ApiNameMalformed",
        "error",
        variable,
        value,
        API_NAME.test(value) ? apiPascal(value) : "AlterCtraScoreDelta",
      ),
    ];
  return [];
}
