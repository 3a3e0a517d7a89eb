/**
 * What the replacement fields of f-strings may hold, by version: `await` 3.7, the `=` specifier 3.8,
 * and PEP 701's forms, 3.12: the f-string's own quotes, a backslash, a comment or a line break (in a
 * single-quoted f-string) inside a field. The grammar accepts all of them.
 */
import type { Node } from "web-tree-sitter";
import type { PythonFile } from "./file";

/** One `{…}` field of an f-string whose opening token (`f'`, `rf"""`) is `start`. */
export function checkInterpolation(file: PythonFile, start: Node, field: Node): void {
  const opener = file.src(start);
  const quote = opener.replace(/^[A-Za-z]*/, "");
  const text = file.src(field);
  if (/\bawait\b/.test(text)) file.newer("3.7", field.startIndex, "TermAwaitInFString");
  if (quote.length === 1 && text.includes(quote)) file.newer("3.12", field.startIndex, "TermFStringQuotes");
  if (text.includes("\\")) file.newer("3.12", field.startIndex, "TermFStringBackslash");
  if (quote.length === 1 && text.includes("\n")) file.newer("3.12", field.startIndex, "TermFStringLineBreak");
}

/** `f"{x=}"`: the self-documenting specifier (3.8). */
export function checkSelfDocumenting(file: PythonFile, equals: Node): void {
  file.newer("3.8", equals.startIndex, "TermFStringEquals");
}

/** A comment inside a field (3.12). */
export function checkFieldComment(file: PythonFile, comment: Node): void {
  file.newer("3.12", comment.startIndex, "TermFStringComment");
}
