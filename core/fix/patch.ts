/**
 * From a validation's findings to one patch per file (`lz fix`, and the patch the summary and the HU
 * comment show). The findings' fixes are applied together (apply.ts); then the fixed file is validated
 * again, and the fixes that analysis offers (one that overlapped another, one the fixed code reveals)
 * are applied too, up to MAX_PASSES. The file keeps its patch only when no finding with a fix of the
 * asked rules is left and no finding is new (none more of any rule and severity than before). A patch
 * refused there is reported with the findings that refused it, and its findings count as unfixed.
 */
import type { SourceFile, TextsByPath } from "../findings/analysis";
import type { Finding, FindingFix, RawFix, TextEdit } from "../findings/types";
import { applyFixes } from "./apply";
import { CodePoints } from "./regions";
import { parseImportLine } from "./importLine";

const MAX_PASSES = 4;

export interface FilePatch {
  /** Relative to the routine, `/` separators. */
  file: string;
  before: string;
  after: string;
  /** The findings of the validation whose fix the patch carries. */
  fixed: Finding[];
}

export interface RefusedPatch {
  file: string;
  /** What the fixed file's validation found that the original's did not (or a fixable finding left). */
  findings: Finding[];
}

export interface FixPlan {
  patches: FilePatch[];
  refused: RefusedPatch[];
  /** Findings of the asked rules the patches leave: without a fix, or in a refused patch. */
  unfixed: Finding[];
}

export interface FixPlanInput {
  findings: readonly Finding[];
  /** The validated files' texts, by path. */
  texts: TextsByPath;
  /** Which rules to fix (PY003, PY004). */
  rules: ReadonlySet<string>;
  /** The engine on these texts, with the same settings (their findings finalized, fixes attached). */
  analyze(files: SourceFile[]): Promise<Finding[]>;
  /** Where the routine is, for the SourceFiles given to analyze. */
  root: string;
}

/** The rules whose findings carry fixes (core/fix attachFixes). */
export const FIXABLE_RULES: ReadonlySet<string> = new Set(["PY003", "PY004"]);

/** A finding's fix back in the text's offsets (its inserted import lines recognized, to be merged). */
function rawFixOf(points: CodePoints, fix: FindingFix): RawFix {
  return {
    description: fix.description,
    edits: fix.replacements.map((r): TextEdit => {
      const start = points.utf16(r.deletedRegion.charOffset);
      const end = points.utf16(r.deletedRegion.charOffset + r.deletedRegion.charLength);
      const edit: TextEdit = { start, end, text: r.insertedContent.text };
      const line = start === end ? parseImportLine(r.insertedContent.text) : undefined;
      if (line) edit.imports = { module: line.module, names: line.names };
      return edit;
    }),
  };
}

const wanted = (f: Finding, rules: ReadonlySet<string>) => f.severity !== "info" && rules.has(f.rule);
// By rule, not message: a message may quote the code the fix rewrote (PTH001 quotes the f-string's path).
const key = (f: Finding) => `${f.rule}|${f.severity}`;

function counts(findings: readonly Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(key(f), (m.get(key(f)) ?? 0) + 1);
  return m;
}

export async function planFixes(input: FixPlanInput): Promise<FixPlan> {
  const byFile = new Map<string, Finding[]>();
  for (const f of input.findings) if (f.file) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const candidates = [...byFile].filter(([, fs]) => fs.some((f) => f.fix && wanted(f, input.rules)));
  const source = (file: string, text: string): SourceFile => ({ path: file, absolute: `${input.root}/${file}`, text });

  // First pass: the validation's own fixes.
  const current = new Map<string, string>();
  const fixedBy = new Map<string, Finding[]>();
  for (const [file, findings] of candidates) {
    const text = input.texts.get(file) ?? "";
    const usable = findings.filter((f) => f.fix && wanted(f, input.rules));
    const points = new CodePoints(text);
    const applied = applyFixes(
      text,
      usable.map((f) => rawFixOf(points, f.fix!)),
    );
    current.set(file, applied.text);
    fixedBy.set(file, usable);
  }
  // Later passes, on the fixed text's own analysis: what overlapped another fix, and what the fixed
  // code lets the analysis see (`d = {**a, **b}` makes d a dict, and its `d |= e` a finding).
  const changed = [...current].filter(([file, text]) => text !== input.texts.get(file)).map(([file]) => file);
  // Each pass analyzes only the files the previous one changed; the others keep their last analysis.
  const latest = new Map<string, Finding[]>();
  let toAnalyze = changed;
  for (let pass = 1; pass <= MAX_PASSES && toAnalyze.length; pass++) {
    const found = await input.analyze(toAnalyze.map((f) => source(f, current.get(f)!)));
    for (const file of toAnalyze) latest.set(file, []);
    for (const f of found) latest.get(f.file)?.push(f);
    if (pass === MAX_PASSES) break;
    const again: string[] = [];
    for (const file of toAnalyze) {
      const fixable = latest.get(file)!.filter((f) => f.fix && wanted(f, input.rules));
      if (!fixable.length) continue;
      const text = current.get(file)!;
      const points = new CodePoints(text);
      const applied = applyFixes(
        text,
        fixable.map((f) => rawFixOf(points, f.fix!)),
      );
      if (applied.text === text) continue;
      current.set(file, applied.text);
      again.push(file);
    }
    toAnalyze = again;
  }

  const patches: FilePatch[] = [];
  const refused: RefusedPatch[] = [];
  const unfixed: Finding[] = [];
  for (const [file, findings] of byFile) {
    if (!changed.includes(file)) {
      unfixed.push(...findings.filter((f) => wanted(f, input.rules)));
      continue;
    }
    const now = latest.get(file) ?? [];
    const before = counts(findings);
    const seen = new Map<string, number>();
    const bad = now.filter((f) => {
      seen.set(key(f), (seen.get(key(f)) ?? 0) + 1);
      return (f.fix && wanted(f, input.rules)) || seen.get(key(f))! > (before.get(key(f)) ?? 0);
    });
    if (bad.length) {
      refused.push({ file, findings: bad });
      unfixed.push(...findings.filter((f) => wanted(f, input.rules)));
      continue;
    }
    patches.push({
      file,
      before: input.texts.get(file) ?? "",
      after: current.get(file)!,
      fixed: fixedBy.get(file) ?? [],
    });
    unfixed.push(...now.filter((f) => wanted(f, input.rules)));
  }
  return { patches, refused, unfixed };
}
