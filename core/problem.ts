/**
 * A problem found while checking user input. Core code never formats text: it returns a
 * message key plus arguments, and the caller formats it in the user's language with the
 * task's own localized strings (tl.loc in a pipeline, the same resjson files in the CLI).
 */
export type Severity = "error" | "warning" | "info";

export type MessageArg = string | number;

export interface Problem {
  /** Message key in the task's `messages` (task.json) and resjson files. */
  code: string;
  severity: Severity;
  /** What the problem is about: a variable name, an input name, or a file. */
  field: string;
  args: MessageArg[];
}

export function problem(code: string, severity: Severity, field: string, ...args: MessageArg[]): Problem {
  return { code, severity, field, args };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}
