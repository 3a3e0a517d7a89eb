/**
 * Python analysis on a real parse tree (tree-sitter-python through web-tree-sitter).
 * The grammar is a permissive superset of Python 2 and 3: `print "x"`, f-strings, walrus and
 * `match` all parse without error, so version rules look at node types and token text.
 *
 * One query pass per file (PYTHON_QUERY): each capture names the node kind it matched, and
 * CHECKS maps that name to the function that checks it — syntax.ts (PY002/PY003 per node kind),
 * names.ts (imports, attributes and calls against the standard-library data, PY004),
 * literals.ts (named strings for the scanners); syntaxErrors.ts reports PY001 from the tree.
 */
// Loaded with require like parser.ts: an ES import would resolve web-tree-sitter's ESM build,
// a second, uninitialized copy in the bundle.
import TreeSitter = require("web-tree-sitter");
import type { Node, Parser, Query, QueryMatch, Tree } from "web-tree-sitter";
import type { RawFinding } from "../findings/types";
import { PythonFile, type PythonNamedLiteral, type PythonString } from "./file";
import { recordAssignedLiteral, recordKeywordLiteral } from "./literals";
import { checkAttributeChain, checkCallee, checkImport, checkImportFrom } from "./names";
import { reportTreeErrors } from "./syntaxErrors";
import {
  checkAnnotatedAssignment,
  checkAwait,
  checkDecorator,
  checkExceptClause,
  checkFloat,
  checkFutureImport,
  checkInteger,
  checkMarkedSyntax,
  checkString,
  checkYield,
} from "./syntax";
import { isNewer } from "./versions";

export type { PythonNamedLiteral, PythonString };

export interface PythonAnalysisOptions {
  target: string;
}

export interface PythonAnalysis {
  findings: RawFinding[];
  strings: PythonString[];
  namedLiterals: PythonNamedLiteral[];
  /** Calls with their qualified name and arguments' nodes, for the SQL extractor. */
  tree: Tree;
}

/** `async`/`await` used as plain names were legal until 3.7; the grammar rejects them (e.g. `def f(async=True)`). */
const ASYNC_AS_NAME = /\b(async|await)\b(?=\s*(=(?!=)|[,)\].:]))/g;

/**
 * Every construct the rules look at, matched inside the parser (wasm) in one pass: far cheaper
 * than visiting each node from JavaScript. The capture name says which check applies (CHECKS).
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
(import_statement) @import
(import_from_statement) @import_from
(attribute object: (identifier) @attribute_head) @attribute
(call function: (_) @callee)
`;

/** The other captures of a match, by name (`@literal`, `@attribute_head` complete a primary capture). */
const captured = (match: QueryMatch, name: string): Node | undefined =>
  match.captures.find((c) => c.name === name)?.node;

type Check = (file: PythonFile, node: Node, match: QueryMatch) => void;

/** What each primary capture of PYTHON_QUERY checks. Captures not listed go to checkMarkedSyntax. */
const CHECKS: Record<string, Check> = {
  except: checkExceptClause,
  integer: checkInteger,
  float: checkFloat,
  docstring: (file, node) => file.docstrings.add(node.startIndex),
  string: checkString,
  annotated: checkAnnotatedAssignment,
  assigned: (file, node, match) => recordAssignedLiteral(file, node, captured(match, "literal")),
  kwname: (file, node, match) => recordKeywordLiteral(file, node, captured(match, "literal")),
  future: checkFutureImport,
  yield: checkYield,
  await: checkAwait,
  decorator: checkDecorator,
  import: checkImport,
  import_from: checkImportFrom,
  attribute: (file, node, match) => {
    const head = captured(match, "attribute_head");
    if (head) checkAttributeChain(file, head, node);
  },
  callee: checkCallee,
};

/** Captures that complete another one; the other names the check. */
const SECONDARY_CAPTURES: ReadonlySet<string> = new Set(["literal", "attribute_head"]);

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
  path: string,
  text: string,
  options: PythonAnalysisOptions,
): PythonAnalysis {
  const tree = parsePython(parser, text, options.target);
  const file = new PythonFile(path, text, options.target);
  reportTreeErrors(file, tree);
  for (const match of pythonQuery(parser).matches(tree.rootNode)) {
    const primary = match.captures.find((c) => !SECONDARY_CAPTURES.has(c.name)) ?? match.captures[0];
    const check = CHECKS[primary.name];
    if (check) check(file, primary.node, match);
    else checkMarkedSyntax(file, primary.node, primary.name);
  }
  return { findings: file.findings, strings: file.strings, namedLiterals: file.namedLiterals, tree };
}
