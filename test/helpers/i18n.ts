/** A finding's or problem's arguments as the English reader sees them (nested messages rendered). */
import { type MessageArg, renderArg } from "../../core/i18n/catalogue";

export const inEnglish = (args: readonly MessageArg[]): Array<string | number> => args.map((a) => renderArg("en", a));
export const argInEnglish = (arg: MessageArg | undefined): string =>
  arg === undefined ? "" : String(renderArg("en", arg));
