/** A surface's way to render a message key: the task's (task-lib) or the catalogue's (CLI, tab). */
import { Lang, MessageArg, MessageKey, render } from "./catalogue";

export type Localizer = (key: MessageKey, ...args: MessageArg[]) => string;

/** Renders from the catalogue of `lang`. */
export const catalogueLocalizer =
  (lang: Lang): Localizer =>
  (key, ...args) =>
    render(lang, key, ...args);

export { cultureFromLocale, languageOf } from "./culture";
