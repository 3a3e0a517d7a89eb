/**
 * Syntax checks per node kind: Python 2 forms (PY002) and forms newer than the target (PY003).
 * Each function takes the node the query matched; the query in analyzer.ts says which applies.
 */
import type { Node } from "web-tree-sitter";
import { msg, type MessageKey } from "../i18n/catalogue";
import type { PythonFile } from "./file";
import type { ScopeRecorder } from "./scopes";
import { BARE_DECORATOR_SINCE } from "./stdlib";

/** Query captures that are newer syntax wherever they match: the Python that added them, and what to call it. */
export const SYNTAX_SINCE = {
  posonly: ["3.8", "TermPositionalOnly"],
  match: ["3.10", "TermMatchStatement"],
  typealias: ["3.12", "TermTypeAlias"],
  typeparams: ["3.12", "TermTypeParameters"],
  return_splat: ["3.8", "TermStarInReturn"],
  yield_splat: ["3.8", "TermStarInYield"],
  // Documented for 3.10, accepted by 3.9's new parser already (the corpus's labels are what CPython does).
  paren_with: ["3.9", "TermParenthesizedWith"],
  index_star: ["3.11", "TermStarInIndex"],
  for_star: ["3.9", "TermStarInFor"],
} satisfies Record<string, [version: string, what: MessageKey]>;

/** Query captures that are Python 2 syntax wherever they match (PY002), and what to call them. */
export const PYTHON2_SYNTAX = {
  print: "TermPrintStatement",
  exec: "TermExecStatement",
  raise_tuple: "TermRaiseComma",
  ne: "TermNotEqualOperator",
} satisfies Record<string, MessageKey>;

/** `except E, e:` is Python 2; `except* E:` is 3.11 (and its block a scope of its own rules). */
export function checkExceptClause(file: PythonFile, node: Node, scopes: ScopeRecorder): void {
  const tokens = node.children.filter((ch) => ch && !ch.isNamed).map((ch) => ch!.type);
  if (tokens.includes(",")) file.emit("PY002", node.startIndex, [msg("TermExceptComma")]);
  if (tokens[1] === "*") {
    file.newer("3.11", node.startIndex, "TermExceptStar");
    scopes.exceptStar(node);
  }
}

/** `try:` without `except` or `finally`: the grammar lets it through, CPython does not. */
export function checkTryStatement(file: PythonFile, node: Node): void {
  const handled = node.namedChildren.some(
    (c) => c?.type === "except_clause" || c?.type === "finally_clause" || c?.type === "except_group_clause",
  );
  if (!handled) file.compileError(node.startIndex, "invalid syntax");
}

/** `:=` is 3.8; unparenthesized in a set display 3.9, as an index 3.10. */
export function checkWalrus(file: PythonFile, node: Node): void {
  const parent = node.parent;
  if (parent?.type === "set") file.newer("3.9", node.startIndex, "TermWalrusInSet");
  else if (parent?.type === "subscript" && parent.childForFieldName("value")?.startIndex !== node.startIndex)
    file.newer("3.10", node.startIndex, "TermWalrusInIndex");
  else file.newer("3.8", node.startIndex, "TermWalrus");
}

/**
 * Numbers a rule cares about, found through the text: a long (`10L`), an old octal (`0777`), or
 * underscores (`1_000`). Numbers are everywhere and these rare: a query capture of each would cost
 * more than the rest of the checks together.
 */
const NUMBER_CANDIDATE = /(?<![\w.])(?:\d[\w]*[lL]|0[0-9_]+|\d[\w.]*_[\w.]*|\.\d[\w]*_[\w]*)(?![\w])/g;

/** `10L` and `0777` are Python 2; `1_000` and `0.000_001` are 3.6. */
export function checkNumbers(file: PythonFile): void {
  for (const m of file.text.matchAll(NUMBER_CANDIDATE)) {
    const node = file.tree.rootNode.descendantForIndex(m.index!, m.index! + m[0].length);
    if (!node || node.startIndex !== m.index || (node.type !== "integer" && node.type !== "float")) continue;
    const value = file.src(node);
    if (node.type === "integer" && /[lL]$/.test(value))
      file.emit("PY002", node.startIndex, [msg("TermLongInteger", value)]);
    else if (node.type === "integer" && /^0[0-9_]+$/.test(value) && !/^[0_]+$/.test(value))
      file.emit("PY002", node.startIndex, [msg("TermOctalLiteral", value)]);
    if (value.includes("_")) file.newer("3.6", node.startIndex, "TermUnderscoreInNumber");
  }
}

/**
 * Backticks, `ur''` and non-ASCII bytes literals are Python 2; f-strings are 3.6. Every literal's
 * range is kept for the layout check, and its content for the scanners (docstrings aside).
 */
export function checkString(file: PythonFile, node: Node): void {
  file.stringRanges.push(node.startIndex, node.endIndex);
  file.stringNodes.push(node);
  const lit = file.literal(node);
  if (!lit) return;
  if (lit.quote === "`") {
    file.emit("PY002", node.startIndex, ["`…` (backticks)"]);
    return;
  }
  if (lit.prefix.includes("u") && lit.prefix.includes("r"))
    file.emit("PY002", node.startIndex, [`${lit.prefix}'' (ur prefix)`]);
  if (lit.prefix.includes("f")) file.newer("3.6", node.startIndex, "TermFString");
  if (lit.prefix.includes("b") && /[\u0080-\uffff]/.test(lit.content))
    file.emit("PY002", node.startIndex, [msg("TermNonAsciiBytes")]);
  else if (
    !lit.prefix.includes("r") &&
    !lit.prefix.includes("b") &&
    /\\[uUN]/.test(lit.content) &&
    badUnicodeEscape(lit.content)
  )
    // Python 2's str kept "\user" as it is; Python 3's str refuses a \u without four hex digits
    // (so did Python 2's unicode literals: u"\user" fails everywhere).
    if (lit.prefix.includes("u"))
      file.compileError(
        node.startIndex,
        "(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\uXXXX escape",
      );
    else file.emit("PY002", node.startIndex, [msg("TermUnicodeEscape")]);
  if (!file.docstrings.has(node.startIndex) && lit.content)
    file.strings.push({ offset: lit.start, content: lit.content });
}

/** A `\u`, `\U` or `\N` escape Python 3 refuses in a str literal (an even run of backslashes escapes itself). */
function badUnicodeEscape(content: string): boolean {
  for (const m of content.matchAll(/(\\+)([uUN])/g)) {
    if (m[1].length % 2 === 0) continue;
    const rest = content.slice(m.index! + m[0].length);
    const ok = m[2] === "u" ? /^[0-9a-fA-F]{4}/ : m[2] === "U" ? /^[0-9a-fA-F]{8}/ : /^\{[^}]+\}/;
    if (!ok.test(rest)) return true;
  }
  return false;
}

/** `x: int = 1` is 3.6. */
export function checkAnnotatedAssignment(file: PythonFile, node: Node): void {
  file.newer("3.6", node.startIndex, "TermVariableAnnotation");
}

/** The `__future__` features Python 3.5 knows (`annotations` is 3.7's). */
const FUTURE_FEATURES: ReadonlySet<string> = new Set([
  "nested_scopes",
  "generators",
  "division",
  "absolute_import",
  "with_statement",
  "print_function",
  "unicode_literals",
  "barry_as_FLUFL",
  "generator_stop",
]);

/**
 * `from __future__ import …`: only at the top of the module (after its docstring and other future
 * imports), only known features; `annotations` is 3.7, `braces` CPython's joke.
 */
export function checkFutureImport(file: PythonFile, node: Node): void {
  for (const n of node.childrenForFieldName("name")) {
    const feature = n && file.src(n.type === "aliased_import" ? (n.childForFieldName("name") ?? n) : n);
    if (!feature) continue;
    if (feature === "annotations") {
      file.futureAnnotations = true;
      file.newer("3.7", node.startIndex, "TermFutureAnnotations");
    } else if (feature === "braces") file.compileError(n!.startIndex, "not a chance");
    else if (!FUTURE_FEATURES.has(feature))
      file.compileError(n!.startIndex, `future feature ${feature} is not defined`);
  }
  const parent = node.parent;
  if (parent?.type !== "module") {
    file.compileError(node.startIndex, "from __future__ imports must occur at the beginning of the file");
    return;
  }
  let first = true;
  for (const before of parent.namedChildren) {
    if (!before || before.startIndex >= node.startIndex) break;
    if (before.type === "comment") continue;
    const docstring = first && before.type === "expression_statement" && before.namedChild(0)?.type === "string";
    first = false;
    if (before.type === "future_import_statement" || docstring) continue;
    file.compileError(node.startIndex, "from __future__ imports must occur at the beginning of the file");
    return;
  }
}

const ANNOTATION_SCOPE_FUNCTIONS = [
  "lambda",
  "list_comprehension",
  "set_comprehension",
  "dictionary_comprehension",
  "generator_expression",
];

/**
 * A lambda or a comprehension in an annotation scope (a type alias's value, the annotations of a
 * generic function) that stands in a class body: 3.12 refuses it, 3.13 allows it.
 */
export function checkAnnotationScope(file: PythonFile, node: Node): void {
  const scopes: Node[] = [];
  if (node.type === "type_alias_statement") scopes.push(node);
  else {
    const params = node.childForFieldName("parameters");
    for (const p of params?.namedChildren ?? []) {
      const type = p?.childForFieldName("type");
      if (type) scopes.push(type);
    }
    const returns = node.childForFieldName("return_type");
    if (returns) scopes.push(returns);
    const typeParams = node.childForFieldName("type_parameters");
    if (typeParams) scopes.push(typeParams);
  }
  for (const scope of scopes) {
    const found = scope.descendantsOfType(ANNOTATION_SCOPE_FUNCTIONS)[0];
    if (found) {
      file.newer("3.13", found.startIndex, "TermAnnotationScopeFunction");
      return;
    }
  }
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

/** Any other expression as a decorator (`@buttons[0].click`) is 3.9; `@functools.lru_cache` alone 3.8. */
export function checkDecorator(file: PythonFile, node: Node): void {
  const expr = node.namedChild(0);
  if (expr && !isDottedOrCall(expr)) file.newer("3.9", expr.startIndex, "TermRelaxedDecorator");
  else if (expr && expr.type !== "call") {
    const dotted = file.src(expr).replace(/\s+/g, "");
    if (!file.bindings.has(dotted.split(".")[0])) return;
    const qualified = file.qualify(dotted);
    const since = BARE_DECORATOR_SINCE[qualified];
    if (since) file.newerName(since, expr, "attribute", `${qualified}()`, msg("TermBareDecorator", `@${dotted}`));
  }
}
