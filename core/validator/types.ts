/** The validator's data model: findings (hallazgos), rules, options. */
import type { Severity } from "../problem";

export type { Severity };
export type Lang = "en" | "es";
export type RuleSetting = Severity | "off";
export type FailOn = "error" | "warning" | "never";

export interface Finding {
  rule: string;
  severity: Severity;
  /** Relative to the routine root, `/` separators; "" for findings about the routine as a whole. */
  file: string;
  /** 1-based, in characters (code points). */
  line: number;
  column: number;
  message: string;
  /** Python version that introduced what the finding is about (PY003, PY004). */
  minVersion?: string;
  /** Set when a `# lz: ignore[CODE]` comment silenced it: severity is then "info". */
  suppressed?: boolean;
}

/** What an analyzer reports before localization and severity settings are applied. */
export interface RawFinding {
  rule: string;
  file: string;
  line: number;
  column: number;
  args: Array<string | number>;
  minVersion?: string;
  /** Silenced by the routine's own `# lz: ignore[CODE]` (reported as info). */
  suppressed?: boolean;
}
