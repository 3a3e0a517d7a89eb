/** Named string literals for the secret and user scanners: `name = "…"` and `f(name="…")`. */
import type { Node } from "web-tree-sitter";
import type { PythonFile } from "./file";

function record(file: PythonFile, name: string, value: Node): void {
  const lit = file.literal(value);
  file.namedLiterals.push({ name, offset: lit?.start ?? value.startIndex, content: lit?.content ?? "" });
}

/** `name = "…"` or `obj.name = "…"`: the attribute's own name counts. */
export function recordAssignedLiteral(file: PythonFile, left: Node, value: Node | undefined): void {
  if (!value) return;
  const name = left.type === "attribute" ? file.src(left.childForFieldName("attribute") ?? left) : file.src(left);
  record(file, name, value);
}

/** `f(name="…")`. */
export function recordKeywordLiteral(file: PythonFile, name: Node, value: Node | undefined): void {
  if (value) record(file, file.src(name), value);
}
