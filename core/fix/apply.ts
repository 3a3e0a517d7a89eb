/**
 * Several fixes applied to one text at once (`lz fix`): identical fixes once (the findings of one
 * f-string share its fix), a fix overlapping one already taken is left for the next pass (a fix inside
 * another's field), and the import lines the fixes add are merged per module into one line.
 */
import type { RawFix, TextEdit } from "../findings/types";
import { importLine, parseImportLine } from "./importLine";

export interface AppliedFixes {
  text: string;
  /** Overlapping a fix taken before it: applying it would undo or break the other. */
  skipped: RawFix[];
}

const overlaps = (a: TextEdit, b: TextEdit) =>
  a.start === a.end && b.start === b.end
    ? a.start === b.start && a.text !== b.text
    : a.start < b.end && b.start < a.end;

export function applyFixes(text: string, fixes: readonly RawFix[]): AppliedFixes {
  const unique = new Map<string, RawFix>();
  for (const f of fixes) {
    const key = JSON.stringify(f.edits.filter((e) => !e.imports).map((e) => [e.start, e.end, e.text]));
    if (!unique.has(key)) unique.set(key, f);
  }
  const ordered = [...unique.values()].sort(
    (a, b) => a.edits[0].start - b.edits[0].start || b.edits[0].end - a.edits[0].end,
  );
  const taken: TextEdit[] = [];
  const imports = new Map<string, { at: number; names: Set<string>; edit: TextEdit }>();
  const skipped: RawFix[] = [];
  for (const fix of ordered) {
    const own = fix.edits.filter((e) => !e.imports);
    if (own.some((e) => taken.some((t) => overlaps(e, t)))) {
      skipped.push(fix);
      continue;
    }
    taken.push(...own);
    for (const e of fix.edits) {
      if (!e.imports) continue;
      const key = `${e.start}|${e.imports.module}`;
      const known = imports.get(key);
      if (known) e.imports.names.forEach((n) => known.names.add(n));
      else imports.set(key, { at: e.start, names: new Set(e.imports.names), edit: e });
    }
  }
  const edits: TextEdit[] = [...taken];
  for (const { names, edit } of imports.values()) {
    const line = parseImportLine(edit.text);
    const text = line ? importLine({ ...line, names: [...names].sort() }) : edit.text;
    edits.push({ start: edit.start, end: edit.end, text });
  }
  // From the end, so earlier offsets stay valid; an insertion before a replacement at the same offset.
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { text: out, skipped };
}
