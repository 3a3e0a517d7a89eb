/**
 * Syntax checks per node kind: Python 2 forms (PY002) and forms newer than the target (PY003).
 * Each function takes the node the query matched; the query in analyzer.ts says which applies.
 */
import type { Node } from "web-tree-sitter";
import { msg, type MessageKey } from "../i18n/catalogue";
import type { PythonFile } from "./file";

/** Query captures that are newer syntax wherever they match: the Python that added them, and what to call it. */
export const SYNTAX_SINCE: Record<string, [version: string, what: MessageKey]> = {
  walrus: ["3.8", "TermWalrus"],
  posonly: ["3.8", "TermPositionalOnly"],
  match: ["3.10", "TermMatchStatement"],
  typealias: ["3.12", "TermTypeAlias"],
  typeparams: ["3.12", "TermTypeParameters"],
  return_splat: ["3.8", "TermStarInReturn"],
  yield_splat: ["3.8", "TermStarInYield"],
  async_for: ["3.6", "TermAsyncComprehension"],
  paren_with: ["3.10", "TermParenthesizedWith"],
  index_star: ["3.11", "TermStarInIndex"],
};

/** Query captures that are Python 2 syntax wherever they match (PY002), and what to call them. */
export const PYTHON2_SYNTAX: Record<string, MessageKey> = {
  print: "TermPrintStatement",
  exec: "TermExecStatement",
  raise_tuple: "TermRaiseComma",
  ne: "TermNotEqualOperator",
};

const COMPREHENSIONS: ReadonlySet<string> = new Set([
  "list_comprehension",
  "set_comprehension",
  "dictionary_comprehension",
  "generator_expression",
]);

/** A capture of SYNTAX_SINCE or PYTHON2_SYNTAX: the construct alone decides. */
export function checkMarkedSyntax(file: PythonFile, node: Node, capture: string): void {
  const python2 = PYTHON2_SYNTAX[capture];
  if (python2) file.emit("PY002", node.startIndex, [msg(python2)]);
  const since = SYNTAX_SINCE[capture];
  if (since) file.newer(since[0], node.startIndex, since[1]);
}

/** `except E, e:` is Python 2; `except* E:` is 3.11. */
export function checkExceptClause(file: PythonFile, node: Node): void {
  const tokens = node.children.filter((ch) => ch && !ch.isNamed).map((ch) => ch!.type);
  if (tokens.includes(",")) file.emit("PY002", node.startIndex, [msg("TermExceptComma")]);
  if (tokens[1] === "*") file.newer("3.11", node.startIndex, "TermExceptStar");
}

/** `10L` and `0777` are Python 2; `1_000` is 3.6. */
export function checkInteger(file: PythonFile, node: Node): void {
  const value = file.src(node);
  if (/[lL]$/.test(value)) file.emit("PY002", node.startIndex, [msg("TermLongInteger", value)]);
  else if (/^0[0-9_]+$/.test(value) && !/^[0_]+$/.test(value))
    file.emit("PY002", node.startIndex, [msg("TermOctalLiteral", value)]);
  if (value.includes("_")) file.newer("3.6", node.startIndex, "TermUnderscoreInNumber");
}

/** `1_000.5` is 3.6. */
export function checkFloat(file: PythonFile, node: Node): void {
  if (file.src(node).includes("_")) file.newer("3.6", node.startIndex, "TermUnderscoreInNumber");
}

/** Backticks and `ur''` are Python 2; f-strings are 3.6. Every other string is kept for the scanners. */
export function checkString(file: PythonFile, node: Node): void {
  const lit = file.literal(node);
  if (!lit) return;
  if (lit.quote === "`") {
    file.emit("PY002", node.startIndex, ["`…` (backticks)"]);
    return;
  }
  if (lit.prefix.includes("u") && lit.prefix.includes("r"))
    file.emit("PY002", node.startIndex, [`${lit.prefix}'' (ur prefix)`]);
  if (lit.prefix.includes("f")) file.newer("3.6", node.startIndex, "TermFString");
  if (!file.docstrings.has(node.startIndex) && lit.content)
    file.strings.push({ offset: lit.start, content: lit.content });
}

/** `x: int = 1` is 3.6. */
export function checkAnnotatedAssignment(file: PythonFile, node: Node): void {
  file.newer("3.6", node.startIndex, "TermVariableAnnotation");
}

/** `from __future__ import annotations` is 3.7. */
export function checkFutureImport(file: PythonFile, node: Node): void {
  if (node.childrenForFieldName("name").some((n) => n && file.src(n) === "annotations"))
    file.newer("3.7", node.startIndex, "TermFutureAnnotations");
}

/** Nearest enclosing function or lambda, and whether a comprehension lies in between. */
function enclosingFunction(node: Node): { fn: Node | null; inComprehension: boolean } {
  let inComprehension = false;
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === "function_definition" || p.type === "lambda") return { fn: p, inComprehension };
    if (COMPREHENSIONS.has(p.type)) inComprehension = true;
  }
  return { fn: null, inComprehension };
}

const isAsync = (fn: Node | null) => !!fn && fn.type === "function_definition" && fn.child(0)?.type === "async";

/** `yield` in an `async def` (an async generator) is 3.6. */
export function checkYield(file: PythonFile, node: Node): void {
  if (isAsync(enclosingFunction(node).fn)) file.newer("3.6", node.startIndex, "TermAsyncGenerator");
}

/** `await` inside a comprehension of an `async def` is 3.6. */
export function checkAwait(file: PythonFile, node: Node): void {
  const where = enclosingFunction(node);
  if (where.inComprehension && isAsync(where.fn)) file.newer("3.6", node.startIndex, "TermAwaitInComprehension");
}

/** A name, a dotted name, or a call of one: all a decorator could be before 3.9. */
function isDottedOrCall(n: Node): boolean {
  if (n.type === "identifier") return true;
  if (n.type === "attribute") {
    const obj = n.childForFieldName("object");
    return !!obj && isDottedOrCall(obj) && obj.type !== "call";
  }
  if (n.type === "call") {
    const fn = n.childForFieldName("function");
    return !!fn && (fn.type === "identifier" || (fn.type === "attribute" && isDottedOrCall(fn)));
  }
  return false;
}

/** Any other expression as a decorator (`@buttons[0].click`) is 3.9. */
export function checkDecorator(file: PythonFile, node: Node): void {
  const expr = node.namedChild(0);
  if (expr && !isDottedOrCall(expr)) file.newer("3.9", expr.startIndex, "TermRelaxedDecorator");
}
