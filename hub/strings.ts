/** The tab's texts in English and Spanish; the language follows the user's Azure DevOps culture. */
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
  reload: "Reload the release",
  cancel: "Cancel",
  saved: "Saved: %n change(s) written to the release.",
  nothing: "Nothing to save: the release already has these values.",
  conflict: "The release changed since it was loaded (%a → %b). Reload it before saving: nothing was written.",
  changes: "What will change",
  before: "Now",
  after: "After saving",
  source: "From %s",
  missing: "Not found: %s",
  stageOverride: "Stage '%s' defines its own %v: that stage will not see the release value.",
  secretSkipped: "%v is a secret: the tab never writes it.",
  loaded: "Loaded from HU %s: check every value before saving.",
  loadFailed: "Could not load HU %s: %e",
  saveFailed: "Could not save the release: %e",
  invalid: "Fix the marked values first.",
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
  reload: "Recargar el release",
  cancel: "Cancelar",
  saved: "Guardado: %n cambio(s) escritos en el release.",
  nothing: "Nada que guardar: el release ya tiene estos valores.",
  conflict: "El release cambió desde que se cargó (%a → %b). Recárguelo antes de guardar: no se escribió nada.",
  changes: "Qué va a cambiar",
  before: "Ahora",
  after: "Al guardar",
  source: "Desde %s",
  missing: "No encontrado: %s",
  stageOverride: "El stage '%s' define su propia %v: ese stage no verá el valor del release.",
  secretSkipped: "%v es secreta: la pestaña nunca la escribe.",
  loaded: "Cargado desde la HU %s: revise cada valor antes de guardar.",
  loadFailed: "No se pudo cargar la HU %s: %e",
  saveFailed: "No se pudo guardar el release: %e",
  invalid: "Corrija primero los valores marcados.",
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
};

export type StringKey = keyof Strings;

export function strings(lang: Lang): (key: StringKey | string, values?: Record<string, string | number>) => string {
  const table = (lang === "es" ? ES : EN) as Record<string, string>;
  return (key, values = {}) => (table[key] ?? key).replace(/%([a-z])/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

export function langOf(culture: string | undefined): Lang {
  return culture && /^es/i.test(culture) ? "es" : "en";
}
