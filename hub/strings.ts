/**
 * The tab's and hub's texts: the product's one catalogue (core/i18n), rendered in the user's Azure
 * DevOps language. `t(key, ...args)` or `t(message)` for what core returns.
 */
import { type Lang, type Message, type MessageArg, type MessageKey, render } from "../core/i18n/catalogue";

export type { Lang };

export type Translate = (key: MessageKey | Message, ...args: MessageArg[]) => string;

export function strings(lang: Lang): Translate {
  return (key, ...args) => (typeof key === "string" ? render(lang, key, ...args) : render(lang, key));
}

export { languageOf as langOf } from "../core/i18n/culture";
