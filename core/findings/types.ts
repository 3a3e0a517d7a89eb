/** The finding model (hallazgos) every family reports and every report writer reads. */
import type { Lang, MessageArg } from "../i18n/catalogue";
import type { Severity } from "../problem";
import type { RuleCode } from "./ruleCodes";

export type { Lang, Severity };
export type RuleSetting = Severity | "off";
export type FailOn = "error" | "warning" | "never";

export interface Finding {
  rule: RuleCode;
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
  /** The mechanical Python 3.5 form of what a PY003/PY004 finding is about (core/fix), self-contained. */
  fix?: FindingFix;
  /** Why a PY003/PY004 finding has no fix, one clause (a finding without a fix says so). */
  noFix?: string;
}

/** One replacement, located as SARIF's `deletedRegion` (columns and offsets in code points, as findings'). */
export interface FixReplacement {
  deletedRegion: {
    startLine: number;
    startColumn: number;
    endLine: number;
    endColumn: number;
    charOffset: number;
    charLength: number;
  };
  insertedContent: { text: string };
}

/** A finding's fix: its replacements, applied together, fix it alone (consumers apply fixes one at a time). */
export interface FindingFix {
  description: string;
  replacements: FixReplacement[];
}

/** An edit of a file's text, in UTF-16 offsets (as JavaScript strings and web-tree-sitter count). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
  /** An import the fix adds (`from typing import List`): merged with the others' when fixes are applied together. */
  imports?: { module: string; names: string[] };
}

/** A fix as the analyzer makes it, before localization: offsets into the file's text. */
export interface RawFix {
  description: MessageArg;
  edits: TextEdit[];
}

/** What an analyzer reports before localization and severity settings are applied. */
export interface RawFinding {
  rule: RuleCode;
  file: string;
  line: number;
  column: number;
  args: MessageArg[];
  minVersion?: string;
  /** Silenced by the routine's own `# lz: ignore[CODE]` (reported as info). */
  suppressed?: boolean;
  /**
   * The code guards what the finding is about (`try/except ImportError`, `hasattr`, a `sys.version_info`
   * check): the guard, as the message quotes it. Reported as info unless the gate's guards are strict.
   */
  guard?: string;
  /**
   * SEC001 found by a name, a hard-coded user, a PTH001 path: the name or path the LZ team's
   * allow-list (allowedNamesAndPaths) is tested on, in the engine. Absent for a known credential
   * format, which no allow-list lets through.
   */
  allowKey?: string;
  /** PY003/PY004: the fix (core/fix), or why there is none. */
  fix?: RawFix;
  noFix?: MessageArg;
}

/** One thing the routine asked of its own gate, as the reports list it. */
export interface RoutineSetting {
  /** `.lzvalidator.json`, or the file of an inline comment (relative to the routine). */
  file: string;
  line: number;
  /** What it asks, as written: `rules.PY004 = off`, `exclude tests/**`, `# lz: ignore[SQL003]`. */
  setting: string;
  /** Why, in the routine team's words (a suppression without one is an LZV003 warning). */
  reason?: string;
  /** false: refused, because it would silence a rule that protects production or a setting the LZ team owns. */
  applied: boolean;
}
