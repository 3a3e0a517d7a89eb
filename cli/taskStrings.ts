/** The task's own localized messages, so the CLI prints exactly what the task would. */
import { ResJson, cultureFromLocale, localizer, Localizer, messageTable, TaskStrings } from "../core/i18n/localizer";

export function taskLocalizer(task: TaskStrings, spanish: ResJson, lang: string | undefined): Localizer {
  const culture = cultureFromLocale(lang ?? process.env.LZ_LANG ?? process.env.LC_ALL ?? process.env.LANG);
  return localizer(messageTable(task, culture === "es-ES" ? spanish : undefined));
}
