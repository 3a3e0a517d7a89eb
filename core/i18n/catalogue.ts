/**
 * One way to say things. Core never writes text: it returns a message key with its arguments (a
 * `Message`; an argument may itself be a message, rendered in the same language), and each surface
 * renders it once, from the one catalogue of its language (./en.ts, ./es.ts):
 * - the tasks through task-lib (`tl.loc`), whose task.json messages and resjson files `npm run loc`
 *   generates from these catalogues;
 * - the CLI and the release tab with `render` below.
 * No Node imports: the browser tab uses it too.
 */
import { EN } from "./en";
import { ES } from "./es";

export type Lang = "en" | "es";
export type MessageKey = keyof typeof EN;

export type MessageArg = string | number | Message;

export interface Message {
  key: MessageKey;
  args: MessageArg[];
}

export const msg = (key: MessageKey, ...args: MessageArg[]): Message => ({ key, args });

export const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { en: EN, es: ES };

/** Whether `key` names a message of the catalogue (keys reach core as text from task.json or data). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(EN, key);
}

/**
 * `%s` (and `%d`, `%i`) take the arguments in order, `%%` is a percent sign, and arguments left
 * over are appended with a space: the rules of util.format, which task-lib's tl.loc uses.
 */
export function format(template: string, args: ReadonlyArray<string | number>): string {
  let next = 0;
  const out = template.replace(/%[sdi%]/g, (token) => {
    if (token === "%%") return "%";
    if (next >= args.length) return token;
    return String(args[next++]);
  });
  return next < args.length ? [out, ...args.slice(next).map(String)].join(" ") : out;
}

/** An argument as text in `lang`: a nested message is rendered first. */
export function renderArg(lang: Lang, arg: MessageArg): string | number {
  return typeof arg === "object" ? render(lang, arg) : arg;
}

/** A message (or a key and its arguments) in `lang`. */
export function render(lang: Lang, message: Message | MessageKey, ...args: MessageArg[]): string {
  const m = typeof message === "string" ? { key: message, args } : message;
  return format(
    CATALOGUES[lang][m.key],
    m.args.map((a) => renderArg(lang, a)),
  );
}
