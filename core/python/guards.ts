/**
 * Guards: code that uses a newer (or a Python 2) name only where it cannot fail. A finding about a
 * name (not about syntax: the file must compile before a guard runs) is lowered to info, with the
 * guard quoted, when it stands
 * - in the body of a `try` whose handler catches what the use raises: ImportError (or
 *   ModuleNotFoundError) for an import, AttributeError for a member, TypeError for a keyword
 *   argument, NameError for a builtin; Exception, BaseException and a bare `except:` catch all;
 * - in the branch of an `if` (or `x if c else y`, `c and x`) that `hasattr(obj, "name")` opens for
 *   that very name;
 * - in the branch of a `sys.version_info` / `sys.version` comparison that no Python older than the
 *   name's version (for a Python 2 name: no Python 3) can take.
 * A guarded import whose fallback does not define the name leaves the name undefined: its uses
 * outside the guard are findings (guard_then_unguarded_use).
 */
import type { Node } from "web-tree-sitter";
import { identifierRole } from "./bindings";
import type { Guardable, GuardKind, PythonFile } from "./file";
import { python2Replacement } from "./python2";
import { BUILTIN_TYPE_NAMES, isNewModule } from "./stdlib";
import { parseVersion } from "./versions";

/** What each kind of use raises when the name is missing, and what catches it. */
const CATCHES: Readonly<Record<GuardKind, readonly string[]>> = {
  import: ["ImportError", "ModuleNotFoundError"],
  attribute: ["AttributeError"],
  keyword: ["TypeError"],
  name: ["NameError"],
};
const CATCH_ALL: readonly string[] = ["Exception", "BaseException"];

/** The Python versions a version check is evaluated on: a guard holds when no version older than the name takes the branch. */
const RUNTIMES: ReadonlyArray<[number, number]> = Array.from({ length: 15 }, (_, m) => [3, m] as [number, number]);

/** A guard, as the message quotes it, and where the fallback is (the code that runs when the guard fails). */
interface Guard {
  text: string;
  fallback: Node[];
  /** The guarded region: uses outside it are not covered. */
  body: Node;
  /** The guard runs the import only where the name exists anyway (a fallback): its later uses are fine. */
  fallbackImport?: boolean;
}

const same = (a: Node | null | undefined, b: Node) => !!a && a.startIndex === b.startIndex && a.endIndex === b.endIndex;

function quote(file: PythonFile, node: Node): string {
  const text = file.src(node).split("\n")[0].trim();
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** The exception names an `except` clause catches (empty: a bare `except:`). */
function caught(file: PythonFile, clause: Node): string[] {
  const block = clause.namedChildren.find((c) => c?.type === "block");
  const head = file.text.slice(clause.startIndex, block ? block.startIndex : clause.endIndex);
  const types = head
    .replace(/^except\*?/, "")
    .replace(/\bas\s+[A-Za-z_][A-Za-z0-9_]*\s*:?\s*$/, "")
    .replace(/:\s*$/, "");
  return [...types.matchAll(/[A-Za-z_][A-Za-z0-9_.]*/g)].map((m) => m[0].split(".").pop()!);
}

/** A `try` whose body holds the use and a handler that catches what the use raises. */
function tryGuard(file: PythonFile, g: Guardable, tryNode: Node, child: Node): Guard | undefined {
  if (!same(tryNode.childForFieldName("body"), child)) return undefined;
  const handlers = tryNode.namedChildren.filter((c): c is Node => c?.type === "except_clause");
  for (const handler of handlers) {
    const names = caught(file, handler);
    const wanted = g.kind === "import" && !isModuleSubject(g.subject) ? ["ImportError"] : CATCHES[g.kind];
    if (names.length === 0 || names.some((n) => wanted.includes(n) || CATCH_ALL.includes(n))) {
      const block = handler.namedChildren.find((c) => c?.type === "block");
      return { text: quote(file, handler).replace(/:$/, ""), fallback: block ? [block] : [], body: child };
    }
  }
  return undefined;
}

const isModuleSubject = (subject: string) =>
  isNewModule(subject) || (!subject.includes(".") && python2Replacement(subject) !== undefined);

/** The runtime version a version-check operand stands for, as a function of (major, minor). */
type Operand = (major: number, minor: number) => number[] | string | number;

function versionOperand(file: PythonFile, node: Node): Operand | undefined {
  const text = file.src(node).replace(/\s+/g, "");
  const qualified = file.bindings.has(text.split(".")[0].split("[")[0]) ? file.qualify(text) : text;
  if (/^sys\.version_info(\[:2\]|\[0:2\]|\[:3\])?$/.test(qualified)) return (major, minor) => [major, minor, 0];
  if (/^sys\.version_info(\.major|\[0\])$/.test(qualified)) return (major) => major;
  if (/^sys\.version_info(\.minor|\[1\])$/.test(qualified)) return (_, minor) => minor;
  if (qualified === "sys.version") return (major, minor) => `${major}.${minor}.0`;
  return undefined;
}

function literalOperand(file: PythonFile, node: Node): number[] | string | number | undefined {
  const text = file.src(node).replace(/\s+/g, "");
  if (/^\(\d+(,\d+)*,?\)$/.test(text)) return text.slice(1, -1).split(",").filter(Boolean).map(Number);
  if (/^\d+$/.test(text)) return Number(text);
  const lit = node.type === "string" ? file.literal(node) : undefined;
  return lit && /^[\d.]+$/.test(lit.content) ? lit.content : undefined;
}

/** Python's ordering of tuples (a longer tuple with an equal prefix is greater), numbers and strings. */
function compare(a: number[] | string | number, b: number[] | string | number): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  }
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return NaN;
}

const OPERATORS: Record<string, (c: number) => boolean> = {
  "<": (c) => c < 0,
  "<=": (c) => c <= 0,
  ">": (c) => c > 0,
  ">=": (c) => c >= 0,
  "==": (c) => c === 0,
  "!=": (c) => c !== 0,
};

/** A condition as a predicate on the runtime version, when it is a version check. */
function versionPredicate(file: PythonFile, cond: Node): ((major: number, minor: number) => boolean) | undefined {
  if (cond.type === "parenthesized_expression" && cond.namedChild(0))
    return versionPredicate(file, cond.namedChild(0)!);
  if (cond.type === "not_operator") {
    const inner = cond.namedChild(0) && versionPredicate(file, cond.namedChild(0)!);
    return inner ? (M, m) => !inner(M, m) : undefined;
  }
  if (cond.type === "boolean_operator") {
    const left = cond.childForFieldName("left");
    const right = cond.childForFieldName("right");
    const l = left && versionPredicate(file, left);
    const r = right && versionPredicate(file, right);
    const and = cond.childForFieldName("operator")?.type === "and";
    if (and) return l && r ? (M, m) => l(M, m) && r(M, m) : undefined;
    return l && r ? (M, m) => l(M, m) || r(M, m) : undefined;
  }
  const text = file.src(cond).replace(/\s+/g, "");
  if (/^six\.PY3$/.test(text)) return (M) => M === 3;
  if (/^six\.PY2$/.test(text)) return (M) => M === 2;
  if (cond.type !== "comparison_operator" || cond.namedChildCount !== 2) return undefined;
  const [a, b] = [cond.namedChild(0)!, cond.namedChild(1)!];
  const op = cond.children.find((c) => c && !c.isNamed && OPERATORS[c.type])?.type;
  if (!op) return undefined;
  let runtime = versionOperand(file, a);
  let literal = literalOperand(file, b);
  let flip = false;
  if (!runtime || literal === undefined) {
    runtime = versionOperand(file, b);
    literal = literalOperand(file, a);
    flip = true;
  }
  if (!runtime || literal === undefined) return undefined;
  const test = OPERATORS[op];
  const lit = literal;
  const rt = runtime;
  return (M, m) => {
    const c = compare(rt(M, m), lit);
    return !Number.isNaN(c) && test(flip ? -c : c);
  };
}

/** Whether a version predicate keeps every Python that lacks the name out of the branch. */
function versionGuards(g: Guardable, predicate: (major: number, minor: number) => boolean): boolean {
  if (g.finding.rule === "PY002") return RUNTIMES.every(([M, m]) => !predicate(M, m));
  const since = parseVersion(g.finding.minVersion ?? "");
  if (!since) return false;
  return RUNTIMES.filter(([, m]) => m < since[1]).every(([M, m]) => !predicate(M, m));
}

/** `typing.TYPE_CHECKING` (or the name imported from typing): False whenever the code runs. */
function isTypeChecking(file: PythonFile, cond: Node): boolean {
  const text = file.src(cond).replace(/\s+/g, "");
  return /^[A-Za-z_][\w.]*$/.test(text) && file.qualify(text) === "typing.TYPE_CHECKING";
}

/** Whether a condition, holding (`positive`) or not, protects the use. */
function conditionGuards(file: PythonFile, g: Guardable, cond: Node, positive: boolean): boolean {
  if (positive && isTypeChecking(file, cond)) return true; // a branch that never runs
  const predicate = versionPredicate(file, cond);
  if (predicate) return versionGuards(g, positive ? predicate : (M, m) => !predicate(M, m));
  if (cond.type === "parenthesized_expression" && cond.namedChild(0))
    return conditionGuards(file, g, cond.namedChild(0)!, positive);
  if (cond.type === "not_operator" && cond.namedChild(0))
    return conditionGuards(file, g, cond.namedChild(0)!, !positive);
  if (cond.type === "boolean_operator") {
    const and = cond.childForFieldName("operator")?.type === "and";
    if (and !== positive) return false;
    const left = cond.childForFieldName("left");
    const right = cond.childForFieldName("right");
    return (
      (!!left && conditionGuards(file, g, left, positive)) || (!!right && conditionGuards(file, g, right, positive))
    );
  }
  if (positive && cond.type === "call") return hasattrGuards(file, g, cond);
  return false;
}

/** `hasattr(math, "prod")` protects `math.prod`; `hasattr(str, "removeprefix")` any str's removeprefix. */
function hasattrGuards(file: PythonFile, g: Guardable, call: Node): boolean {
  const fn = call.childForFieldName("function");
  if (!fn || file.src(fn) !== "hasattr") return false;
  const args = call.childForFieldName("arguments")?.namedChildren ?? [];
  if (args.length !== 2 || !args[0] || args[1]?.type !== "string") return false;
  const name = file.literal(args[1])?.content;
  const object = file.src(args[0]).replace(/\s+/g, "");
  const head = object.split(".")[0];
  const owner = file.bindings.has(head) ? file.qualify(object) : object;
  if (!name || (!file.bindings.has(head) && !BUILTIN_TYPE_NAMES.has(owner))) return false;
  return g.subject === `${owner}.${name}` || g.subject.startsWith(`${owner}.${name}(`);
}

/** The guard around a use, if any. */
function findGuard(file: PythonFile, g: Guardable): Guard | undefined {
  let child = g.node;
  for (let p = g.node.parent; p; child = p, p = p.parent) {
    switch (p.type) {
      case "try_statement": {
        const guard = tryGuard(file, g, p, child);
        if (guard) return guard;
        break;
      }
      case "except_clause": {
        // A Python 2 module imported where a Python 3 import failed (`except ImportError: import
        // cPickle`): Python 3 never runs it.
        const names = caught(file, p);
        if (
          g.finding.rule === "PY002" &&
          g.kind === "import" &&
          (names.length === 0 || names.some((n) => CATCHES.import.includes(n)))
        )
          return { text: quote(file, p).replace(/:$/, ""), fallback: [], body: child, fallbackImport: true };
        break;
      }
      case "if_statement":
      case "elif_clause": {
        const cond = p.childForFieldName("condition");
        if (!cond) break;
        const alternatives =
          p.type === "if_statement" ? p.childrenForFieldName("alternative").filter((a): a is Node => !!a) : [];
        const consequence = p.childForFieldName("consequence");
        if (same(consequence, child) && conditionGuards(file, g, cond, true))
          return { text: quote(file, cond), fallback: alternatives, body: child };
        if (
          alternatives.some((a) => same(a, child)) &&
          child.type === "else_clause" &&
          conditionGuards(file, g, cond, false)
        )
          return { text: `not (${quote(file, cond)})`, fallback: consequence ? [consequence] : [], body: child };
        break;
      }
      case "conditional_expression": {
        const [then, cond, otherwise] = [p.namedChild(0), p.namedChild(1), p.namedChild(2)];
        if (!cond) break;
        if (same(then, child) && conditionGuards(file, g, cond, true))
          return { text: quote(file, cond), fallback: otherwise ? [otherwise] : [], body: child };
        if (same(otherwise, child) && conditionGuards(file, g, cond, false))
          return { text: `not (${quote(file, cond)})`, fallback: then ? [then] : [], body: child };
        break;
      }
      case "boolean_operator": {
        const left = p.childForFieldName("left");
        const right = p.childForFieldName("right");
        const and = p.childForFieldName("operator")?.type === "and";
        if (left && same(right, child) && conditionGuards(file, g, left, and))
          return { text: quote(file, left), fallback: [], body: child };
        break;
      }
    }
  }
  return undefined;
}

const inside = (node: Node, region: Node) => node.startIndex >= region.startIndex && node.endIndex <= region.endIndex;

/**
 * Lowers guarded findings to info (the guard quoted), then reports the uses of guarded imports that
 * the fallback leaves undefined.
 */
export function applyGuards(file: PythonFile): void {
  const pending = [...file.guardable];
  const reported = new Set<string>();
  while (pending.length) {
    const g = pending.shift()!;
    const guard = findGuard(file, g);
    if (!guard) continue;
    g.finding.guard = guard.text;
    if (g.kind !== "import" || !g.local || guard.fallbackImport || reported.has(g.local)) continue;
    const local = g.local;
    const occurrences = file.identifiers(local);
    const defined = occurrences.some((n) => identifierRole(n) === "bind" && guard.fallback.some((f) => inside(n, f)));
    if (defined) continue;
    const use = occurrences.find((n) => identifierRole(n) === "load" && !inside(n, guard.body));
    if (!use) continue;
    reported.add(local);
    const before = file.guardable.length;
    if (g.finding.rule === "PY002") file.python2Name(use, "name", g.subject, g.finding.args[0]);
    else file.newerName(g.finding.minVersion, use, "name", g.subject, g.finding.args[0]);
    pending.push(...file.guardable.slice(before));
  }
}
