/**
 * A problem found while checking user input. Core code never formats text: it returns a message
 * key of the catalogue (core/i18n) plus arguments, and the caller renders it in the user's language.
 */
import type { MessageArg, MessageKey } from "./i18n/catalogue";

export type Severity = "error" | "warning" | "info";

export type { MessageArg };

export interface Problem {
  /** Message key of the catalogue (core/i18n/en.ts). */
  code: MessageKey;
  severity: Severity;
  /** What the problem is about: a variable name, an input name, or a file. */
  field: string;
  args: MessageArg[];
}

export function problem(code: MessageKey, severity: Severity, field: string, ...args: MessageArg[]): Problem {
  return { code, severity, field, args };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}
