/**
 * The LZ team's project-wide allow-list for SEC001 and PTH001 (issue #20), applied by the engine to
 * the findings the analysis returns: its pattern engine (re2js, core/userPattern.ts) stays out of the
 * analysis workers' bundle.
 */
import type { RawFinding } from "../findings/types";
import { compileUserPattern, DEFAULT_PATTERN_BUDGET_MS, type UserPattern } from "../userPattern";

/**
 * The LZ team's project-wide allow-list (task input `allowedNamesAndPaths`, `lz validate
 * --allowed-names-and-paths`, or the `allowedNamesAndPaths` of an explicit `configFile`; refused in
 * the routine's own `.lzvalidator.json`): regular expressions, case-insensitive, each matching a
 * whole name or path. A SEC001 found by its name, a hard-coded user (by its name) or a PTH001 path
 * that one matches is let through. Values are never tested: a known credential format is a finding
 * whatever the list says.
 */
export class AllowList {
  private readonly patterns: UserPattern[];

  constructor(readonly sources: readonly string[]) {
    this.patterns = sources.map((s) => compileUserPattern(`^(?:${s})$`));
  }

  /** Lets the finding through: it has a name or path (never a value), and a pattern matches all of it. */
  allows(f: RawFinding): boolean {
    const key = f.allowKey;
    return key !== undefined && this.patterns.some((p) => p.test(key));
  }

  /** Patterns that ran past their time budget (reported as LZV004 by the caller). */
  timedOut(): string[] {
    return this.patterns.filter((p) => p.timedOut).map((p) => p.source);
  }
}

/**
 * The findings an allow-list leaves, and an LZV004 for each of its patterns that ran past its time
 * budget (RE2 refused it and JavaScript's engine backtracked).
 */
export function applyAllowList(raw: readonly RawFinding[], sources: readonly string[]): RawFinding[] {
  if (!sources.length) return [...raw];
  const list = new AllowList(sources);
  const kept = raw.filter((f) => !list.allows(f));
  for (const source of list.timedOut())
    kept.push({
      rule: "LZV004",
      file: "",
      line: 1,
      column: 1,
      args: ["allowedNamesAndPaths", source.slice(0, 200), DEFAULT_PATTERN_BUDGET_MS],
    });
  return kept;
}
