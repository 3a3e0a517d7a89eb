/**
 * Python analysis on a real parse tree (tree-sitter-python through web-tree-sitter).
 * The grammar is a permissive superset of Python 2 and 3: `print "x"`, f-strings, walrus and
 * `match` all parse without error, so version rules look at node types and token text.
 *
 * One query pass per file: PATTERNS lists each node kind a rule looks at with the function that
 * checks it — syntax.ts (PY002/PY003 per node kind), fstrings.ts (fields of f-strings),
 * signatures.ts (parameters and arguments), scopes.ts (CPython's compile-time errors: what may
 * stand where), names.ts (imports, attributes, calls and builtins against the standard-library
 * data, PY004, and Python 2 names, PY002), annotations.ts (unions and `|=` Python 3.5 evaluates),
 * literals.ts (named strings for the scanners). After the pass: attribute chains on imported names,
 * the builtins and the subscripted classes (`list[int]`) the text names, found through it (names.ts, annotations.ts), layout.ts (what
 * the tokenizer refuses: indentation, dangling operators), syntaxErrors.ts (PY001 from the tree),
 * scopes.ts's walk, and guards.ts (findings a guard makes safe become info).
 *
 * A file's verdict (docs/rules/PY001.md): any PY001 → syntax error; else any PY002 → Python 2; else
 * the highest minVersion of PY003/PY004 → needs 3.N; else ok. Info findings never change it.
 */
// Loaded with require like parser.ts: an ES import would resolve web-tree-sitter's ESM build,
// a second, uninitialized copy in the bundle.
import TreeSitter = require("web-tree-sitter");
import type { Node, Parser, Query, QueryMatch, Tree } from "web-tree-sitter";
import type { RawFinding } from "../findings/types";
import { checkInPlaceUnion, checkSubscriptedTypes, checkUnion } from "./annotations";
import { PythonFile, type PythonNamedLiteral, type PythonString } from "./file";
import { checkFieldComment, checkInterpolation, checkSelfDocumenting } from "./fstrings";
import { applyGuards } from "./guards";
import { attachFixes } from "../fix";
import { checkEncoding, checkLayout } from "./layout";
import { recordAssignedLiteral, recordKeywordLiteral } from "./literals";
import { checkAttributeReads, checkBuiltinNames, checkCall, checkImport, checkImportFrom } from "./names";
import { ScopeRecorder } from "./scopes";
import { checkArguments, checkParameters } from "./signatures";
import { reportTreeErrors } from "./syntaxErrors";
import {
  checkAnnotatedAssignment,
  checkAnnotationScope,
  checkDecorator,
  checkExceptClause,
  checkFutureImport,
  checkNumbers,
  checkString,
  checkTryStatement,
  checkWalrus,
  SYNTAX_SINCE,
  PYTHON2_SYNTAX,
} from "./syntax";
import { isNewer } from "./versions";

export type { PythonNamedLiteral, PythonString };

export interface PythonAnalysisOptions {
  target: string;
  /** Top-level module names of the routine itself (`utils` for utils.py): an import of them is the routine's. */
  localModules?: ReadonlySet<string>;
  /** The offset of the first byte that is not UTF-8, when the file is not (its text was read as Latin-1). */
  badUtf8At?: number;
  /** Attach each PY003/PY004 finding's fix (core/fix); default true. */
  fixes?: boolean;
}

export interface PythonAnalysis {
  findings: RawFinding[];
  strings: PythonString[];
  namedLiterals: PythonNamedLiteral[];
  /** Every string node the query met (saves the value scanners a query; valid while `tree` is). */
  stringNodes: Node[];
  /** `[start, end)` of each of `stringNodes`, flat (read in JavaScript, without a call into the tree per node). */
  stringRanges: number[];
  /** Start offsets of the bare string statements (docstrings): no value is bound to them. */
  docstrings: ReadonlySet<number>;
  /** Calls with their qualified name and arguments' nodes, for the SQL extractor. */
  tree: Tree;
}

/** The captures of one match, by name. */
class Captures {
  constructor(private readonly match: QueryMatch) {}
  get(name: string): Node {
    return this.match.captures.find((c) => c.name === name)!.node;
  }
  maybe(name: string): Node | undefined {
    return this.match.captures.find((c) => c.name === name)?.node;
  }
}

interface Pattern {
  query: string;
  check(file: PythonFile, c: Captures, scopes: ScopeRecorder): void;
  /** A pattern that matches often but concerns few files (every `x[0]` for `list[int]`): checked only where the text has this. */
  when?: RegExp;
}

/** A pattern whose construct alone is newer syntax (PY003). */
const newer = (query: string, capture: keyof typeof SYNTAX_SINCE): Pattern => ({
  query,
  check: (file, c) => file.newer(SYNTAX_SINCE[capture][0], c.get("node").startIndex, SYNTAX_SINCE[capture][1]),
});
/** A pattern whose construct alone is Python 2 syntax (PY002). */
const python2 = (query: string, capture: keyof typeof PYTHON2_SYNTAX): Pattern => ({
  query,
  check: (file, c) => file.emit("PY002", c.get("node").startIndex, [{ key: PYTHON2_SYNTAX[capture], args: [] }]),
});
/** A pattern CPython refuses to compile, with its message. */
const refused = (query: string, cpython: string): Pattern => ({
  query,
  check: (file, c) => file.compileError(c.get("node").startIndex, cpython),
});

/**
 * Every construct the rules look at, matched inside the parser (wasm) in one pass: far cheaper
 * than visiting each node from JavaScript. `@node` is the construct; other captures complete it.
 */
const PATTERNS: Pattern[] = [
  // Python 2 syntax the grammar accepts.
  python2("(print_statement) @node", "print"),
  python2("(exec_statement) @node", "exec"),
  python2("(raise_statement (expression_list)) @node", "raise_tuple"),
  python2('(comparison_operator "<>" @node)', "ne"),
  { query: "(except_clause) @node", check: (file, c, scopes) => checkExceptClause(file, c.get("node"), scopes) },
  // Strings: docstrings first (the scanners skip them), then every literal.
  {
    query: "(expression_statement . (string) @node .)",
    check: (file, c) => file.docstrings.add(c.get("node").startIndex),
  },
  { query: "(string) @node", check: (file, c) => checkString(file, c.get("node")) },
  {
    query: "(string (string_start) @start (interpolation) @node)",
    check: (file, c) => checkInterpolation(file, c.get("start"), c.get("node")),
  },
  { query: '(interpolation "=" @node)', check: (file, c) => checkSelfDocumenting(file, c.get("node")) },
  { query: "(interpolation (comment) @node)", check: (file, c) => checkFieldComment(file, c.get("node")) },
  {
    query: "(assignment left: [(identifier) (attribute)] @node right: (string) @literal)",
    check: (file, c) => recordAssignedLiteral(file, c.get("node"), c.get("literal")),
  },
  {
    query: "(keyword_argument name: (identifier) @node value: (string) @literal)",
    check: (file, c) => recordKeywordLiteral(file, c.get("node"), c.get("literal")),
  },
  // Newer syntax the grammar accepts.
  { query: "(assignment type: (_)) @node", check: (file, c) => checkAnnotatedAssignment(file, c.get("node")) },
  { query: "(named_expression) @node", check: (file, c) => checkWalrus(file, c.get("node")) },
  newer("(positional_separator) @node", "posonly"),
  newer("(match_statement) @node", "match"),
  {
    // The grammar also reads `type(self).x = 1` as a type alias: only `type Name =` / `type Name[` is one.
    query: "(type_alias_statement) @node",
    check: (file, c) => {
      const node = c.get("node");
      if (/^type\s+[A-Za-z_][A-Za-z0-9_]*\s*[[=]/.test(file.src(node)))
        file.newer("3.12", node.startIndex, "TermTypeAlias");
      if (inClassBody(node)) checkAnnotationScope(file, node);
    },
  },
  {
    query: "(function_definition type_parameters: (_) @node)",
    check: (file, c) => {
      const node = c.get("node");
      file.newer(SYNTAX_SINCE.typeparams[0], node.startIndex, SYNTAX_SINCE.typeparams[1]);
      const definition = node.parent;
      if (definition && inClassBody(definition)) checkAnnotationScope(file, definition);
    },
  },
  newer("(class_definition type_parameters: (_) @node)", "typeparams"),
  newer("(return_statement (expression_list (list_splat))) @node", "return_splat"),
  newer("(yield (expression_list (list_splat))) @node", "yield_splat"),
  newer('(with_clause "(") @node', "paren_with"),
  newer("(subscript subscript: (list_splat)) @node", "index_star"),
  newer("(subscript value: (list_splat)) @node", "index_star"),
  newer("(for_statement right: (expression_list (list_splat))) @node", "for_star"),
  { query: "(future_import_statement) @node", check: (file, c) => checkFutureImport(file, c.get("node")) },
  { query: "(decorator) @node", check: (file, c) => checkDecorator(file, c.get("node")) },
  { query: "(try_statement) @node", check: (file, c) => checkTryStatement(file, c.get("node")) },
  // Where statements stand (scopes.ts), and signatures (signatures.ts).
  {
    query: "(function_definition parameters: (parameters) @parameters) @node",
    check: (file, c, scopes) => {
      scopes.function(c.get("node"));
      checkParameters(file, c.get("parameters"));
    },
  },
  { query: "(lambda) @node", check: (_, c, scopes) => scopes.lambda(c.get("node")) },
  { query: "(lambda_parameters) @node", check: (file, c) => checkParameters(file, c.get("node")) },
  { query: "(class_definition) @node", check: (_, c, scopes) => scopes.class(c.get("node")) },
  {
    query: "[(for_statement body: (block) @node) (while_statement body: (block) @node)]",
    check: (_, c, scopes) => scopes.loop(c.get("node")),
  },
  { query: "(finally_clause) @node", check: (_, c, scopes) => scopes.finally(c.get("node")) },
  {
    query: "[(list_comprehension) (set_comprehension) (dictionary_comprehension) (generator_expression)] @node",
    check: (_, c, scopes) => scopes.comprehension(c.get("node")),
  },
  { query: "(return_statement) @node", check: (_, c, scopes) => scopes.event("return", c.get("node")) },
  { query: "(yield) @node", check: (_, c, scopes) => scopes.event("yield", c.get("node")) },
  { query: "(await) @node", check: (_, c, scopes) => scopes.event("await", c.get("node")) },
  { query: "(break_statement) @node", check: (_, c, scopes) => scopes.event("break", c.get("node")) },
  { query: "(continue_statement) @node", check: (_, c, scopes) => scopes.event("continue", c.get("node")) },
  { query: "(nonlocal_statement) @node", check: (_, c, scopes) => scopes.event("nonlocal", c.get("node")) },
  { query: "(global_statement) @node", check: (_, c, scopes) => scopes.event("global", c.get("node")) },
  { query: '(for_in_clause "async") @node', check: (_, c, scopes) => scopes.event("asyncFor", c.get("node")) },
  // Targets and calls CPython refuses.
  refused("(delete_statement (call) @node)", "can't delete function call"),
  refused(
    "(augmented_assignment left: [(pattern_list) (tuple_pattern) (list_pattern) (tuple) (list)] @node)",
    "illegal expression for augmented assignment",
  ),
  refused("(assignment left: (list_splat_pattern) @node)", "starred assignment target must be in a list or tuple"),
  refused(
    "[(pattern_list (list_splat_pattern) (list_splat_pattern)) (tuple_pattern (list_splat_pattern) (list_splat_pattern)) (list_pattern (list_splat_pattern) (list_splat_pattern))] @node",
    "two starred expressions in assignment",
  ),
  refused(
    '(call arguments: (generator_expression (for_in_clause ",")) @node)',
    "Generator expression must be parenthesized",
  ),
  // Names: imports, attribute chains, calls (names.ts); annotations and unions (annotations.ts).
  { query: "(import_statement) @node", check: (file, c) => checkImport(file, c.get("node")) },
  { query: "(import_from_statement) @node", check: (file, c) => checkImportFrom(file, c.get("node")) },
  {
    query: "(call arguments: (_) @node)",
    check: (file, c) => {
      checkArguments(file, c.get("node"));
      checkCall(file, c.get("node"));
    },
  },
  {
    query: '(binary_operator left: (_) @left operator: "|" right: (_) @right) @node',
    check: (file, c) => checkUnion(file, c.get("node"), c.get("left"), c.get("right")),
    when: /\|/,
  },
  {
    query: "(union_type . (type) @left (type) @right .) @node",
    check: (file, c) => checkUnion(file, c.get("node"), c.get("left"), c.get("right")),
    when: /\|/,
  },
  {
    query: '(augmented_assignment left: (_) @left operator: "|=") @node',
    check: (file, c) => checkInPlaceUnion(file, c.get("node"), c.get("left")),
    when: /\|=/,
  },
];

/**
 * A statement that stands in a class body (directly or under its decorators): there a generic method's
 * or a type alias's annotation scope refuses lambdas and comprehensions before 3.13. Asked of the rare
 * generic definitions only: a query pattern over every class body cost 11% of the query pass.
 */
function inClassBody(definition: Node): boolean {
  let holder = definition.parent;
  if (holder?.type === "decorated_definition") holder = holder.parent;
  return holder?.type === "block" && holder.parent?.type === "class_definition";
}

const queries = new WeakMap<object, Map<Pattern[], Query>>();

/** The query of a list of patterns (its pattern indexes are the list's). */
function queryOf(parser: Parser, patterns: Pattern[]): Query {
  const language = parser.language!;
  let byList = queries.get(language);
  if (!byList) queries.set(language, (byList = new Map()));
  let query = byList.get(patterns);
  if (!query) {
    query = new TreeSitter.Query(language, patterns.map((p) => p.query).join("\n"));
    byList.set(patterns, query);
  }
  return query;
}

/**
 * Compiles the query of the checks now rather than on the first file (40–90 ms): a worker does it while
 * it waits for the routine to be walked.
 */
export function preparePythonAnalysis(parser: Parser): void {
  queryOf(parser, PATTERNS);
}

/** `async`/`await` used as plain names were legal until 3.7; the grammar rejects them (e.g. `def f(async=True)`). */
const ASYNC_AS_NAME = /(?<=\.[ \t]*)\b(async|await)\b|\b(async|await)\b(?=[ \t]*(=(?!=)|[,)\].:;]|$))/gm;
/** `def f[T = int]`, `class C[T = int]`, `type A[T = int]`: PEP 696's defaults (3.13), unknown to the grammar. */
const TYPE_PARAMETERS = /\b(def|class|type)\s+[A-Za-z_][A-Za-z0-9_]*\s*\[/g;

/** Blanks the defaults of type parameters (same length), with the offset of each `=`. */
function maskTypeParameterDefaults(text: string): { masked: string; defaults: number[] } {
  const defaults: number[] = [];
  const chars = text.split("");
  for (const m of text.matchAll(TYPE_PARAMETERS)) {
    let depth = 0;
    let blanking = false;
    for (let i = m.index! + m[0].length - 1; i < text.length && i < m.index! + 2000; i++) {
      const c = text[i];
      if (c === "[" || c === "(" || c === "{") depth++;
      else if (c === "]" || c === ")" || c === "}") {
        if (--depth === 0) break;
      } else if (c === "," && depth === 1) blanking = false;
      else if (c === "=" && depth === 1 && text[i + 1] !== "=") {
        blanking = true;
        defaults.push(i);
      }
      if (blanking && c !== "\n" && c !== "\r") chars[i] = " ";
    }
  }
  return { masked: chars.join(""), defaults };
}

/**
 * The tree of a file. When the grammar refuses it, two same-length rewrites are tried (they keep
 * every offset), each kept only when it removes every error: `async`/`await` used as names (legal
 * before 3.7), and type parameter defaults (3.13, reported as such).
 */
export function parsePython(parser: Parser, text: string, target: string): { tree: Tree; typeDefaults: number[] } {
  let tree = parser.parse(text)!;
  const retry = (masked: string): boolean => {
    if (masked === text) return false;
    const again = parser.parse(masked)!;
    if (again.rootNode.hasError) {
      again.delete();
      return false;
    }
    tree.delete();
    tree = again;
    return true;
  };
  if (tree.rootNode.hasError && isNewer("3.7", target) && /\b(async|await)\b/.test(text))
    retry(text.replace(ASYNC_AS_NAME, (m) => (m === "async" ? "asyn_" : "awai_")));
  let typeDefaults: number[] = [];
  if (tree.rootNode.hasError && /\b(def|class|type)\s+\w+\s*\[[^\]]*=/.test(text)) {
    const { masked, defaults } = maskTypeParameterDefaults(text);
    if (retry(masked)) typeDefaults = defaults;
  }
  return { tree, typeDefaults };
}

export function analyzePython(
  parser: Parser,
  path: string,
  text: string,
  options: PythonAnalysisOptions,
): PythonAnalysis {
  const { tree, typeDefaults } = parsePython(parser, text, options.target);
  const file = new PythonFile(path, text, options.target, tree, options.localModules);
  checkEncoding(file, options.badUtf8At);
  reportTreeErrors(file, tree);
  for (const offset of typeDefaults) file.newer("3.13", offset, "TermTypeParameterDefault");
  const scopes = new ScopeRecorder(text);
  const found = new Map<RegExp, boolean>(); // each `when` read once per file
  const wanted = (when: RegExp) => found.get(when) ?? found.set(when, when.test(text)).get(when)!;
  for (const match of queryOf(parser, PATTERNS).matches(tree.rootNode)) {
    const pattern = PATTERNS[match.patternIndex];
    if (!pattern.when || wanted(pattern.when)) pattern.check(file, new Captures(match), scopes);
  }
  checkAttributeReads(file);
  checkBuiltinNames(file);
  checkSubscriptedTypes(file);
  checkNumbers(file);
  // Where the indentation is broken, the tree's blocks are not CPython's: the scope checks would
  // report its consequences ('return' outside function) rather than the cause.
  const laidOut = file.findings.some((f) => f.rule === "PY001") || checkLayout(file, file.stringRanges);
  if (laidOut) scopes.check(file);
  applyGuards(file);
  if (options.fixes !== false) attachFixes(file);
  return {
    findings: file.findings,
    strings: file.strings,
    namedLiterals: file.namedLiterals,
    stringNodes: file.stringNodes,
    stringRanges: file.stringRanges,
    docstrings: file.docstrings,
    tree,
  };
}
