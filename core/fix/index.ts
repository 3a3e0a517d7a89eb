/**
 * Fixes for the Python 3.5 gate's findings (issue 19): each PY003/PY004 finding of a kind that has one
 * mechanical 3.5 form gets its replacement, computed on the tree the analysis already holds (only at
 * the findings' nodes, so `lz validate` pays nothing for files without such findings); any other gets
 * the reason it has none. Each fix is self-contained: applied alone, it fixes its finding.
 */
import type { Node } from "web-tree-sitter";
import { msg, type MessageArg } from "../i18n/catalogue";
import type { PythonFile } from "../python/file";
import type { RawFix } from "../findings/types";
import { fixFString } from "./fstrings";
import { fixTypingForms, fixVariableAnnotation } from "./annotations";
import { fixAffix, fixDictUnion, fixDictUpdate, fixKeyword, fixTrailingComma, fixUnderscores } from "./expressions";
import { FIXABLE_RULES } from "./patch";

export { applyFixes, type AppliedFixes } from "./apply";

type Outcome = RawFix | { noFix: MessageArg };

/** PY003 findings (by the message key that says what they are about) → their fixer. */
const SYNTAX_FIXERS: Readonly<Record<string, (file: PythonFile, offset: number) => Outcome>> = {
  TermFString: fixFString,
  TermFStringEquals: fixFString,
  TermFStringQuotes: fixFString,
  TermFStringBackslash: fixFString,
  TermFStringLineBreak: fixFString,
  TermFStringComment: fixFString,
  TermAwaitInFString: fixFString,
  TermVariableAnnotation: fixVariableAnnotation,
  TermTrailingCommaAfterStar: fixTrailingComma,
  TermUnderscoreInNumber: fixUnderscores,
};

/** The fixer of a PY004 finding, by what it is about (`subject` as names.ts and annotations.ts set it). */
function nameFix(file: PythonFile, node: Node, subject: string, offset: number): Outcome {
  if (subject === "type.__or__" || subject.endsWith(".__class_getitem__")) return fixTypingForms(file, offset);
  if (subject.endsWith(".__ior__")) return fixDictUpdate(file, node, subject);
  if (subject.endsWith(".__or__")) return fixDictUnion(file, node);
  if (/\(\w+=\)$/.test(subject)) return fixKeyword(file, node, subject);
  if (/^(str|bytes|bytearray|collections\.UserString)\.remove(prefix|suffix)$/.test(subject))
    return fixAffix(file, node, subject);
  return { noFix: msg("NoFixKind") };
}

/** Sets `fix` or `noFix` on every PY003/PY004 finding of the file that a guard did not make safe. */
export function attachFixes(file: PythonFile): void {
  const guardables = new Map(file.guardable.map((g) => [g.finding, g]));
  for (const finding of file.findings) {
    if (!FIXABLE_RULES.has(finding.rule) || finding.guard !== undefined) continue;
    const offset = file.offsets.get(finding);
    if (offset === undefined) {
      finding.noFix = msg("NoFixKind");
      continue;
    }
    let outcome: Outcome;
    if (finding.rule === "PY003") {
      const what = finding.args[0];
      const fixer = typeof what === "object" ? SYNTAX_FIXERS[what.key] : undefined;
      outcome = fixer ? fixer(file, offset) : { noFix: msg("NoFixKind") };
    } else {
      const g = guardables.get(finding);
      outcome = g ? nameFix(file, g.node, g.subject, offset) : { noFix: msg("NoFixKind") };
    }
    if ("noFix" in outcome) finding.noFix = outcome.noFix;
    else finding.fix = outcome;
  }
}
