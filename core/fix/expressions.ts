/**
 * The small fixes: a trailing comma after `*args` in a `def` (3.6) removed, underscores in numbers
 * (3.6) removed, dict `|` / `|=` (3.9) as `{**a, **b}` / `d.update(e)`, keyword arguments with an exact
 * 3.5 spelling (stdlibFixes.ts), and `str.removeprefix`/`removesuffix` (3.9) as slicing guarded by
 * `startswith`/`endswith` — only when receiver and argument are free of side effects, since the 3.5 form
 * evaluates them more than once.
 */
import type { Node } from "web-tree-sitter";
import { msg, type MessageArg } from "../i18n/catalogue";
import type { PythonFile } from "../python/file";
import type { RawFix, TextEdit } from "../findings/types";
import { KEYWORD_FIXES } from "../python/stdlibFixes";
import { ImportNeeds, NameTaken } from "./imports";
import { typeOf } from "../python/types";

type Outcome = RawFix | { noFix: MessageArg };

export function fixTrailingComma(file: PythonFile, offset: number): Outcome {
  const comma = file.tree.rootNode.descendantForIndex(offset, offset + 1);
  if (comma?.type !== ",") return { noFix: msg("NoFixKind") };
  return { description: msg("FixTrailingComma"), edits: [{ start: comma.startIndex, end: comma.endIndex, text: "" }] };
}

export function fixUnderscores(file: PythonFile, offset: number): Outcome {
  const n = file.tree.rootNode.descendantForIndex(offset);
  if (!n || (n.type !== "integer" && n.type !== "float") || n.startIndex !== offset) return { noFix: msg("NoFixKind") };
  return {
    description: msg("FixUnderscores"),
    edits: [{ start: n.startIndex, end: n.endIndex, text: file.src(n).replace(/_/g, "") }],
  };
}

const isOr = (n: Node | null | undefined): n is Node =>
  !!n && n.type === "binary_operator" && n.childForFieldName("operator")?.type === "|";

/** `a | b | c` on plain dicts → `{**a, **b, **c}` (a dict subclass's `|` keeps its class: no fix). */
export function fixDictUnion(file: PythonFile, node: Node): Outcome {
  let top = node;
  while (
    isOr(top.parent) &&
    top.parent.childForFieldName("left")?.startIndex === top.startIndex &&
    top.parent.childForFieldName("left")?.endIndex === top.endIndex
  )
    top = top.parent;
  const operands: Node[] = [];
  let n: Node = top;
  while (isOr(n)) {
    operands.unshift(n.childForFieldName("right")!);
    n = n.childForFieldName("left")!;
  }
  operands.unshift(n);
  if (typeOf(file, operands[0]) !== "dict") return { noFix: msg("NoFixDictType") };
  return {
    description: msg("FixDictUnion"),
    edits: [
      { start: top.startIndex, end: top.endIndex, text: `{${operands.map((o) => `**${file.src(o)}`).join(", ")}}` },
    ],
  };
}

/** Dicts whose `|=` is `update` (Counter's is a multiset union: not listed). */
const UPDATE_OWNERS: ReadonlySet<string> = new Set(["dict", "collections.OrderedDict", "collections.defaultdict"]);

/** `d |= e` → `d.update(e)`. */
export function fixDictUpdate(file: PythonFile, node: Node, subject: string): Outcome {
  const left = node.childForFieldName("left");
  const right = node.childForFieldName("right");
  const owner = subject.slice(0, -".__ior__".length);
  if (!left || !right || !UPDATE_OWNERS.has(owner) || !["identifier", "attribute", "subscript"].includes(left.type))
    return { noFix: msg("NoFixKind") };
  const value = right.type === "expression_list" ? `(${file.src(right)})` : file.src(right);
  return {
    description: msg("FixDictUpdate"),
    edits: [{ start: node.startIndex, end: node.endIndex, text: `${file.src(left)}.update(${value})` }],
  };
}

/** The span that removes one argument with its separating comma. */
function removal(file: PythonFile, arg: Node): TextEdit {
  const prev = arg.previousSibling;
  if (prev?.type === ",") return { start: prev.startIndex, end: arg.endIndex, text: "" };
  const next = arg.nextSibling;
  if (next?.type === ",") {
    const after = /^\s*/.exec(file.text.slice(next.endIndex))![0].length;
    return { start: arg.startIndex, end: next.endIndex + after, text: "" };
  }
  return { start: arg.startIndex, end: arg.endIndex, text: "" };
}

/** `subprocess.run(…, capture_output=True, text=True)` → `stdout=PIPE, stderr=PIPE`, `universal_newlines=True`. */
export function fixKeyword(file: PythonFile, name: Node, subject: string): Outcome {
  const m = /^(.+)\((\w+)=\)$/.exec(subject);
  const table = m && KEYWORD_FIXES[m[1]];
  const fix = table && Object.prototype.hasOwnProperty.call(table, m[2]) ? table[m[2]] : undefined;
  const arg = name.parent;
  if (!m || !fix || arg?.type !== "keyword_argument") return { noFix: msg("NoFixKind") };
  if ("rename" in fix)
    return {
      description: msg("FixKeyword", `${fix.rename}=`, `${m[2]}=`),
      edits: [{ start: name.startIndex, end: name.endIndex, text: fix.rename }],
    };
  const value = arg.childForFieldName("value");
  const passed = new Set(
    (arg.parent?.namedChildren ?? [])
      .filter((a) => a?.type === "keyword_argument")
      .map((a) => file.src(a!.childForFieldName("name")!)),
  );
  const literal = value && file.src(value);
  if (
    (literal !== "True" && literal !== "False") ||
    fix.conflicts.some((k) => passed.has(k)) ||
    arg.parent?.namedChildren.some((a) => a?.type === "dictionary_splat")
  )
    return { noFix: msg("NoFixKeywordValue") };
  const spelled = fix.whenTrue.map(([k]) => `${k}=…`).join(", ");
  if (literal === "False") return { description: msg("FixKeyword", spelled, `${m[2]}=`), edits: [removal(file, arg)] };
  const imports = new ImportNeeds(file);
  try {
    const text = fix.whenTrue.map(([k, module, value]) => `${k}=${imports.use(module, value)}`).join(", ");
    return {
      description: msg("FixKeyword", text, `${m[2]}=True`),
      edits: [{ start: arg.startIndex, end: arg.endIndex, text }, ...imports.edits()],
    };
  } catch (e) {
    if (e instanceof NameTaken) return { noFix: e.why };
    throw e;
  }
}

/** Reading it twice gives the same value and does nothing else (names, literals, attributes and indexes of them). */
function isPure(file: PythonFile, n: Node): boolean {
  switch (n.type) {
    case "identifier":
    case "integer":
    case "float":
    case "true":
    case "false":
    case "none":
      return true;
    case "string":
      return !/^[a-zA-Z]*[fF]/.test(file.src(n)) || n.namedChildren.every((c) => c?.type !== "interpolation");
    case "concatenated_string":
    case "parenthesized_expression":
      return n.namedChildren.every((c) => !c || c.type === "comment" || isPure(file, c));
    case "attribute":
      return isPure(file, n.childForFieldName("object")!);
    case "subscript":
      return n.namedChildren.every((c) => !c || isPure(file, c));
    case "unary_operator":
      return isPure(file, n.childForFieldName("argument")!);
    default:
      return false;
  }
}

/** `s.removeprefix(p)` → `(s[len(p):] if s.startswith(p) else s)`; removesuffix alike. */
export function fixAffix(file: PythonFile, attr: Node, subject: string): Outcome {
  const method = subject.split(".").pop();
  const callee = attr.parent;
  const call = callee?.parent;
  const object = callee?.childForFieldName("object");
  const args = call?.type === "call" ? call.childForFieldName("arguments") : undefined;
  const items = args?.namedChildren.filter((a): a is Node => !!a && a.type !== "comment") ?? [];
  if (!object || !call || items.length !== 1 || items[0].type === "keyword_argument" || items[0].type === "list_splat")
    return { noFix: msg("NoFixKind") };
  if (!isPure(file, object) || !isPure(file, items[0])) return { noFix: msg("NoFixSideEffects") };
  const s = file.src(object);
  const p = file.src(items[0]);
  // A non-empty literal suffix needs no emptiness guard.
  const literal = items[0].type === "string" && !!file.literal(items[0])?.content;
  const text =
    method === "removeprefix"
      ? `(${s}[len(${p}):] if ${s}.startswith(${p}) else ${s})`
      : // s[:-0] is empty: an empty suffix must leave s as it is.
        `(${s}[:-len(${p})] if ${literal ? "" : `${p} and `}${s}.endswith(${p}) else ${s})`;
  return {
    description: msg("FixSlicing", method === "removeprefix" ? `${s}.startswith(…)` : `${s}.endswith(…)`),
    edits: [{ start: call.startIndex, end: call.endIndex, text }],
  };
}
