/**
 * The string values of a Python file as the checks need them: each literal decoded, joined with
 * what it is concatenated to (`"a" "b"`, `"PWD=" + "x"`), filled in when it is a format with literal
 * arguments (`"PWD=%s" % "x"`, `"PWD={}".format("x")`), and given the name it is bound to: an
 * assignment (`clave = "…"`, `cfg.clave = "…"`, `cfg["clave"] = "…"`), a keyword argument, a
 * parameter default (`def conectar(pwd="…")`), a dictionary key (`{"password": "…"}`).
 *
 * It reads the parse tree the Python analyzer already made (core/python/analyzer.ts):
 * one query for the string nodes, then a climb from each to the largest expression it is part of.
 * What is computed at run time (a variable, a call) is FIELD in the value.
 */
import TreeSitter = require("web-tree-sitter");
import type { Node, Query, Tree } from "web-tree-sitter";
import { DecodedString, decodeLiteral, field, FIELD, joinDecoded, textAt } from "./decode";

export type BindingKind = "assignment" | "keyword argument" | "parameter default" | "dictionary value" | "literal";

export interface PythonValue {
  /** The value as Python builds it; FIELD where it is computed at run time. */
  value: DecodedString;
  /** File offset of the expression. */
  offset: number;
  /** The name the value is bound to, when it is bound to one. */
  name?: string;
  how: BindingKind;
}

const queries = new WeakMap<object, Query>();
const STRINGS = "[(string) (concatenated_string)] @s";
/** Deeper `+` chains than this are left as computed (no stack for hostile input). */
const MAX_DEPTH = 200;

function stringQuery(tree: Tree): Query {
  const language = tree.language;
  let q = queries.get(language);
  if (!q) {
    q = new TreeSitter.Query(language, STRINGS);
    queries.set(language, q);
  }
  return q;
}

const operatorOf = (n: Node) => n.childForFieldName("operator")?.type;

/** A call `<string-ish>.format(…)`: its receiver. */
function formatReceiver(call: Node): Node | undefined {
  if (call.type !== "call") return undefined;
  const fn = call.childForFieldName("function");
  if (fn?.type !== "attribute" || fn.childForFieldName("attribute")?.text !== "format") return undefined;
  return fn.childForFieldName("object") ?? undefined;
}

/*
 * Speed: every call into the parse tree (parent, a field, children) crosses into wasm, and a file
 * has thousands of strings. So the climb reads the operator or the `=` next to a node from the text
 * (a direct child of a binary operator has the operator right before or after it), and asks the
 * tree only once that says the node may be a value, an operand or a format argument.
 */

/** The first non-blank character after `end`, and the last one before `start` (same line or a bracket's lines). */
const nextChar = (text: string, end: number) => /^[ \t\r\n\\]*(.)/.exec(text.slice(end, end + 64))?.[1] ?? "";
const prevChar = (text: string, start: number) =>
  /(.)[ \t\r\n\\]*$/.exec(text.slice(Math.max(0, start - 64), start))?.[1] ?? "";
/** The argument list at `start` follows `.format`. */
const isFormatCall = (text: string, start: number) =>
  /\.\s*format\s*$/.test(text.slice(Math.max(0, start - 24), start));

/** The expression that `node` is a part of, as far as the value can be folded, and its parent. */
function widen(text: string, node: Node): { top: Node; parent: Node | null } {
  let top = node;
  let p = top.parent;
  for (let depth = 0; depth < MAX_DEPTH && p; depth++) {
    const type = p.type;
    let next: Node | null = null;
    if (type === "concatenated_string" || type === "parenthesized_expression") next = p;
    else if (type === "binary_operator") {
      const op = top.startIndex === p.startIndex ? nextChar(text, top.endIndex) : prevChar(text, top.startIndex);
      if (op === "+" || op === "%") next = p;
    } else if (type === "tuple" || type === "expression_list") {
      // The arguments of `"…" % (a, b)`: the tuple is the operator's right operand.
      if (prevChar(text, p.startIndex) === "%" && p.parent?.type === "binary_operator") next = p.parent;
    } else if (type === "attribute") {
      if (top.startIndex === p.startIndex && /^\s*\.\s*format\s*\(/.test(text.slice(top.endIndex, top.endIndex + 24)))
        next = p.parent;
    } else if (type === "argument_list") {
      if (isFormatCall(text, p.startIndex)) next = p.parent;
    } else if (type === "keyword_argument") {
      const list = p.parent;
      if (list?.type === "argument_list" && isFormatCall(text, list.startIndex)) next = list.parent;
    }
    if (
      !next ||
      next.type !==
        (type === "attribute" || type === "argument_list" || type === "keyword_argument" ? "call" : next.type)
    )
      break;
    top = next;
    p = top.parent;
  }
  return { top, parent: p };
}

const PERCENT =
  /%(?:\(([^)]{0,64})\))?[-#0 +]{0,5}(?:\*|[0-9]{0,8})(?:\.(?:\*|[0-9]{0,8}))?[hlL]?([diouxXeEfFgGcrsa%])/g;

/** `template % args`: each `%s` filled with a literal argument, FIELD for anything else. */
function fillPercent(
  template: DecodedString,
  args: Array<DecodedString | undefined>,
  argOffsets: number[],
): DecodedString {
  const parts: DecodedString[] = [];
  const v = template.value;
  let last = 0;
  let next = 0;
  PERCENT.lastIndex = 0;
  for (let m = PERCENT.exec(v); m; m = PERCENT.exec(v)) {
    parts.push(slice(template, last, m.index));
    const at = template.offsets[m.index] ?? 0;
    if (m[2] === "%") parts.push(textAt("%", at));
    else if (m[1] !== undefined) parts.push(field(at));
    else {
      const i = next++;
      const arg = args[i];
      parts.push(arg && "sra".includes(m[2]) ? arg : field(argOffsets[i] ?? at));
    }
    last = m.index + m[0].length;
  }
  parts.push(slice(template, last, v.length));
  return joinDecoded(parts);
}

/** `template.format(args, name=arg)`: each `{}`/`{0}`/`{name}` filled with a literal argument, FIELD otherwise. */
function fillBraces(
  template: DecodedString,
  positional: Array<DecodedString | undefined>,
  named: Map<string, DecodedString | undefined>,
): DecodedString {
  const parts: DecodedString[] = [];
  const v = template.value;
  let last = 0;
  let auto = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if ((c === "{" || c === "}") && v[i + 1] === c) {
      parts.push(slice(template, last, i + 1));
      i++;
      last = i + 1;
      continue;
    }
    if (c !== "{") continue;
    let depth = 0;
    let j = i;
    for (; j < v.length && j - i < 256; j++) {
      if (v[j] === "{") depth++;
      else if (v[j] === "}" && --depth === 0) break;
    }
    if (j >= v.length || v[j] !== "}") continue;
    parts.push(slice(template, last, i));
    const fieldName = /^[^!:]*/.exec(v.slice(i + 1, j))![0];
    let arg: DecodedString | undefined;
    if (fieldName === "") arg = positional[auto++];
    else if (/^[0-9]+$/.test(fieldName)) arg = positional[Number(fieldName)];
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(fieldName)) arg = named.get(fieldName);
    // `{0.attr}`, `{x[key]}`: computed from the argument.
    parts.push(arg ?? field(template.offsets[i] ?? 0));
    last = j + 1;
    i = j;
  }
  parts.push(slice(template, last, v.length));
  return joinDecoded(parts);
}

function slice(d: DecodedString, start: number, end: number): DecodedString {
  return { value: d.value.slice(start, end), offsets: d.offsets.slice(start, end), exact: d.exact };
}

/**
 * The value of an expression made of literals (undefined when it holds none): strings, implicit
 * concatenation, `+`, `%` and `.format` with literal arguments; anything else is FIELD.
 */
export function foldExpression(text: string, node: Node, depth = 0): DecodedString | undefined {
  if (depth > MAX_DEPTH) return field(node.startIndex);
  switch (node.type) {
    case "string":
      return decodeLiteral(text, node.startIndex, node.endIndex);
    case "concatenated_string": {
      const parts = node.namedChildren
        .filter((c): c is Node => !!c && c.type === "string")
        .map((c) => decodeLiteral(text, c.startIndex, c.endIndex))
        .filter((d): d is DecodedString => !!d);
      return parts.length ? joinDecoded(parts) : undefined;
    }
    case "parenthesized_expression": {
      const inner = node.namedChildren.find((c) => c && c.type !== "comment");
      return inner ? foldExpression(text, inner, depth + 1) : undefined;
    }
    case "binary_operator": {
      const left = node.childForFieldName("left");
      const right = node.childForFieldName("right");
      if (!left || !right) return undefined;
      const op = operatorOf(node);
      if (op === "+") {
        const l = foldExpression(text, left, depth + 1);
        const r = foldExpression(text, right, depth + 1);
        if (!l && !r) return undefined;
        return joinDecoded([l ?? field(left.startIndex), r ?? field(right.startIndex)]);
      }
      if (op === "%") {
        const template = foldExpression(text, left, depth + 1);
        if (!template) return undefined;
        const items =
          right.type === "tuple" || right.type === "parenthesized_expression"
            ? right.namedChildren.filter((c): c is Node => !!c && c.type !== "comment")
            : [right];
        if (right.type === "dictionary") return fillPercent(template, [], []);
        return fillPercent(
          template,
          items.map((c) => foldExpression(text, c, depth + 1)),
          items.map((c) => c.startIndex),
        );
      }
      return undefined;
    }
    case "call": {
      const receiver = formatReceiver(node);
      const template = receiver && foldExpression(text, receiver, depth + 1);
      if (!template) return undefined;
      const positional: Array<DecodedString | undefined> = [];
      const named = new Map<string, DecodedString | undefined>();
      for (const arg of node.childForFieldName("arguments")?.namedChildren ?? []) {
        if (!arg) continue;
        if (arg.type === "keyword_argument") {
          const name = arg.childForFieldName("name")?.text;
          const value = arg.childForFieldName("value");
          if (name && value) named.set(name, foldExpression(text, value, depth + 1));
        } else if (arg.type !== "list_splat" && arg.type !== "dictionary_splat" && arg.type !== "comment")
          positional.push(foldExpression(text, arg, depth + 1));
        else return fillBraces(template, [], new Map());
      }
      return fillBraces(template, positional, named);
    }
    default:
      return undefined;
  }
}

/** The name a value is bound to by its parent node, and how. */
function binding(text: string, top: Node, p: Node | null): { name?: string; how: BindingKind } {
  if (!p) return { how: "literal" };
  const type = p.type;
  const before = prevChar(text, top.startIndex);
  if (type === "assignment" && before === "=") {
    const left = p.childForFieldName("left");
    if (left?.type === "identifier") return { name: left.text, how: "assignment" };
    if (left?.type === "attribute") return { name: left.childForFieldName("attribute")?.text, how: "assignment" };
    if (left?.type === "subscript") {
      const key = left.childForFieldName("subscript");
      const decoded = key && foldExpression(text, key);
      if (decoded && !decoded.value.includes(FIELD)) return { name: decoded.value, how: "assignment" };
    }
    return { how: "assignment" };
  }
  if (type === "keyword_argument" && before === "=")
    return { name: p.childForFieldName("name")?.text, how: "keyword argument" };
  if ((type === "default_parameter" || type === "typed_default_parameter") && before === "=")
    return { name: p.childForFieldName("name")?.text, how: "parameter default" };
  if (type === "pair" && before === ":") {
    const key = p.childForFieldName("key");
    const decoded = key && foldExpression(text, key);
    if (decoded && !decoded.value.includes(FIELD)) return { name: decoded.value, how: "dictionary value" };
    return { how: "dictionary value" };
  }
  return { how: "literal" };
}

/**
 * Every string value of the file, each once, at its largest foldable expression, with its binding.
 * Docstrings and other bare string statements are left out (as the analyzer does). `strings`: the
 * string nodes when the caller already has them (the analyzer's query captures them); else a query
 * finds them.
 */
/** The string nodes of a tree, by a query (when the analyzer's are not at hand). */
export function collectStringNodes(tree: Tree): Node[] {
  return stringQuery(tree)
    .captures(tree.rootNode)
    .map((c) => c.node);
}

export function collectPythonValues(tree: Tree, text: string, strings?: readonly Node[]): PythonValue[] {
  const seen = new Set<string>();
  const out: PythonValue[] = [];
  const nodes = strings ?? collectStringNodes(tree);
  for (const node of nodes) {
    // A string inside a concatenation is met through it.
    if (
      node.type === "string" &&
      prevChar(text, node.startIndex).match(/['"]/) &&
      node.parent?.type === "concatenated_string"
    )
      continue;
    const { top, parent } = widen(text, node);
    const key = `${top.startIndex}:${top.endIndex}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (parent?.type === "expression_statement" && top.type.endsWith("string") && parent.namedChildCount === 1)
      continue;
    const value = foldExpression(text, top);
    if (!value || !value.value) continue;
    out.push({ value, offset: top.startIndex, ...binding(text, top, parent) });
  }
  return out;
}
