/**
 * When each standard-library module, member and keyword argument newer than Python 3.5 appeared,
 * read from the generated data (stdlibData.json: made by scripts/python-data/stdlib_data.py from the
 * interpreters 3.6–3.13 and, for what 3.6 already has, from CPython's documentation; its `about`
 * says how). This module only indexes it for the analyzer; nothing here is written by hand except
 * the few facts the interpreters cannot show, each with its reason (RESULT_ATTRIBUTES_SINCE).
 */
import DATA from "./stdlibData.json";

interface StdlibData {
  modules: Record<string, string>;
  members: Record<string, Record<string, string>>;
  params: Record<string, Record<string, string>>;
}

const data = DATA as unknown as StdlibData;

/** Qualified name (`math.prod`, `pathlib.Path.walk`, `str.removeprefix`, `builtins.breakpoint`) → version. */
const SINCE = new Map<string, string>();
/** Callable → keyword → version (`subprocess.run` → `capture_output` → 3.7). */
const KEYWORDS = new Map<string, Map<string, string>>();
/** Modules newer than 3.5. */
const MODULES = new Set<string>();
/**
 * Names of what classes and builtin types gained (methods, attributes): a call of such a name on a
 * value the code made is worth resolving the value's type for.
 */
const CLASS_MEMBER_NAMES = new Set<string>();
/** Method names whose keywords are newer on some class (`write_text` → newline): worth resolving too. */
const CLASS_METHOD_KEYWORDS = new Map<string, Set<string>>();
/** Every parent the data lists members of: classes, builtin types and modules alike. */
const PARENTS = new Set<string>();

for (const [version, list] of Object.entries(data.modules)) {
  for (const module of list.split(" ")) {
    SINCE.set(module, version);
    MODULES.add(module);
  }
}
const BUILTIN_TYPES = new Set([
  "str",
  "bytes",
  "bytearray",
  "int",
  "float",
  "complex",
  "bool",
  "dict",
  "list",
  "set",
  "frozenset",
  "tuple",
  "memoryview",
  "range",
  "type",
  "object",
  "slice",
]);
/** Classes whose name is lower case (the rest of the data's lower-case parents are modules: os.path, logging). */
const LOWER_CASE_CLASSES: ReadonlySet<string> = new Set([
  "datetime.date",
  "datetime.datetime",
  "datetime.time",
  "datetime.timedelta",
  "datetime.timezone",
  "collections.deque",
  "collections.defaultdict",
  "dict_keys",
  "dict_values",
  "dict_items",
]);
/** Whether a parent of the data is a class (or builtin type) rather than a module. */
const isClass = (parent: string) =>
  BUILTIN_TYPES.has(parent) || LOWER_CASE_CLASSES.has(parent) || /^[A-Z]/.test(parent.split(".").pop()!);

for (const [version, parents] of Object.entries(data.members)) {
  for (const [parent, list] of Object.entries(parents)) {
    if (parent !== "builtins") PARENTS.add(parent);
    const ofClass = isClass(parent);
    for (const token of list.split(" ")) {
      const name = token.endsWith("()") ? token.slice(0, -2) : token;
      const key = `${parent}.${name}`;
      if (!SINCE.has(key)) SINCE.set(key, version);
      if (ofClass) CLASS_MEMBER_NAMES.add(name);
    }
  }
}
// `type[int]` is PEP 585's too (3.9), but `type` has no `__class_getitem__` (its subscript is written in
// C on the metaclass), so the interpreters' names cannot show it: the one generic added by hand.
if (!SINCE.has("type.__class_getitem__")) SINCE.set("type.__class_getitem__", "3.9");
for (const [version, callables] of Object.entries(data.params)) {
  for (const [callable, list] of Object.entries(callables)) {
    let keywords = KEYWORDS.get(callable);
    if (!keywords) KEYWORDS.set(callable, (keywords = new Map()));
    const method = callable.split(".").pop()!;
    const onClass = callable.includes(".") && isClass(callable.slice(0, callable.lastIndexOf(".")));
    for (const keyword of list.split(" ")) {
      if (!keywords.has(keyword)) keywords.set(keyword, version);
      if (onClass) {
        let set = CLASS_METHOD_KEYWORDS.get(method);
        if (!set) CLASS_METHOD_KEYWORDS.set(method, (set = new Set()));
        set.add(keyword);
      }
    }
  }
}

/** The first Python that has the module or member `qualified`, when newer than 3.5. */
export function stdlibSince(qualified: string): string | undefined {
  return SINCE.get(qualified);
}

/** Whether `qualified` is a module newer than 3.5 (`tomllib`, `importlib.metadata`). */
export function isNewModule(qualified: string): boolean {
  return MODULES.has(qualified);
}

/** The first Python where `callable` takes the keyword argument, when newer than 3.5. */
export function keywordSince(callable: string, keyword: string): string | undefined {
  return KEYWORDS.get(callable)?.get(keyword);
}

/** Whether `callable` has keyword arguments newer than 3.5 at all (cheap test before looking at a call's). */
export function hasNewKeywords(callable: string): boolean {
  return KEYWORDS.has(callable);
}

/** Whether some class or builtin type gained a member of this name after 3.5 (`removeprefix`, `walk`). */
export function isNewClassMemberName(name: string): boolean {
  return CLASS_MEMBER_NAMES.has(name);
}

/** Whether some class's method of this name gained keywords after 3.5 (`write_text`, `warning`). */
export function hasMethodKeywords(method: string): boolean {
  return CLASS_METHOD_KEYWORDS.has(method);
}

/** Whether some class's method of this name gained one of these keywords after 3.5. */
export function hasNewMethodKeyword(method: string, keywords: readonly string[]): boolean {
  const known = CLASS_METHOD_KEYWORDS.get(method);
  return !!known && keywords.some((k) => known.has(k));
}

/** Whether the data knows members of `name` (`pathlib.Path`, `datetime.date`, `str`): a value's type worth tracking. */
export function isKnownClass(name: string): boolean {
  return PARENTS.has(name) || BUILTIN_TYPES.has(name);
}

export const BUILTIN_TYPE_NAMES: ReadonlySet<string> = BUILTIN_TYPES;

/**
 * Attributes of values a call returns whose type changed after 3.5, which the interpreters' names
 * cannot show: `date.isocalendar()` returns a named tuple (`.week`) since 3.9, a plain tuple before.
 */
export const RESULT_ATTRIBUTES_SINCE: Readonly<Record<string, { since: string; attributes: readonly string[] }>> = {
  "datetime.date.isocalendar": { since: "3.9", attributes: ["year", "week", "weekday"] },
};

/**
 * Methods whose new parameters are taken positionally too (the data records parameters by keyword):
 * `b"…".hex(":")` is 3.8's separator; `hex()` alone is 3.5.
 */
export const POSITIONAL_SINCE: Readonly<Record<string, string>> = {
  "bytes.hex": "3.8",
  "bytearray.hex": "3.8",
  "memoryview.hex": "3.8",
};

/** Builtin names newer than 3.5 (`breakpoint`, `ExceptionGroup`) → version. */
export const NEW_BUILTINS: ReadonlyMap<string, string> = new Map(
  [...SINCE].filter(([name]) => name.startsWith("builtins.")).map(([name, v]) => [name.slice("builtins.".length), v]),
);

/**
 * The last part of every class (or builtin type) that became subscriptable after 3.5 (`list`,
 * `deque`, `Iterable`): `X[…]` is worth a look only where the text writes one of these.
 */
export const GENERIC_CLASS_NAMES: readonly string[] = [
  ...new Set(
    [...SINCE.keys()]
      .filter((k) => k.endsWith(".__class_getitem__"))
      .map((k) => k.slice(0, -".__class_getitem__".length).split(".").pop()!),
  ),
];

/**
 * Decorators that take the function directly, without being called first, only since a version (a
 * behaviour, not a name): `@functools.lru_cache` alone is 3.8 (before, it took the function for
 * its maxsize and failed).
 */
export const BARE_DECORATOR_SINCE: Readonly<Record<string, string>> = { "functools.lru_cache": "3.8" };
