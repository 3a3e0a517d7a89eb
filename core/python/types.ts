/**
 * The type of a value, where the code makes it plain: literals, calls of builtin types and of the
 * standard library's classes (`Path(p)`, `datetime.datetime.now()`), what a few well-known methods
 * return (`logging.getLogger()`, `"a".split()`), and names assigned such values (`p = Path(x)`,
 * `for linea in texto.splitlines()`, `except ValueError as e`). Anything else is unknown: a method
 * called on an unknown value is not a finding, which keeps user classes out of the rules.
 * A type is a qualified class name (`str`, `pathlib.Path`); a list whose items are known is `list[str]`.
 */
import type { Node } from "web-tree-sitter";
import { identifierRole } from "./bindings";
import type { PythonFile } from "./file";
import { BUILTIN_TYPE_NAMES, isKnownClass } from "./stdlib";

const MAX_DEPTH = 6;
/** A name bound or read more often than this is not a simple variable: its type is left unknown. */
const MAX_OCCURRENCES = 64;
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Class methods that return an instance of their class (`datetime.datetime.now()`, `Path.cwd()`). */
const ALTERNATE_CONSTRUCTORS: ReadonlySet<string> = new Set([
  "now",
  "today",
  "utcnow",
  "fromtimestamp",
  "utcfromtimestamp",
  "strptime",
  "combine",
  "fromordinal",
  "fromisoformat",
  "fromisocalendar",
  "cwd",
  "home",
  "fromhex",
  "fromkeys",
]);

/** Functions whose result has a known type. */
const RETURNS: Readonly<Record<string, string>> = {
  "logging.getLogger": "logging.Logger",
  "tempfile.mkdtemp": "str",
  "tempfile.gettempdir": "str",
  "os.getcwd": "str",
  "os.path.join": "str",
  "os.path.abspath": "str",
  "os.path.basename": "str",
  "os.path.dirname": "str",
  "os.path.realpath": "str",
  "os.path.normpath": "str",
  "os.path.expanduser": "str",
  "os.listdir": "list[str]",
  "json.dumps": "str",
  repr: "str",
  ascii: "str",
  chr: "str",
  format: "str",
  hex: "str",
  oct: "str",
  bin: "str",
  input: "str",
  len: "int",
  ord: "int",
  sorted: "list",
};

/** Methods whose result has a known type, by the receiver's type; `=` keeps the receiver's type. */
const METHOD_RETURNS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  str: {
    ...Object.fromEntries(
      "strip lstrip rstrip lower upper replace format format_map join title capitalize casefold center ljust rjust zfill expandtabs translate swapcase"
        .split(" ")
        .map((m) => [m, "="]),
    ),
    split: "list[str]",
    rsplit: "list[str]",
    splitlines: "list[str]",
    encode: "bytes",
  },
  bytes: {
    ...Object.fromEntries(
      "strip lstrip rstrip lower upper replace join title capitalize center ljust rjust zfill translate swapcase"
        .split(" ")
        .map((m) => [m, "="]),
    ),
    split: "list[bytes]",
    splitlines: "list[bytes]",
    decode: "str",
    hex: "str",
  },
  "datetime.datetime": {
    date: "datetime.date",
    time: "datetime.time",
    replace: "=",
    astimezone: "=",
    isoformat: "str",
    strftime: "str",
  },
  "datetime.date": { replace: "=", isoformat: "str", strftime: "str" },
  "pathlib.PurePath": {
    ...Object.fromEntries(
      "with_name with_suffix with_stem joinpath relative_to resolve absolute expanduser"
        .split(" ")
        .map((m) => [m, "="]),
    ),
    read_text: "str",
    read_bytes: "bytes",
    as_posix: "str",
  },
  "logging.Logger": { getChild: "logging.Logger" },
  dict: { copy: "dict", keys: "dict_keys", values: "dict_values", items: "dict_items" },
  list: { copy: "=" },
};

/** What a class inherits from, where the data lists a member only on the base. */
const BASES: Readonly<Record<string, readonly string[]>> = {
  bool: ["int"],
  "datetime.datetime": ["datetime.date"],
  "pathlib.Path": ["pathlib.PurePath"],
  "pathlib.PosixPath": ["pathlib.Path", "pathlib.PurePosixPath", "pathlib.PurePath"],
  "pathlib.WindowsPath": ["pathlib.Path", "pathlib.PureWindowsPath", "pathlib.PurePath"],
  "pathlib.PurePosixPath": ["pathlib.PurePath"],
  "pathlib.PureWindowsPath": ["pathlib.PurePath"],
  "logging.RootLogger": ["logging.Logger"],
  "collections.OrderedDict": ["dict"],
  "collections.defaultdict": ["dict"],
  "collections.Counter": ["dict"],
};

/** Builtin exception classes (their instances have BaseException's members). */
const EXCEPTION = /^[A-Z][A-Za-z]*(Error|Exception|Warning|Exit|Interrupt|Iteration|Group)$/;

/** The type and the classes it inherits from, nearest first. */
export function lineage(type: string): string[] {
  const out = [type.replace(/\[.*$/, "")]; // list[str] is a list
  for (const base of BASES[out[0]] ?? []) out.push(base);
  if (EXCEPTION.test(type)) out.push("Exception", "BaseException");
  return out;
}

/** The items' type of an iterable type: `list[str]` → `str`, `str` → `str`, `bytes` → `int`. */
export function elementOf(type: string | undefined): string | undefined {
  if (!type) return undefined;
  const m = /^(list|set|frozenset|tuple)\[(.+)\]$/.exec(type);
  if (m) return m[2];
  if (type === "str") return "str";
  if (type === "bytes" || type === "bytearray" || type === "range") return "int";
  return undefined;
}

/** One type for every item, or undefined. */
function common(types: Array<string | undefined>): string | undefined {
  if (types.length === 0 || types.some((t) => !t)) return undefined;
  return types.every((t) => t === types[0]) ? types[0] : undefined;
}

/** What a call of the qualified name `callee` returns: an instance of a class, or a known result. */
function qualifiedCallType(qualified: string): string | undefined {
  if (isKnownClass(qualified)) return qualified;
  if (RETURNS[qualified]) return RETURNS[qualified];
  const dot = qualified.lastIndexOf(".");
  const owner = qualified.slice(0, dot);
  if (dot > 0 && isKnownClass(owner) && ALTERNATE_CONSTRUCTORS.has(qualified.slice(dot + 1))) return owner;
  return undefined;
}

/** What a method returns, by its receiver's type. */
function methodType(receiver: string | undefined, method: string): string | undefined {
  if (!receiver) return undefined;
  for (const type of lineage(receiver)) {
    const returns = METHOD_RETURNS[type]?.[method];
    if (returns) return returns === "=" ? receiver : returns;
  }
  return undefined;
}

/** What a call returns. */
function callType(file: PythonFile, node: Node, depth: number): string | undefined {
  const fn = node.childForFieldName("function");
  if (!fn) return undefined;
  const dotted = file.src(fn).replace(/\s+/g, "");
  const head = dotted.split(".")[0];
  if (DOTTED.test(dotted) && file.bindings.has(head)) return qualifiedCallType(file.qualify(dotted));
  if (fn.type === "identifier") {
    if (file.binds(dotted)) return undefined;
    if (BUILTIN_TYPE_NAMES.has(dotted) || EXCEPTION.test(dotted)) return dotted;
    return RETURNS[dotted];
  }
  if (fn.type !== "attribute") return undefined;
  const object = fn.childForFieldName("object");
  const method = fn.childForFieldName("attribute");
  return object && method ? methodType(typeOf(file, object, depth + 1), file.src(method)) : undefined;
}

const nameTypes = new WeakMap<PythonFile, { version: number; types: Map<string, string | undefined> }>();

/**
 * The type a name holds (nameType), cached per file for the outermost questions: a receiver's name is
 * asked about at each of its method calls. The answer depends on the imports met so far (a call of an
 * imported class), so the cache lasts while they do not change.
 */
function nameTypeOf(file: PythonFile, name: string, depth: number): string | undefined {
  if (depth > 0) return nameType(file, name, depth);
  let cache = nameTypes.get(file);
  if (!cache || cache.version !== file.bindings.version)
    nameTypes.set(file, (cache = { version: file.bindings.version, types: new Map() }));
  if (cache.types.has(name)) return cache.types.get(name);
  const type = nameType(file, name, 0);
  cache.types.set(name, type);
  return type;
}

/**
 * The type of a value spelled as a dotted name (`fecha`, `self.ruta`), from its text: a name's as
 * typeOf finds it; an attribute's is never known (typeOf has no case for attributes).
 */
export function typeOfDottedName(file: PythonFile, dotted: string): string | undefined {
  return dotted.includes(".") ? undefined : nameTypeOf(file, dotted, 0);
}

/** The type a name holds: the one type of every value bound to it in the file, or undefined. */
function nameType(file: PythonFile, name: string, depth: number): string | undefined {
  // An imported module or class is not an instance; self and cls are the enclosing class's.
  if (file.bindings.has(name) || name === "self" || name === "cls") return undefined;
  const occurrences = file.identifiers(name, MAX_OCCURRENCES);
  if (!occurrences) return undefined;
  const types: Array<string | undefined> = [];
  for (const n of occurrences) {
    // `d |= …`, `n += 1` rebind the name to a value of its own type.
    if (identifierRole(n) !== "bind" || n.parent?.type === "augmented_assignment") continue;
    types.push(boundType(file, n, depth));
    if (types[types.length - 1] === undefined) return undefined;
  }
  return common(types);
}

/** The type of the value a binding occurrence of a name receives. */
function boundType(file: PythonFile, name: Node, depth: number): string | undefined {
  const parent = name.parent;
  if (!parent) return undefined;
  const isLeft = (field: string) => parent.childForFieldName(field)?.startIndex === name.startIndex;
  switch (parent.type) {
    case "assignment": {
      if (!isLeft("left")) return undefined;
      const right = parent.childForFieldName("right");
      return right ? typeOf(file, right, depth + 1) : undefined;
    }
    case "for_statement":
    case "for_in_clause": {
      if (!isLeft("left")) return undefined;
      const right = parent.childForFieldName("right");
      return right ? elementOf(typeOf(file, right, depth + 1)) : undefined;
    }
    case "dictionary_splat_pattern":
      return "dict"; // **kwargs
    case "list_splat_pattern":
      return parent.parent?.type === "parameters" || parent.parent?.type === "lambda_parameters" ? "tuple" : undefined;
    case "as_pattern_target": {
      const pattern = parent.parent;
      if (pattern?.type !== "as_pattern" || pattern.parent?.type !== "except_clause") return undefined;
      const caught = pattern.namedChild(0);
      return caught?.type === "identifier" && EXCEPTION.test(file.src(caught)) ? file.src(caught) : undefined;
    }
    default:
      return undefined;
  }
}

/** The type of an expression, or undefined when the code does not make it plain. */
export function typeOf(file: PythonFile, node: Node, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (node.type) {
    case "string":
      return /^[A-Za-z]*[bB]/.test(file.text.slice(node.startIndex, node.startIndex + 3)) ? "bytes" : "str";
    case "concatenated_string":
      return node.namedChild(0) ? typeOf(file, node.namedChild(0)!, depth + 1) : undefined;
    case "integer":
      return "int";
    case "float":
      return "float";
    case "true":
    case "false":
      return "bool";
    case "list": {
      const items = common(node.namedChildren.map((c) => (c ? typeOf(file, c, depth + 1) : undefined)));
      return items ? `list[${items}]` : "list";
    }
    case "list_comprehension":
      return "list";
    case "dictionary":
    case "dictionary_comprehension":
      return "dict";
    case "set":
    case "set_comprehension":
      return "set";
    case "tuple":
      return "tuple";
    case "parenthesized_expression":
      return node.namedChild(0) ? typeOf(file, node.namedChild(0)!, depth + 1) : undefined;
    case "binary_operator": {
      const left = node.childForFieldName("left");
      const operator = node.childForFieldName("operator");
      const type = left && typeOf(file, left, depth + 1);
      if (!type || !operator) return undefined;
      const op = file.src(operator);
      if (op === "/" && type.startsWith("pathlib.")) return type;
      if ((op === "+" || op === "%") && (type === "str" || type === "bytes")) return type;
      return undefined;
    }
    case "call":
      return callType(file, node, depth);
    case "identifier":
      return nameTypeOf(file, file.src(node), depth);
    case "subscript": {
      const value = node.childForFieldName("value");
      const type = value ? typeOf(file, value, depth + 1) : undefined;
      if (type === "str" || type === "bytes") return type;
      return elementOf(type);
    }
    default:
      return undefined; // attributes too (`self.x`): typeOfDottedName says the same from the text
  }
}
