/**
 * Annotations back to Python 3.5:
 * - a variable annotation (3.6) becomes a type comment (`x: int = 1` → `x = 1  # type: int`, PEP 484's
 *   form, which type checkers read); a bare `x: int` is removed where Python never evaluates it (inside a
 *   function); at module and class level it is evaluated and stored in `__annotations__`, and in a
 *   dataclass, NamedTuple or TypedDict body it declares a field: no fix there.
 * - `X | Y` (3.10) and `list[int]` (3.9) where 3.5 evaluates them (parameters, returns, module and class
 *   variables) become `Union[X, Y]`, `Optional[X]`, `List[int]`, with the `typing` import added once.
 *   Outside an annotation (`isinstance(x, int | str)`, `Alias = list[int]`, `list[int]()`) the typing
 *   objects behave differently, so those get no fix.
 */
import type { Node } from "web-tree-sitter";
import { msg, type MessageArg } from "../i18n/catalogue";
import type { PythonFile } from "../python/file";
import type { RawFix, TextEdit } from "../findings/types";
import { enclosingScope, ImportNeeds, NameTaken } from "./imports";
import { stdlibSince } from "../python/stdlib";

type Outcome = RawFix | { noFix: MessageArg };

/** Class bodies whose annotations are data: removing or moving them changes the class. */
const FIELD_CLASSES = /\b(dataclass|NamedTuple|TypedDict|attr\.s|attrs|define|frozen|BaseModel|Struct)\b/;

function annotatedAssignment(file: PythonFile, offset: number): Node | undefined {
  for (let n: Node | null = file.tree.rootNode.descendantForIndex(offset); n; n = n.parent)
    if (n.type === "assignment" && n.childForFieldName("type")) return n;
  return undefined;
}

/** `x: int = 1` → `x = 1  # type: int`; a local bare `x: int` removed. */
export function fixVariableAnnotation(file: PythonFile, offset: number): Outcome {
  const node = annotatedAssignment(file, offset);
  const statement = node?.parent;
  if (!node || statement?.type !== "expression_statement") return { noFix: msg("NoFixKind") };
  const left = node.childForFieldName("left")!;
  const type = node.childForFieldName("type")!;
  const value = node.childForFieldName("right");
  const scope = enclosingScope(node);
  if (scope?.type === "class_definition") {
    const head = file.text.slice(
      scope.parent?.type === "decorated_definition" ? scope.parent.startIndex : scope.startIndex,
      scope.childForFieldName("body")?.startIndex ?? scope.endIndex,
    );
    if (FIELD_CLASSES.test(head)) return { noFix: msg("NoFixDataclass") };
  }
  const rest = /^[ \t]*(#[^\n]*)?(\r?\n|$)/.exec(file.text.slice(statement.endIndex));
  const before = file.text.slice(file.text.lastIndexOf("\n", statement.startIndex - 1) + 1, statement.startIndex);
  if (!rest || /^[ \t]*#\s*type:/.test(rest[0]) || before.trim() !== "") return { noFix: msg("NoFixSharedLine") };
  if (!value) {
    if (scope?.type !== "function_definition") return { noFix: msg("NoFixBareAnnotation") };
    // The only statement of its block becomes `pass`; otherwise its lines go.
    const block = statement.parent;
    const alone = block?.type === "block" && block.namedChildren.filter((c) => c && c.type !== "comment").length === 1;
    if (alone)
      return {
        description: msg("FixRemoveLocalAnnotation"),
        edits: [{ start: statement.startIndex, end: statement.endIndex, text: "pass" }],
      };
    const lineStart = statement.startIndex - before.length;
    const end = statement.endIndex + rest[0].length;
    return { description: msg("FixRemoveLocalAnnotation"), edits: [{ start: lineStart, end, text: "" }] };
  }
  const equals = node.children.find((c) => c?.type === "=");
  if (!equals) return { noFix: msg("NoFixKind") };
  const annotation = file
    .src(type)
    .replace(/\s+/g, " ")
    .replace(/([[(,]) /g, "$1")
    .replace(/ ([\])])/g, "$1");
  const edits: TextEdit[] = [{ start: left.endIndex, end: equals.startIndex, text: " " }];
  if (rest[1]) {
    // `x: int = 1  # note` → `x = 1  # type: int  # note`
    const comment = statement.endIndex + rest[0].indexOf("#");
    edits.push({ start: comment, end: comment, text: `# type: ${annotation}  ` });
  } else edits.push({ start: statement.endIndex, end: statement.endIndex, text: `  # type: ${annotation}` });
  return { description: msg("FixTypeComment"), edits };
}

/** Builtin and standard-library generics → typing's name for them (all in Python 3.5's typing). */
const TYPING_GENERICS: Readonly<Record<string, string>> = {
  list: "List",
  dict: "Dict",
  set: "Set",
  frozenset: "FrozenSet",
  tuple: "Tuple",
  type: "Type",
  "collections.deque": "Deque",
  "collections.defaultdict": "DefaultDict",
  "re.Pattern": "Pattern",
  "re.Match": "Match",
  "collections.abc.Set": "AbstractSet",
  "collections.abc.ByteString": "ByteString",
};
for (const name of [
  "Awaitable",
  "Coroutine",
  "AsyncIterable",
  "AsyncIterator",
  "Iterable",
  "Iterator",
  "Generator",
  "Reversible",
  "Container",
  "Collection",
  "Callable",
  "MutableSet",
  "Mapping",
  "MutableMapping",
  "Sequence",
  "MutableSequence",
  "MappingView",
  "KeysView",
  "ItemsView",
  "ValuesView",
]) {
  (TYPING_GENERICS as Record<string, string>)[`collections.abc.${name}`] = name;
}

/** The annotation (outermost `type` node) holding the node at `offset`. */
function annotationAt(file: PythonFile, offset: number): Node | undefined {
  let found: Node | undefined;
  for (let n: Node | null = file.tree.rootNode.descendantForIndex(offset); n; n = n.parent)
    if (n.type === "type") found = n;
  return found;
}

/** `X | None`, `list[int]`… inside an annotation → typing's forms, for the whole annotation. */
export function fixTypingForms(file: PythonFile, offset: number): Outcome {
  const annotation = annotationAt(file, offset);
  if (!annotation) return { noFix: msg("NoFixNotAnnotation") };
  const imports = new ImportNeeds(file);
  try {
    const text = rewriteType(file, annotation, imports);
    if (text === file.src(annotation)) return { noFix: msg("NoFixKind") };
    const used = imports.edits().flatMap((e) => e.imports?.names ?? []);
    return {
      description: msg("FixTypingNames", used.length ? used.join(", ") : "Union"),
      edits: [{ start: annotation.startIndex, end: annotation.endIndex, text }, ...imports.edits()],
    };
  } catch (e) {
    if (e instanceof NameTaken) return { noFix: e.why };
    throw e;
  }
}

function isUnion(file: PythonFile, n: Node): boolean {
  if (n.type === "union_type") return true;
  return n.type === "binary_operator" && n.childForFieldName("operator")?.type === "|";
}

/** The operands of a chain of `|`, through the grammar's `type` wrappers. */
function unionLeaves(file: PythonFile, n: Node, out: Node[] = []): Node[] {
  const inner = n.type === "type" && n.namedChildCount === 1 ? n.namedChild(0)! : n;
  if (isUnion(file, inner)) {
    for (const c of inner.namedChildren) if (c && c.type !== "comment") unionLeaves(file, c, out);
  } else out.push(inner);
  return out;
}

/** The qualified class a generic's head names (`list`, `collections.deque`), or undefined. */
function genericHead(file: PythonFile, head: Node): string | undefined {
  const text = file.src(head).replace(/\s+/g, "");
  if (!/^[A-Za-z_][\w.]*$/.test(text)) return undefined;
  const first = text.split(".")[0];
  if (file.bindings.has(first)) return file.qualify(text);
  if (head.type === "identifier" && !file.binds(text)) return text;
  return undefined;
}

function rewriteType(file: PythonFile, n: Node, imports: ImportNeeds): string {
  if (isUnion(file, n)) {
    const leaves = unionLeaves(file, n);
    const none = leaves.filter((l) => l.type === "none" || file.src(l) === "None");
    const others = leaves.filter((l) => !none.includes(l)).map((l) => rewriteType(file, l, imports));
    if (none.length && others.length === 1) return `${imports.use("typing", "Optional")}[${others[0]}]`;
    const items = none.length ? [...others, "None"] : others;
    return `${imports.use("typing", "Union")}[${items.join(", ")}]`;
  }
  if (n.type === "generic_type" || n.type === "subscript") {
    const head = n.type === "generic_type" ? n.namedChild(0) : n.childForFieldName("value");
    const qualified = head && genericHead(file, head);
    const typing = qualified && TYPING_GENERICS[qualified];
    if (head && typing && stdlibSince(`${qualified}.__class_getitem__`) && !stdlibSince(`typing.${typing}`)) {
      const name = imports.use("typing", typing);
      return name + splice(file, n, imports, head.endIndex);
    }
  }
  return splice(file, n, imports, n.startIndex);
}

/** The node's text from `from`, each named child's rewritten in place. */
function splice(file: PythonFile, n: Node, imports: ImportNeeds, from: number): string {
  const out: string[] = [];
  let at = from;
  for (const c of n.namedChildren) {
    if (!c || c.endIndex <= from) continue;
    out.push(file.text.slice(at, c.startIndex), rewriteType(file, c, imports));
    at = c.endIndex;
  }
  out.push(file.text.slice(at, n.endIndex));
  return out.join("");
}
