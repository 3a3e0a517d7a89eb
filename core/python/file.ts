/**
 * One Python file under analysis: its text, what the checks found so far, and the names its imports
 * bind. Every check of core/python receives it; nothing in it knows about rules beyond their codes.
 */
import type { Node, Tree } from "web-tree-sitter";
import { LineIndex } from "../findings/positions";
import type { RawFinding } from "../findings/types";
import type { RuleCode } from "../findings/ruleCodes";
import { msg, type MessageArg, type MessageKey } from "../i18n/catalogue";
import { identifierRole, identifiersNamed } from "./bindings";
import { isNameCode } from "./chars";
import { isNewer } from "./versions";

/**
 * What would keep a finding from failing on the target, if the code guards it: an import
 * (`except ImportError`), an attribute (`except AttributeError`, `hasattr`), a keyword argument
 * (`except TypeError`), a builtin name (`except NameError`). Syntax is never guardable: the file
 * must compile before any guard runs.
 */
export type GuardKind = "import" | "attribute" | "keyword" | "name";

/** A finding a guard may lower to info (guards.ts decides once the whole file is read). */
export interface Guardable {
  finding: RawFinding;
  /** The node the finding is about: the guard must enclose it. */
  node: Node;
  kind: GuardKind;
  /** What is used, qualified (`math.prod`, `str.removeprefix`): `hasattr(math, 'prod')` guards `math.prod`. */
  subject: string;
  /** The local name an import binds, when the finding is an import (`from math import prod` → `prod`). */
  local?: string;
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

/** A string literal's parts, read from the source text. */
export interface Literal {
  /** Lower-cased prefix (`rb`, `f`, …). */
  prefix: string;
  quote: string;
  /** Offset of the content in the file. */
  start: number;
  content: string;
}

const OPENER = /^([A-Za-z]{0,3})('''|"""|'|"|`)/;

/** How many times the text holds `word` as a whole word, counting up to `limit + 1` at most. */
function countWord(text: string, word: string, limit: number): number {
  let count = 0;
  for (let at = text.indexOf(word); at >= 0 && count <= limit; at = text.indexOf(word, at + word.length)) {
    const before = at > 0 ? text.charCodeAt(at - 1) : 32;
    const after = text.charCodeAt(at + word.length);
    if (!isNameCode(before) && !isNameCode(after)) count++;
  }
  return count;
}

/** Local name → qualified name; `version` counts the changes, for what is cached from them (types.ts). */
export class Bindings extends Map<string, string> {
  version = 0;
  override set(local: string, qualified: string): this {
    this.version++;
    return super.set(local, qualified);
  }
}

export class PythonFile {
  readonly findings: RawFinding[] = [];
  readonly strings: PythonString[] = [];
  readonly namedLiterals: PythonNamedLiteral[] = [];
  /** local name → qualified name, from the imports met so far. */
  readonly bindings = new Bindings();
  /** Offsets of the module's, classes' and functions' docstrings: not strings the scanners look at. */
  readonly docstrings = new Set<number>();
  /** Findings about names (not syntax) that a guard may lower. */
  readonly guardable: Guardable[] = [];
  /** [start, end) of every string literal, in the order met (by start): the layout check skips them. */
  readonly stringRanges: number[] = [];
  /** Every string node met, for the scanners that read literals' values (valid while the tree is). */
  readonly stringNodes: Node[] = [];
  /** Where each finding was emitted (offset in the text): the fixers (core/fix) start from the node there. */
  readonly offsets = new Map<RawFinding, number>();
  /** `from __future__ import annotations`: annotations are strings, never evaluated. */
  futureAnnotations: boolean;
  readonly lines: LineIndex;
  private readonly named = new Map<string, Node[]>();
  private readonly bound = new Map<string, boolean>();
  /** How often the text spells a name as a word, counted up to `limit` (more means more than the limit). */
  private readonly counted = new Map<string, { limit: number; count: number }>();

  constructor(
    readonly path: string,
    readonly text: string,
    readonly target: string,
    readonly tree: Tree,
    /** Top-level modules of the routine itself: `import utils` is not the standard library's. */
    readonly localModules: ReadonlySet<string> = new Set(),
  ) {
    this.lines = new LineIndex(text);
    this.futureAnnotations = /^from[ \t]+__future__[ \t]+import[^\n]*\bannotations\b/m.test(text);
  }

  /** Every identifier node spelled `name` (bindings.ts). */
  identifiers(name: string): Node[];
  /** …or undefined when the text spells it more than `limit` times (not worth finding them all). */
  identifiers(name: string, limit: number): Node[] | undefined;
  identifiers(name: string, limit?: number): Node[] | undefined {
    let nodes = this.named.get(name);
    if (!nodes) {
      if (limit !== undefined) {
        // Counted once per name: a common name (`s`, `data`) is asked about at each of its method calls,
        // and each count scanned the text up to its limit.
        let counted = this.counted.get(name);
        if (!counted || (counted.count > counted.limit && limit > counted.limit))
          this.counted.set(name, (counted = { limit, count: countWord(this.text, name, limit) }));
        if (counted.count > limit) return undefined;
      }
      this.named.set(name, (nodes = identifiersNamed(this.tree.rootNode, this.text, name, this.stringRanges)));
    }
    return limit !== undefined && nodes.length > limit ? undefined : nodes;
  }

  /** Whether the file binds `name` anywhere (def, class, assignment, parameter, import, target). */
  binds(name: string): boolean {
    let yes = this.bound.get(name);
    if (yes === undefined) {
      yes = this.identifiers(name).some((n) => identifierRole(n) === "bind");
      this.bound.set(name, yes);
    }
    return yes;
  }

  /** The source text of a node. */
  src(n: { startIndex: number; endIndex: number }): string {
    return this.text.slice(n.startIndex, n.endIndex);
  }

  emit(rule: RuleCode, offset: number, args: MessageArg[], minVersion?: string): RawFinding {
    const { line, column } = this.lines.position(offset);
    const finding: RawFinding = { rule, file: this.path, line, column, args };
    if (minVersion) finding.minVersion = minVersion;
    this.findings.push(finding);
    this.offsets.set(finding, offset);
    return finding;
  }

  /** PY001 quoting what CPython says when it refuses to compile the file (its message is data). */
  compileError(offset: number, cpython: string): void {
    this.emit("PY001", offset, [msg("TermCPythonSays", cpython)]);
  }

  /** PY003 when syntax that `feature` (e.g. "3.6") added is newer than the target. */
  newer(feature: string, offset: number, what: MessageKey | MessageArg): void {
    if (!isNewer(feature, this.target)) return;
    this.emit(
      "PY003",
      offset,
      [typeof what === "string" ? msg(what as MessageKey) : what, feature, this.target],
      feature,
    );
  }

  /**
   * PY004 when `since` (the version that added `subject`) is newer than the target; a guard of
   * `kind` around `node` may lower it later.
   */
  newerName(
    since: string | undefined,
    node: Node,
    kind: GuardKind,
    subject: string,
    what: MessageArg = subject,
    local?: string,
  ): RawFinding | undefined {
    if (!since || !isNewer(since, this.target)) return undefined;
    const finding = this.emit("PY004", node.startIndex, [what, since, this.target], since);
    this.guardable.push({ finding, node, kind, subject, local });
    return finding;
  }

  /** PY002 for a Python 2 name (not syntax: a guard may lower it). */
  python2Name(node: Node, kind: GuardKind, subject: string, what: MessageArg, local?: string): RawFinding {
    const finding = this.emit("PY002", node.startIndex, [what]);
    this.guardable.push({ finding, node, kind, subject, local });
    return finding;
  }

  /** `alias.rest` → `module.rest`, through the imports met so far. */
  qualify(dotted: string): string {
    const [head, ...rest] = dotted.split(".");
    const bound = this.bindings.get(head);
    return bound ? [bound, ...rest].join(".") : dotted;
  }

  /**
   * A literal read from the source text (no child nodes: marshalling every string's children out of
   * the parser is the most expensive step of a file). f-string fields stay in the content: the
   * path and secret scanners read them as text.
   */
  literal(node: Node): Literal | undefined {
    const raw = this.src(node);
    const m = OPENER.exec(raw);
    if (!m) return undefined;
    const end = raw.endsWith(m[2]) && raw.length >= m[0].length + m[2].length ? raw.length - m[2].length : raw.length;
    return {
      prefix: m[1].toLowerCase(),
      quote: m[2],
      start: node.startIndex + m[0].length,
      content: raw.slice(m[0].length, end),
    };
  }
}

/**
 * The names a routine's own modules take, from its files' paths (`etl/utils.py` → `etl`, `utils`):
 * `import utils` then means the routine's module, whatever the standard library (or Python 2) had.
 */
export function localModuleNames(paths: readonly string[]): string[] {
  const names = new Set<string>();
  for (const p of paths) {
    const parts = p.split("/");
    const last = parts.pop()!;
    for (const dir of parts) names.add(dir);
    if (last.endsWith(".py")) names.add(last.slice(0, -3));
  }
  return [...names];
}
