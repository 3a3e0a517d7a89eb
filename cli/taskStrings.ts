/** The task's own localized messages, so the CLI prints exactly what the task would. */
import { ResJson, cultureFromLocale, localizer, Localizer, messageTable, TaskStrings } from "../core/i18n/localizer";

/** The user's locale for the CLI: --lang, else LZ_LANG, LC_ALL, LANG. */
export function cliLocale(lang: unknown): string | undefined {
  return (lang as string | undefined) ?? process.env.LZ_LANG ?? process.env.LC_ALL ?? process.env.LANG;
}

export function taskLocalizer(task: TaskStrings, spanish: ResJson, lang: string | undefined): Localizer {
  const culture = cultureFromLocale(cliLocale(lang));
  return localizer(messageTable(task, culture === "es-ES" ? spanish : undefined));
}
