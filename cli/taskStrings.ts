/** The CLI's language and renderer: the same catalogue (core/i18n) the tasks' messages are generated from. */
import { languageOf } from "../core/i18n/culture";
import { catalogueLocalizer, Localizer } from "../core/i18n/localizer";

/** The user's locale for the CLI: --lang, else LZ_LANG, LC_ALL, LANG. */
export function cliLocale(lang: unknown): string | undefined {
  return (lang as string | undefined) ?? process.env.LZ_LANG ?? process.env.LC_ALL ?? process.env.LANG;
}

/** Renders messages in the CLI user's language. */
export function cliLocalizer(lang: unknown): Localizer {
  return catalogueLocalizer(languageOf(cliLocale(lang)));
}
