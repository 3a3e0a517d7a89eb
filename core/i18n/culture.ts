/** Locale → culture and language; no Node imports, so the browser tab can use it too. */
/** `es-ES`, `es_CO.UTF-8`, `es` → "es-ES"; everything else → "en-US". */
export function cultureFromLocale(locale: string | undefined): "es-ES" | "en-US" {
  return locale && /^es([-_.]|$)/i.test(locale.trim()) ? "es-ES" : "en-US";
}

/** The two-letter language the validator and the tab write in, for a locale or culture. */
export function languageOf(locale: string | undefined): "en" | "es" {
  return cultureFromLocale(locale) === "es-ES" ? "es" : "en";
}
