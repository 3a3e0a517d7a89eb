/**
 * Code that Python 3.5 runs although it reads like a type: annotations of parameters, return values
 * and module or class variables are evaluated when the definition runs (PEP 563 came in 3.7), and so
 * are default values and ordinary expressions. `list[int]` needs 3.9 (PEP 585), `int | None` 3.10
 * (PEP 604), `{…} | {…}` and `d |= {…}` on dicts 3.9 (PEP 584). Local variable annotations and
 * string annotations are never evaluated; `from __future__ import annotations` turns the others into
 * strings too (and is itself 3.7).
 */
import type { Node } from "web-tree-sitter";
import { msg } from "../i18n/catalogue";
import type { PythonFile } from "./file";
import { BUILTIN_TYPE_NAMES, GENERIC_CLASS_NAMES, isKnownClass, stdlibSince } from "./stdlib";
import { lineage, typeOf } from "./types";
import { isNewer } from "./versions";

const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Whether the code at `node` runs: not inside an annotation Python never evaluates. */
function isEvaluated(file: PythonFile, node: Node): boolean {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type !== "type") {
      if (
        p.type === "function_definition" ||
        p.type === "lambda" ||
        p.type === "class_definition" ||
        p.type === "module"
      )
        return true;
      continue;
    }
    // An annotation: what holds it decides.
    const holder = p.parent;
    if (file.futureAnnotations) return false;
    if (holder?.type !== "assignment") return true; // a parameter's or a return annotation: evaluated by def
    for (let q = holder.parent; q; q = q.parent) {
      if (q.type === "function_definition") return false; // a local variable's annotation
      if (q.type === "class_definition" || q.type === "module") return true;
    }
    return true;
  }
  return child.type === "module";
}

/** The qualified class a type expression names (`list`, `collections.deque`), if the code shows it. */
function typeName(file: PythonFile, node: Node): string | undefined {
  const text = file.src(node).replace(/\s+/g, "");
  if (!DOTTED.test(text)) return undefined;
  const head = text.split(".")[0];
  if (file.bindings.has(head)) return file.qualify(text);
  if (node.type === "identifier" && BUILTIN_TYPE_NAMES.has(text) && !file.binds(text)) return text;
  return undefined;
}

/** `list[`, `deque [`…: a subscript of a class that became subscriptable after 3.5. */
const GENERIC_SUBSCRIPT = new RegExp(`(?<![\\w])(${GENERIC_CLASS_NAMES.join("|")})\\s*\\[`, "g");

/**
 * Subscripted classes, found through the text (`list[`, `Iterable[`: rare in code for 3.5, while
 * `x[0]` is everywhere) and confirmed on the tree: a subscript, or a generic type in an annotation.
 */
export function checkSubscriptedTypes(file: PythonFile): void {
  for (const m of file.text.matchAll(GENERIC_SUBSCRIPT)) {
    const bracket = m.index! + m[0].length - 1;
    const token = file.tree.rootNode.descendantForIndex(bracket, bracket + 1);
    const holder = token?.parent;
    if (!token || token.type !== "[" || !holder) continue;
    if (holder.type === "subscript") {
      const value = holder.childForFieldName("value");
      if (value) checkSubscriptedType(file, holder, value);
    } else if (holder.type === "type_parameter" && holder.parent?.type === "generic_type") {
      const value = holder.parent.namedChild(0);
      if (value) checkSubscriptedType(file, holder.parent, value);
    }
  }
}

/** `list[int]`, `collections.abc.Iterable[str]`, `deque[int]` where the code runs it (PEP 585, 3.9). */
function checkSubscriptedType(file: PythonFile, subscript: Node, value: Node): void {
  const text = file.src(value);
  if (
    value.type === "identifier"
      ? !BUILTIN_TYPE_NAMES.has(text) && !file.bindings.has(text)
      : !file.bindings.has(text.split(".")[0])
  )
    return;
  const qualified = typeName(file, value);
  if (!qualified) return;
  const since = stdlibSince(`${qualified}.__class_getitem__`);
  if (!since || !isNewer(since, file.target) || !isEvaluated(file, subscript)) return;
  file.newerName(since, subscript, "attribute", `${qualified}.__class_getitem__`, msg("TermSubscriptedType", text));
}

/** Whether an operand of `|` is a type (a class the code names, a subscripted type, None). */
function isTypeOperand(file: PythonFile, node: Node): boolean | "none" {
  if (node.type === "none") return "none";
  if (node.type === "type" && node.namedChild(0)) return isTypeOperand(file, node.namedChild(0)!);
  if (node.type === "subscript" || node.type === "generic_type") {
    const value = node.type === "subscript" ? node.childForFieldName("value") : node.namedChild(0);
    return !!value && isTypeOperand(file, value) === true;
  }
  if (node.type === "binary_operator") {
    const left = node.childForFieldName("left");
    const right = node.childForFieldName("right");
    return !!left && !!right && isTypeOperand(file, left) !== false && isTypeOperand(file, right) !== false;
  }
  const name = typeName(file, node);
  if (!name) return false;
  return BUILTIN_TYPE_NAMES.has(name) || name.startsWith("typing.") || isKnownClass(name);
}

/** `a | b`: a union of types (PEP 604, 3.10) or of dicts (PEP 584, 3.9). */
export function checkUnion(file: PythonFile, node: Node, left: Node, right: Node): void {
  const l = isTypeOperand(file, left);
  const r = isTypeOperand(file, right);
  if (l !== false && r !== false && (l === true || r === true)) {
    if (isEvaluated(file, node))
      file.newerName(
        stdlibSince("type.__or__"),
        node,
        "attribute",
        "type.__or__",
        msg("TermTypeUnion", file.src(node).split("\n")[0]),
      );
    return;
  }
  const type = typeOf(file, left);
  if (!type) return;
  for (const owner of lineage(type)) {
    const since = stdlibSince(`${owner}.__or__`);
    if (since) {
      file.newerName(since, node, "attribute", `${owner}.__or__`, msg("TermDictUnion", owner));
      return;
    }
  }
}

/** `d |= {…}` on a dict (PEP 584, 3.9). */
export function checkInPlaceUnion(file: PythonFile, node: Node, left: Node): void {
  const type = typeOf(file, left);
  if (!type) return;
  for (const owner of lineage(type)) {
    const since = stdlibSince(`${owner}.__ior__`);
    if (since) {
      file.newerName(since, node, "attribute", `${owner}.__ior__`, msg("TermDictUnionInPlace", owner));
      return;
    }
  }
}
