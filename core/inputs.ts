/**
 * Reading a task's inputs, once for both surfaces: the task passes task-lib's getter, the CLI its
 * parsed flags (same names, task.json's defaults applied by both), and core turns the text into a
 * request, with a Problem for each value that cannot be used. A family's `…FromInputs(get)` is the
 * one place its inputs are parsed (e.g. core/run/inputs.ts).
 */
import { type MessageKey } from "./i18n/catalogue";
import { type Problem, problem } from "./problem";
import { isUnresolvedMacro } from "./text";

/** An input's text by its task.json name; undefined when it was not given. */
export type InputGetter = (name: string) => string | undefined;

export type FailOn = "error" | "warning" | "never";

/** Reads inputs and collects what is wrong with them (errors) or worth saying (warnings). */
export class InputReader {
  readonly problems: Problem[] = [];

  constructor(private readonly get: InputGetter) {}

  /** The input's text, trimmed; undefined when empty. */
  text(name: string): string | undefined {
    const value = this.get(name)?.trim();
    return value ? value : undefined;
  }

  /**
   * An optional input the release fills with a variable: undefined when empty, and when it still holds
   * an unexpanded `$(variable)` (the release does not define it), with a warning naming it.
   */
  optional(name: string): string | undefined {
    const value = this.text(name);
    if (value && isUnresolvedMacro(value)) {
      this.problems.push(problem("InputUnresolved", "warning", name, name, value));
      return undefined;
    }
    return value;
  }

  /** A required input: an error naming it when empty or an unexpanded `$(variable)`. */
  required(name: string): string {
    const value = this.text(name);
    if (!value || isUnresolvedMacro(value)) {
      this.problems.push(problem("InputMissing", "error", name, name, value ?? ""));
      return "";
    }
    return value;
  }

  /** A positive number (`integer`: whole, within [min, max]); `fallback` when empty, `invalid` names the message. */
  number(
    name: string,
    fallback: number,
    invalid: MessageKey,
    bounds: { integer?: boolean; min?: number; max?: number } = {},
  ): number {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    const ok =
      Number.isFinite(value) &&
      value > 0 &&
      (!bounds.integer || Number.isInteger(value)) &&
      value >= (bounds.min ?? 0) &&
      value <= (bounds.max ?? Infinity);
    if (!ok) this.problems.push(problem(invalid, "error", name, name, raw));
    return ok ? value : fallback;
  }

  /** true/false (task-lib's boolean inputs); `fallback` when empty. */
  boolean(name: string, fallback = false): boolean {
    const raw = this.text(name);
    return raw === undefined ? fallback : /^(true|1|yes)$/i.test(raw);
  }

  /** One of a pickList's options; the first one (task.json's default) when empty. */
  pick<T extends string>(name: string, options: readonly T[]): T {
    const raw = this.text(name);
    if (raw === undefined) return options[0];
    if ((options as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(problem("InputNotAnOption", "error", name, name, raw, options.join(", ")));
    return options[0];
  }

  /** The failOn input every findings task has. */
  failOn(): FailOn {
    return this.pick("failOn", ["error", "warning", "never"] as const);
  }
}
