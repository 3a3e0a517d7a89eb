/** The CLI's language and renderer: the same catalogue (core/i18n) the tasks' messages are generated from. */
import { languageOf } from "../core/i18n/culture";
import { catalogueLocalizer, Localizer } from "../core/i18n/localizer";
import { UsageError } from "./command";

/** The user's locale for the CLI: --lang, else LZ_LANG, LC_ALL, LANG. */
export function cliLocale(lang: unknown): string | undefined {
  return (lang as string | undefined) ?? process.env.LZ_LANG ?? process.env.LC_ALL ?? process.env.LANG;
}

/** Renders messages in the CLI user's language. */
export function cliLocalizer(lang: unknown): Localizer {
  return catalogueLocalizer(languageOf(cliLocale(lang)));
}

/** What --lang accepts: a language or culture of the two the product speaks (en, es, es-CO, en_US…). */
const LANG_FLAG = /^(en|es)([-_][A-Za-z]{2,8})?$/i;

/** The value of --lang in argv (before a `--`), or undefined. */
function langFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--") break;
    if (argv[i] === "--lang") return argv[i + 1] ?? "";
    if (argv[i].startsWith("--lang=")) return argv[i].slice("--lang=".length);
  }
  return undefined;
}

/**
 * The language of a command's messages, read before its flags (so their errors are in it too). A
 * --lang the product does not speak is a usage error, said in the environment's language.
 */
export function cliLanguage(argv: readonly string[]): "en" | "es" {
  const flag = langFlag(argv);
  if (flag !== undefined && !LANG_FLAG.test(flag))
    throw new UsageError(cliLocalizer(undefined)("CliLangInvalid", flag));
  return languageOf(cliLocale(flag));
}
