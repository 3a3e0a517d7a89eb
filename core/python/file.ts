/**
 * One Python file under analysis: its text, what the checks found so far, and the names its imports
 * bind. Every check of core/python receives it; nothing in it knows about rules beyond their codes.
 */
import type { Node } from "web-tree-sitter";
import { LineIndex } from "../findings/positions";
import type { RawFinding } from "../findings/types";
import type { RuleCode } from "../findings/ruleCodes";
import { msg, type MessageArg, type MessageKey } from "../i18n/catalogue";
import { STDLIB_SINCE } from "./stdlib";
import { isNewer } from "./versions";

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

export class PythonFile {
  readonly findings: RawFinding[] = [];
  readonly strings: PythonString[] = [];
  readonly namedLiterals: PythonNamedLiteral[] = [];
  /** local name → qualified name, from the imports met so far. */
  readonly bindings = new Map<string, string>();
  /** Offsets of the module's, classes' and functions' docstrings: not strings the scanners look at. */
  readonly docstrings = new Set<number>();
  private readonly lines: LineIndex;

  constructor(
    readonly path: string,
    readonly text: string,
    readonly target: string,
  ) {
    this.lines = new LineIndex(text);
  }

  /** The source text of a node. */
  src(n: { startIndex: number; endIndex: number }): string {
    return this.text.slice(n.startIndex, n.endIndex);
  }

  emit(rule: RuleCode, offset: number, args: MessageArg[], minVersion?: string): void {
    const { line, column } = this.lines.position(offset);
    this.findings.push({ rule, file: this.path, line, column, args, minVersion });
  }

  /** PY003 when syntax that `feature` (e.g. "3.6") added is newer than the target. */
  newer(feature: string, offset: number, what: MessageKey): void {
    if (isNewer(feature, this.target)) this.emit("PY003", offset, [msg(what), feature, this.target], feature);
  }

  /** PY004 when the standard library's `qualified` name is newer than the target. */
  stdlib(qualified: string, offset: number, what = qualified): void {
    const since = STDLIB_SINCE[qualified];
    if (since && isNewer(since, this.target)) this.emit("PY004", offset, [what, since, this.target], since);
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
