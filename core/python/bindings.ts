/**
 * What an identifier does where it stands: binds a name (assignment target, parameter, def, class,
 * import, for/with/except target), reads it, or is no name at all (an attribute after a dot, a keyword
 * argument's name). Looked up only for the few identifiers a check cares about (a Python 2 builtin, a
 * newer builtin, a variable whose type a call needs): walking every node from JavaScript would cost
 * more than the parse.
 */
import type { Node } from "web-tree-sitter";
import { isAsciiWordCode } from "./chars";

export type IdentifierRole = "bind" | "load" | "attribute" | "keyword" | "import" | "other";

/** Nodes a target can be nested in (`a, (b, *c) = …`): the role comes from what holds them. */
const TARGET_WRAPPERS: ReadonlySet<string> = new Set([
  "pattern_list",
  "tuple_pattern",
  "list_pattern",
  "list_splat_pattern",
  "tuple",
  "list",
  "parenthesized_expression",
  "expression_list",
  "list_splat",
]);

/** Parameter forms: a name directly inside them is a parameter. */
const PARAMETER_HOLDERS: ReadonlySet<string> = new Set([
  "parameters",
  "lambda_parameters",
  "default_parameter",
  "typed_parameter",
  "typed_default_parameter",
  "dictionary_splat_pattern",
]);

const isField = (parent: Node, field: string, child: Node) =>
  parent.childForFieldName(field)?.startIndex === child.startIndex &&
  parent.childForFieldName(field)?.endIndex === child.endIndex;

/** The role of an identifier node. */
export function identifierRole(node: Node): IdentifierRole {
  let child = node;
  let parent = node.parent;
  let wrapped = false;
  while (parent && TARGET_WRAPPERS.has(parent.type)) {
    if (parent.type === "list_splat_pattern" && parent.parent && PARAMETER_HOLDERS.has(parent.parent.type))
      return "bind";
    wrapped = true;
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return "other";
  switch (parent.type) {
    case "attribute":
      return !wrapped && isField(parent, "attribute", child) ? "attribute" : "load";
    case "keyword_argument":
      return !wrapped && isField(parent, "name", child) ? "keyword" : "load";
    case "function_definition":
    case "class_definition":
      return isField(parent, "name", child) ? "bind" : "load";
    case "default_parameter":
    case "typed_default_parameter":
      return isField(parent, "name", child) ? "bind" : "load";
    case "typed_parameter":
      return parent.namedChild(0)?.startIndex === child.startIndex ? "bind" : "load";
    case "parameters":
    case "lambda_parameters":
    case "dictionary_splat_pattern":
      return "bind";
    case "assignment":
      return isField(parent, "left", child) ? "bind" : "load";
    case "augmented_assignment":
      return isField(parent, "left", child) ? "bind" : "load";
    case "for_statement":
    case "for_in_clause":
      return isField(parent, "left", child) ? "bind" : "load";
    case "as_pattern_target":
    case "global_statement":
    case "nonlocal_statement":
      return "bind";
    case "named_expression":
      return isField(parent, "name", child) ? "bind" : "load";
    case "aliased_import":
      return isField(parent, "alias", child) ? "bind" : "import";
    case "dotted_name": {
      const holder = parent.parent;
      if (holder?.type === "import_statement")
        return parent.namedChild(0)?.startIndex === child.startIndex ? "bind" : "import";
      if (holder?.type === "import_from_statement") return isField(holder, "module_name", parent) ? "import" : "bind";
      if (holder?.type === "aliased_import") return "import";
      return "other";
    }
    case "delete_statement":
      return "bind"; // `del x` makes x local, as an assignment does
    default:
      return "load";
  }
}

const WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether `offset` lies inside one of the [start, end) ranges (sorted by start, nested ones after their outer). */
function insideRanges(ranges: readonly number[], offset: number): boolean {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[2 * mid] <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // The last range starting before: it or an outer one it is nested in may hold the offset.
  for (let i = found; i >= 0 && i > found - 8; i--) if (offset < ranges[2 * i + 1]) return true;
  return false;
}

/**
 * Every identifier node spelled `name`, found through the text (a word search) and confirmed on the
 * tree: words inside strings (`strings`, the literals' ranges) and comments are not identifiers.
 */
export function identifiersNamed(root: Node, text: string, name: string, strings: readonly number[] = []): Node[] {
  if (!WORD.test(name)) return [];
  const out: Node[] = [];
  // indexOf, not a RegExp per name: compiling one for each name asked cost more than the search.
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    if (isAsciiWordCode(text.charCodeAt(at - 1)) || isAsciiWordCode(text.charCodeAt(at + name.length))) continue;
    if (insideRanges(strings, at)) continue;
    const node = root.descendantForIndex(at, at + name.length);
    if (node && node.type === "identifier" && node.startIndex === at && node.endIndex === at + name.length)
      out.push(node);
  }
  return out;
}
