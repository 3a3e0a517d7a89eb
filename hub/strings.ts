/** The tab's texts in English and Spanish; the language follows the user's Azure DevOps culture. */
import type { Message } from "../core/release/failure";

export type Lang = "en" | "es";

const EN = {
  title: "LZ release variables",
  release: "Release",
  releasePlaceholder: "Release id or URL",
  open: "Open",
  huId: "HU (work item id)",
  loadFromHu: "Load from HU",
  description: "Release description",
  preview: "Review changes",
  save: "Save to the release",
  reload: "Take the new revision (keep my edits)",
  cancel: "Cancel",
  saved: "Saved: %n change(s) written to the release.",
  nothing: "Nothing to save: the release already has these values.",
  conflict:
    "The release changed since it was loaded (%a → %b): nothing was written. Take the new revision (your edits are kept), review and save again.",
  changedUnderneath:
    "Someone changed the release since it was loaded (%a → %b). Your edits are kept: take the new revision, then review and save.",
  rebased: "Now on the revision of %b; your edits are kept. Review the changes before saving.",
  overlap: "%v was also changed there, to “%s”: your value is kept.",
  reviewAgain: "The release's values changed since the review: check the changes again before saving.",
  changes: "What will change",
  variable: "Variable",
  before: "Now",
  after: "After saving",
  empty: "(empty)",
  source: "From %s",
  missing: "Not found: %s",
  stageOverride: "Stage '%s' defines its own %v: that stage will not see the release value.",
  secretSkipped: "%v is a secret: the tab never writes it.",
  loaded: "Loaded from HU %s: check every value before saving.",
  loadedWithFailures: "Loaded from HU %s, but %n value(s) could not be read:",
  loadFailed: "Could not load HU %s: %e",
  saveFailed: "Could not save the release: %e",
  reviewFailed: "Could not review the changes: %e",
  openFailed: "Could not open release %s: %e",
  startFailed: "The tab could not start: %e",
  noProject:
    "The page gave no project (neither the project service nor the web context): open this from a project's release page or Pipelines hub.",
  noRelease: "The page handed the tab no release (no onReleaseChanged and no releaseId in its configuration).",
  waitingRelease: "Waiting for the release from the page…",
  badRelease: "The page handed the tab something that is not a release (%e): reload the page.",
  busyLoad: "Reading HU %s…",
  busyReview: "Reading the release…",
  busySave: "Saving the release…",
  busyOpen: "Opening release %s…",
  invalid: "Fix the marked values first.",
  unknownError: "an unexpected error with no message (see the browser's console).",
  huInvalid: "Type the HU's work item id (digits only), e.g. 3224139.",
  failure: "%call: %reason",
  failureWithDetail: "%call: %reason Azure DevOps said: “%detail”",
  "call.readRelease": "Reading release %id (project %project)",
  "call.updateRelease": "Saving release %id (project %project)",
  "call.readHu": "Reading HU %id",
  "call.readParent": "Reading the HU's parent, work item %id",
  "call.readPullRequest": "Reading pull request %id (project %project)",
  "call.listFolders": "Listing %path of repository %repository at commit %commit",
  "call.readFile": "Reading %path of repository %repository at commit %commit",
  "reason.unauthorized":
    "Azure DevOps did not accept the sign-in (401). Reload the page; if it happens again, the organization must allow the extension's scope %scope.",
  "reason.forbidden": "permission denied (403). You need %permission (scope %scope): ask a project administrator.",
  "reason.notFound": "not found (404): it does not exist, or you lack %permission.",
  "reason.badRequest": "Azure DevOps rejected the request (400): check the values; report it if it persists.",
  "reason.throttled": "Azure DevOps is limiting requests (429): wait a minute and try again.",
  "reason.server": "Azure DevOps failed (%status): nothing was changed; try again in a few minutes.",
  "reason.serverOnSave":
    "Azure DevOps failed (%status) while saving: the save may or may not have been applied. Review again to see the release as it is now.",
  "reason.network": "Azure DevOps could not be reached: check the connection and try again.",
  "reason.unexpected": "Azure DevOps answered %status: try again; report it if it persists.",
  "perm.viewReleases": "“View releases” on the release pipeline",
  "perm.manageReleases": "“Manage releases” on the release pipeline",
  "perm.viewWorkItems": "“View work items in this node” on the work item's area path",
  "perm.readRepository": "“Read” on the repository (Repos › Security)",
  PmoMissing: "Required: the PMO code from the HU's parent title, e.g. EVC00037.",
  PmoMalformed: "3 capital letters and 5 digits, e.g. EVC00037.",
  CelulaMissing: "Required: the HU's team, e.g. DAIA15 - DRACARYS.",
  ContactNameMissing: "Required: the developer to contact.",
  PhoneMissing: "Required: a mobile number, 10 digits starting with 3.",
  PhoneMalformed: "A Colombian mobile: 10 digits starting with 3 (spaces, dashes, +57 accepted).",
  RepositoryMissing: "Required: the repository of the HU's pull request.",
  PackageMissing: "Required: the folder under src/ of the pull request.",
  ZonaMissing: "Required: the results zone (Impala database) of config.json.",
  ZonaMalformed: "Letters, digits and underscores only.",
  VariableUnresolved: "An unresolved $(…) macro: type the value.",
  DescriptionMissing: "Write the five parts: TITULO, NECESIDAD: HU<id>: …, SOLUCION, BENEFICIO, IMPACTO.",
  DescriptionPartMissing: "A part is missing: %s.",
  DescriptionPartEmpty: "A part is empty: %s.",
  DescriptionPartDuplicated: "A part is written twice: %s.",
  DescriptionNoHu: "NECESIDAD must name the HU: NECESIDAD: HU<id>: …",
  DescriptionTextOutsideParts: "Text before TITULO is not sent to the change order.",
  kind: "Release kind",
  "kind.routine": "Routine",
  "kind.api": "API",
  "kind.coordinator": "Coordinators",
  kindHelp:
    "API and coordinators: the description follows process note 001's template; apiName is saved with the release.",
  ApiNameMissing: "Required: the API's name, as its folder, e.g. AlterCtraScoreDelta.",
  ApiNameMalformed: "PascalCase like the API's folder, e.g. AlterCtraScoreDelta.",
};
type Strings = typeof EN;

const ES: Strings = {
  title: "Variables del release (LZ)",
  release: "Release",
  releasePlaceholder: "Id o URL del release",
  open: "Abrir",
  huId: "HU (id del work item)",
  loadFromHu: "Cargar desde la HU",
  description: "Descripción del release",
  preview: "Revisar cambios",
  save: "Guardar en el release",
  reload: "Tomar la nueva revisión (conservar mis cambios)",
  cancel: "Cancelar",
  saved: "Guardado: %n cambio(s) escritos en el release.",
  nothing: "Nada que guardar: el release ya tiene estos valores.",
  conflict:
    "El release cambió desde que se cargó (%a → %b): no se escribió nada. Tome la nueva revisión (sus cambios se conservan), revise y guarde de nuevo.",
  changedUnderneath:
    "Alguien cambió el release desde que se cargó (%a → %b). Sus cambios se conservan: tome la nueva revisión, revise y guarde.",
  rebased: "Ahora sobre la revisión de %b; sus cambios se conservan. Revise los cambios antes de guardar.",
  overlap: "%v también cambió allí, a “%s”: se conserva su valor.",
  reviewAgain: "Los valores del release cambiaron desde la revisión: revise los cambios de nuevo antes de guardar.",
  changes: "Qué va a cambiar",
  variable: "Variable",
  before: "Ahora",
  after: "Al guardar",
  empty: "(vacío)",
  source: "Desde %s",
  missing: "No encontrado: %s",
  stageOverride: "El stage '%s' define su propia %v: ese stage no verá el valor del release.",
  secretSkipped: "%v es secreta: la pestaña nunca la escribe.",
  loaded: "Cargado desde la HU %s: revise cada valor antes de guardar.",
  loadedWithFailures: "Cargado desde la HU %s, pero no se pudo leer %n valor(es):",
  loadFailed: "No se pudo cargar la HU %s: %e",
  saveFailed: "No se pudo guardar el release: %e",
  reviewFailed: "No se pudieron revisar los cambios: %e",
  openFailed: "No se pudo abrir el release %s: %e",
  startFailed: "La pestaña no pudo iniciar: %e",
  noProject:
    "La página no indicó un proyecto (ni el servicio de proyecto ni el contexto web): abra esto desde la página de un release o el hub de Pipelines de un proyecto.",
  noRelease:
    "La página no entregó ningún release a la pestaña (sin onReleaseChanged ni releaseId en su configuración).",
  waitingRelease: "Esperando el release de la página…",
  badRelease: "La página entregó a la pestaña algo que no es un release (%e): recargue la página.",
  busyLoad: "Leyendo la HU %s…",
  busyReview: "Leyendo el release…",
  busySave: "Guardando el release…",
  busyOpen: "Abriendo el release %s…",
  invalid: "Corrija primero los valores marcados.",
  unknownError: "un error inesperado sin mensaje (vea la consola del navegador).",
  huInvalid: "Escriba el id del work item de la HU (solo dígitos), p. ej. 3224139.",
  failure: "%call: %reason",
  failureWithDetail: "%call: %reason Azure DevOps dijo: “%detail”",
  "call.readRelease": "Al leer el release %id (proyecto %project)",
  "call.updateRelease": "Al guardar el release %id (proyecto %project)",
  "call.readHu": "Al leer la HU %id",
  "call.readParent": "Al leer el padre de la HU, el work item %id",
  "call.readPullRequest": "Al leer el pull request %id (proyecto %project)",
  "call.listFolders": "Al listar %path del repositorio %repository en el commit %commit",
  "call.readFile": "Al leer %path del repositorio %repository en el commit %commit",
  "reason.unauthorized":
    "Azure DevOps no aceptó la sesión (401). Recargue la página; si se repite, la organización debe permitir el alcance %scope de la extensión.",
  "reason.forbidden":
    "permiso denegado (403). Necesita %permission (alcance %scope): pídalo a un administrador del proyecto.",
  "reason.notFound": "no encontrado (404): no existe, o le falta %permission.",
  "reason.badRequest": "Azure DevOps rechazó la solicitud (400): revise los valores; repórtelo si persiste.",
  "reason.throttled": "Azure DevOps está limitando las solicitudes (429): espere un minuto y reintente.",
  "reason.server": "Azure DevOps falló (%status): no se cambió nada; reintente en unos minutos.",
  "reason.serverOnSave":
    "Azure DevOps falló (%status) al guardar: puede que se haya aplicado o no. Revise de nuevo para ver el release como está ahora.",
  "reason.network": "No se pudo contactar a Azure DevOps: revise la conexión y reintente.",
  "reason.unexpected": "Azure DevOps respondió %status: reintente; repórtelo si persiste.",
  "perm.viewReleases": "“Ver versiones” (View releases) en la canalización de versión",
  "perm.manageReleases": "“Administrar versiones” (Manage releases) en la canalización de versión",
  "perm.viewWorkItems":
    "“Ver elementos de trabajo en este nodo” (View work items in this node) en el área del work item",
  "perm.readRepository": "“Leer” (Read) en el repositorio (Repos › Seguridad)",
  PmoMissing: "Obligatorio: el código PMO del título del padre de la HU, p. ej. EVC00037.",
  PmoMalformed: "3 letras mayúsculas y 5 dígitos, p. ej. EVC00037.",
  CelulaMissing: "Obligatorio: el equipo de la HU, p. ej. DAIA15 - DRACARYS.",
  ContactNameMissing: "Obligatorio: el desarrollador de contacto.",
  PhoneMissing: "Obligatorio: un celular, 10 dígitos que empiezan por 3.",
  PhoneMalformed: "Un celular colombiano: 10 dígitos que empiezan por 3 (se aceptan espacios, guiones y +57).",
  RepositoryMissing: "Obligatorio: el repositorio del pull request de la HU.",
  PackageMissing: "Obligatorio: la carpeta bajo src/ del pull request.",
  ZonaMissing: "Obligatorio: la zona de resultados (base de datos de Impala) del config.json.",
  ZonaMalformed: "Solo letras, dígitos y guiones bajos.",
  VariableUnresolved: "Una macro $(…) sin resolver: escriba el valor.",
  DescriptionMissing: "Escriba las cinco partes: TITULO, NECESIDAD: HU<id>: …, SOLUCION, BENEFICIO, IMPACTO.",
  DescriptionPartMissing: "Falta una parte: %s.",
  DescriptionPartEmpty: "Una parte está vacía: %s.",
  DescriptionPartDuplicated: "Una parte está dos veces: %s.",
  DescriptionNoHu: "NECESIDAD debe nombrar la HU: NECESIDAD: HU<id>: …",
  DescriptionTextOutsideParts: "El texto antes de TITULO no se envía a la orden de cambio.",
  kind: "Tipo de release",
  "kind.routine": "Rutina",
  "kind.api": "API",
  "kind.coordinator": "Coordinadores",
  kindHelp:
    "API y coordinadores: la descripción sigue la plantilla de la nota de proceso 001; apiName se guarda con el release.",
  ApiNameMissing: "Obligatorio: el nombre del API, como su carpeta, p. ej. AlterCtraScoreDelta.",
  ApiNameMalformed: "PascalCase como la carpeta del API, p. ej. AlterCtraScoreDelta.",
};

export type StringKey = keyof Strings;

export type Translate = (key: StringKey | string | Message, values?: Message["args"]) => string;

/** Every key of the English table: the Spanish one has the same (its type says so). */
export const STRING_KEYS = Object.keys(EN) as StringKey[];

/**
 * The texts of a language: `t(key, values)` or `t(message)` (core's key + arguments). A value that is
 * itself a message is rendered first; `%name` is replaced by the value named `name`.
 */
export function strings(lang: Lang): Translate {
  const table = (lang === "es" ? ES : EN) as Record<string, string>;
  const t: Translate = (key, values) => {
    const message: Message = typeof key === "string" ? { key, args: values } : key;
    const args = message.args ?? {};
    return (table[message.key] ?? message.key).replace(/%([a-zA-Z]+)/g, (m, k: string) => {
      const v = args[k];
      return v === undefined ? m : typeof v === "object" ? t(v) : String(v);
    });
  };
  return t;
}

export { languageOf as langOf } from "../core/i18n/culture";
