/**
 * Python analysis on a real parse tree (tree-sitter-python through web-tree-sitter).
 * The grammar is a permissive superset of Python 2 and 3: `print "x"`, f-strings, walrus and
 * `match` all parse without error, so version rules look at node types and token text.
 * One cursor walk per file; each node type is checked where it is met.
 */
// Loaded with require like parser.ts: an ES import would resolve web-tree-sitter's ESM build,
// a second, uninitialized copy in the bundle.
import TreeSitter = require("web-tree-sitter");
import type { Node, Parser, Query, Tree } from "web-tree-sitter";
import { LineIndex } from "../findings/positions";
import type { RawFinding } from "../findings/types";
import { KWARGS_SINCE, LITERAL_METHODS_SINCE, STDLIB_SINCE } from "./stdlib";
import type { RuleCode } from "../findings/ruleCodes";
import { msg, type MessageArg, type MessageKey } from "../i18n/catalogue";
import { isNewer } from "./versions";

export interface PythonAnalysisOptions {
  target: string;
}

/** A string literal met in the code, for the path and secret scanners. */
export interface PythonString {
  /** Offset of the literal's content in the file. */
  offset: number;
  content: string;
}

/** A `name = "literal"` or `f(name="literal")`: the secret and user scanners look at these. */
export interface PythonNamedLiteral {
  name: string;
  offset: number;
  content: string;
}

export interface PythonAnalysis {
  findings: RawFinding[];
  strings: PythonString[];
  namedLiterals: PythonNamedLiteral[];
  /** Calls with their qualified name and arguments' nodes, for the SQL extractor. */
  tree: Tree;
}

const MAX_SYNTAX_ERRORS_PER_FILE = 5;
const BUILTINS_SINCE: Record<string, string> = { breakpoint: "3.7", aiter: "3.10", anext: "3.10" };
/** Query captures that are newer syntax wherever they match: the Python that added them, and what to call it. */
const SYNTAX_SINCE: Record<string, [version: string, what: MessageKey]> = {
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
const PYTHON2_SYNTAX: Record<string, MessageKey> = {
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
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** `async`/`await` used as plain names were legal until 3.7; the grammar rejects them (e.g. `def f(async=True)`). */
const ASYNC_AS_NAME = /\b(async|await)\b(?=\s*(=(?!=)|[,)\].:]))/g;

/**
 * Every construct the rules look at, matched inside the parser (wasm) in one pass: far cheaper
 * than visiting each node from JavaScript. The capture name says which check applies.
 */
const PYTHON_QUERY = `
(print_statement) @print
(exec_statement) @exec
(except_clause) @except
(raise_statement (expression_list)) @raise_tuple
(comparison_operator "<>" @ne)
(integer) @integer
(float) @float
(expression_statement . (string) @docstring .)
(string) @string
(assignment type: (_)) @annotated
(assignment left: [(identifier) (attribute)] @assigned right: (string) @literal)
(keyword_argument name: (identifier) @kwname value: (string) @literal)
(named_expression) @walrus
(positional_separator) @posonly
(match_statement) @match
(type_alias_statement) @typealias
(function_definition type_parameters: (_) @typeparams)
(class_definition type_parameters: (_) @typeparams)
(future_import_statement) @future
(return_statement (expression_list (list_splat))) @return_splat
(yield (expression_list (list_splat))) @yield_splat
(yield) @yield
(for_in_clause "async") @async_for
(await) @await
(with_clause "(") @paren_with
(decorator) @decorator
(subscript subscript: (list_splat)) @index_star
[(import_statement) (import_from_statement)] @import
(attribute object: (identifier) @attribute_head) @attribute
(call function: (_) @callee)
`;

const queries = new WeakMap<object, Query>();

function pythonQuery(parser: Parser): Query {
  const language = parser.language!;
  let query = queries.get(language);
  if (!query) {
    query = new TreeSitter.Query(language, PYTHON_QUERY);
    queries.set(language, query);
  }
  return query;
}

export function parsePython(parser: Parser, text: string, target: string): Tree {
  let tree = parser.parse(text)!;
  if (tree.rootNode.hasError && isNewer("3.7", target) && /\b(async|await)\b/.test(text)) {
    // Same length replacement keeps every offset; used only when it removes the errors.
    const masked = text.replace(ASYNC_AS_NAME, (m) => (m === "async" ? "asyn_" : "awai_"));
    if (masked !== text) {
      const retry = parser.parse(masked)!;
      if (!retry.rootNode.hasError) {
        tree.delete();
        tree = retry;
      } else retry.delete();
    }
  }
  return tree;
}

export function analyzePython(
  parser: Parser,
  file: string,
  text: string,
  options: PythonAnalysisOptions,
): PythonAnalysis {
  const tree = parsePython(parser, text, options.target);
  const lines = new LineIndex(text);
  const findings: RawFinding[] = [];
  const strings: PythonString[] = [];
  const namedLiterals: PythonNamedLiteral[] = [];
  const target = options.target;
  /** local name → qualified name, from the imports met so far. */
  const bindings = new Map<string, string>();
  const docstrings = new Set<number>();
  let syntaxErrors = 0;

  const at = (offset: number) => lines.position(offset);
  const emit = (rule: RuleCode, offset: number, args: MessageArg[], minVersion?: string) => {
    const { line, column } = at(offset);
    findings.push({ rule, file, line, column, args, minVersion });
  };
  const newer = (feature: string, offset: number, what: MessageKey) => {
    if (isNewer(feature, target)) emit("PY003", offset, [msg(what), feature, target], feature);
  };
  const stdlib = (qualified: string, offset: number, what = qualified) => {
    const since = STDLIB_SINCE[qualified];
    if (since && isNewer(since, target)) emit("PY004", offset, [what, since, target], since);
  };
  const qualify = (dotted: string): string => {
    const [head, ...rest] = dotted.split(".");
    const bound = bindings.get(head);
    return bound ? [bound, ...rest].join(".") : dotted;
  };
  const src = (n: { startIndex: number; endIndex: number }) => text.slice(n.startIndex, n.endIndex);

  const onImport = (node: Node) => {
    if (node.type === "import_statement") {
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type === "dotted_name") {
          const name = src(child);
          bindings.set(name.split(".")[0], name.split(".")[0]);
          checkModule(name, child.startIndex);
        } else if (child.type === "aliased_import") {
          const name = child.childForFieldName("name");
          const alias = child.childForFieldName("alias");
          if (name && alias) {
            bindings.set(src(alias), src(name));
            checkModule(src(name), name.startIndex);
          }
        }
      }
      return;
    }
    // from X import a, b as c
    const moduleNode = node.childForFieldName("module_name");
    if (!moduleNode || moduleNode.type === "relative_import") return;
    const module = src(moduleNode);
    checkModule(module, moduleNode.startIndex);
    for (const child of node.childrenForFieldName("name")) {
      if (!child) continue;
      let name: Node | null = child;
      let local = child;
      if (child.type === "aliased_import") {
        name = child.childForFieldName("name");
        local = child.childForFieldName("alias") ?? child;
      }
      if (!name) continue;
      const qualified = `${module}.${src(name)}`;
      bindings.set(src(local), qualified);
      if (STDLIB_SINCE[qualified]) stdlib(qualified, name.startIndex);
      else checkModule(qualified, name.startIndex, true);
    }
  };
  /** `import a.b.c` is new if any of a, a.b, a.b.c is. */
  const checkModule = (dotted: string, offset: number, onlyFull = false) => {
    const parts = dotted.split(".");
    for (let i = onlyFull ? parts.length : 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join(".");
      if (STDLIB_SINCE[prefix]) {
        stdlib(prefix, offset, prefix);
        return;
      }
    }
  };

  /** A whole attribute chain whose head is an imported name (the caller checked): its longest known prefix. */
  const onAttribute = (start: number, end: number) => {
    const dotted = text.slice(start, end).replace(/\s+/g, "");
    if (!DOTTED.test(dotted)) return;
    const qualified = qualify(dotted).split(".");
    for (let i = qualified.length; i >= 2; i--) {
      const prefix = qualified.slice(0, i).join(".");
      if (STDLIB_SINCE[prefix]) {
        stdlib(prefix, start, prefix);
        return;
      }
    }
  };

  const onCall = (node: Node) => {
    const fn = node.childForFieldName("function");
    const args = node.childForFieldName("arguments");
    if (!fn) return;
    if (fn.type === "identifier") {
      const name = src(fn);
      const since = BUILTINS_SINCE[name];
      if (since && !bindings.has(name) && isNewer(since, target))
        emit("PY004", fn.startIndex, [`${name}()`, since, target], since);
    }
    if (fn.type === "attribute") {
      const object = fn.childForFieldName("object");
      const attr = fn.childForFieldName("attribute");
      if (object && attr && (object.type === "string" || object.type === "concatenated_string")) {
        const since = LITERAL_METHODS_SINCE[src(attr)];
        if (since && isNewer(since, target))
          emit("PY004", attr.startIndex, [`str.${src(attr)}()`, since, target], since);
      }
    }
    const dotted = src(fn).replace(/\s+/g, "");
    if (!args || !DOTTED.test(dotted)) return;
    const qualified = fn.type === "identifier" && !bindings.has(dotted) ? dotted : qualify(dotted);
    const kwargs = KWARGS_SINCE[qualified];
    if (kwargs) {
      for (const arg of args.namedChildren) {
        if (arg?.type !== "keyword_argument") continue;
        const name = arg.childForFieldName("name");
        if (!name) continue;
        const since = kwargs[src(name)];
        if (since && isNewer(since, target))
          emit("PY004", name.startIndex, [`${qualified}(${src(name)}=…)`, since, target], since);
      }
    }
  };

  /**
   * A literal read from the source text (no child nodes: marshalling every string's children out of
   * the parser is the most expensive step of a file). f-string fields stay in the content: the
   * path and secret scanners read them as text.
   */
  const OPENER = /^([A-Za-z]{0,3})('''|"""|'|"|`)/;
  const literal = (node: Node): { prefix: string; quote: string; start: number; content: string } | undefined => {
    const raw = text.slice(node.startIndex, node.endIndex);
    const m = OPENER.exec(raw);
    if (!m) return undefined;
    const end = raw.endsWith(m[2]) && raw.length >= m[0].length + m[2].length ? raw.length - m[2].length : raw.length;
    return {
      prefix: m[1].toLowerCase(),
      quote: m[2],
      start: node.startIndex + m[0].length,
      content: raw.slice(m[0].length, end),
    };
  };
  const stringContent = (node: Node) => literal(node)?.content ?? "";
  const contentStart = (node: Node) => literal(node)?.start ?? node.startIndex;

  const onString = (node: Node) => {
    const lit = literal(node);
    if (!lit) return;
    if (lit.quote === "`") {
      emit("PY002", node.startIndex, ["`…` (backticks)"]);
      return;
    }
    if (lit.prefix.includes("u") && lit.prefix.includes("r"))
      emit("PY002", node.startIndex, [`${lit.prefix}'' (ur prefix)`]);
    if (lit.prefix.includes("f")) newer("3.6", node.startIndex, "TermFString");
    if (!docstrings.has(node.startIndex) && lit.content) strings.push({ offset: lit.start, content: lit.content });
  };

  /** Nearest enclosing function or lambda, and whether a comprehension lies in between. */
  const enclosing = (node: Node): { fn: Node | null; inComprehension: boolean } => {
    let inComprehension = false;
    for (let p = node.parent; p; p = p.parent) {
      if (p.type === "function_definition" || p.type === "lambda") return { fn: p, inComprehension };
      if (COMPREHENSIONS.has(p.type)) inComprehension = true;
    }
    return { fn: null, inComprehension };
  };
  const isAsync = (fn: Node | null) => !!fn && fn.type === "function_definition" && fn.child(0)?.type === "async";

  // Syntax errors: only files that have them pay for a full walk.
  if (tree.rootNode.hasError) {
    const c = tree.walk();
    let descend = true;
    for (;;) {
      if (descend) {
        if (c.nodeIsMissing || c.nodeType === "ERROR") {
          if (syntaxErrors++ < MAX_SYNTAX_ERRORS_PER_FILE) {
            // The code up to the first string literal: what a literal holds (a password, when the
            // file does not parse and SEC001 cannot see the assignment) is never quoted.
            const snippet = text
              .slice(c.startIndex, Math.min(c.endIndex, c.startIndex + 30))
              .split("\n")[0]
              .replace(/["'].*$/, "…");
            emit("PY001", c.startIndex, [
              c.nodeIsMissing ? msg("TermMissingToken", c.nodeType) : msg("TermUnexpectedToken", snippet),
            ]);
          }
        } else if (c.gotoFirstChild()) continue;
      }
      if (c.gotoNextSibling()) {
        descend = true;
        continue;
      }
      if (!c.gotoParent()) break;
      descend = false;
    }
    c.delete();
  }

  const isDottedOrCall = (n: Node): boolean => {
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
  };

  for (const match of pythonQuery(parser).matches(tree.rootNode)) {
    // `literal` is the second capture of two-capture patterns; the other one names the check.
    const primary =
      match.captures.find((c) => c.name !== "literal" && c.name !== "attribute_head") ?? match.captures[0];
    const node = primary.node;
    const name = primary.name;
    switch (name) {
      case "except": {
        const tokens = node.children.filter((ch) => ch && !ch.isNamed).map((ch) => ch!.type);
        if (tokens.includes(",")) emit("PY002", node.startIndex, [msg("TermExceptComma")]);
        if (tokens[1] === "*") newer("3.11", node.startIndex, "TermExceptStar");
        break;
      }
      case "integer": {
        const value = src(node);
        if (/[lL]$/.test(value)) emit("PY002", node.startIndex, [msg("TermLongInteger", value)]);
        else if (/^0[0-9_]+$/.test(value) && !/^[0_]+$/.test(value))
          emit("PY002", node.startIndex, [msg("TermOctalLiteral", value)]);
        if (value.includes("_")) newer("3.6", node.startIndex, "TermUnderscoreInNumber");
        break;
      }
      case "float":
        if (src(node).includes("_")) newer("3.6", node.startIndex, "TermUnderscoreInNumber");
        break;
      case "docstring":
        docstrings.add(node.startIndex);
        break;
      case "string":
        onString(node);
        break;
      case "annotated":
        newer("3.6", node.startIndex, "TermVariableAnnotation");
        break;
      case "assigned": {
        const left = match.captures.find((c) => c.name === "assigned")!.node;
        const right = match.captures.find((c) => c.name === "literal")?.node;
        if (right) {
          const leftName = left.type === "attribute" ? src(left.childForFieldName("attribute") ?? left) : src(left);
          namedLiterals.push({ name: leftName, offset: contentStart(right), content: stringContent(right) });
        }
        break;
      }
      case "kwname": {
        const value = match.captures.find((c) => c.name === "literal")?.node;
        if (value) namedLiterals.push({ name: src(node), offset: contentStart(value), content: stringContent(value) });
        break;
      }
      case "future":
        if (node.childrenForFieldName("name").some((n) => n && src(n) === "annotations"))
          newer("3.7", node.startIndex, "TermFutureAnnotations");
        break;
      case "yield":
        if (isAsync(enclosing(node).fn)) newer("3.6", node.startIndex, "TermAsyncGenerator");
        break;
      case "await": {
        const where = enclosing(node);
        if (where.inComprehension && isAsync(where.fn)) newer("3.6", node.startIndex, "TermAwaitInComprehension");
        break;
      }
      case "decorator": {
        const expr = node.namedChild(0);
        if (expr && !isDottedOrCall(expr)) newer("3.9", expr.startIndex, "TermRelaxedDecorator");
        break;
      }
      case "import":
        onImport(node);
        break;
      case "attribute": {
        // Only the innermost link of a chain is matched (its object is a name); cheap text test
        // first, then the chain is climbed: only chains that start with an imported name resolve.
        const head = match.captures.find((c) => c.name === "attribute_head")?.node;
        const attribute = match.captures.find((c) => c.name === "attribute")?.node;
        if (!head || !attribute || !bindings.has(src(head))) break;
        let top = attribute;
        while (top.parent?.type === "attribute" && top.parent.startIndex === top.startIndex) top = top.parent;
        onAttribute(top.startIndex, top.endIndex);
        break;
      }
      case "callee": {
        const head = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(node.startIndex, node.startIndex + 64))?.[0];
        const literalReceiver =
          node.type === "attribute" && /^[rRuUbBfF]{0,2}['"]/.test(text.slice(node.startIndex, node.startIndex + 3));
        if ((head && (bindings.has(head) || BUILTINS_SINCE[head] || KWARGS_SINCE[head])) || literalReceiver)
          onCall(node.parent!);
        break;
      }
      default: {
        const python2 = PYTHON2_SYNTAX[name];
        if (python2) emit("PY002", node.startIndex, [msg(python2)]);
        const since = SYNTAX_SINCE[name];
        if (since) newer(since[0], node.startIndex, since[1]);
        break;
      }
    }
  }

  return { findings, strings, namedLiterals, tree };
}
