/**
 * f-strings → `str.format` (PEP 498 is 3.6). The literal text between fields stays as written (its
 * escapes, `{{`/`}}` and prefix, minus the `f`), each field becomes `{…}` with its conversion and
 * format spec, and its expression moves, as written, into `.format(…)`'s arguments in the order the
 * f-string evaluates them (a field, then the fields nested in its spec): each is still evaluated once
 * and in the same order, so side effects are kept. Implicitly concatenated parts form one literal
 * before `.format` applies, so the plain parts get their braces doubled. A lambda or `:=` in a field
 * gets no fix: the lambda's text would need re-parenthesizing and `:=` is itself 3.8.
 */
import type { Node } from "web-tree-sitter";
import { msg, type MessageArg } from "../i18n/catalogue";
import type { PythonFile } from "../python/file";
import type { RawFix } from "../findings/types";

/** Python 3.5 refuses a call with more arguments. */
const MAX_ARGUMENTS = 255;

class NoFix {
  constructor(readonly why: MessageArg) {}
}

const isFString = (file: PythonFile, n: Node) => n.type === "string" && /^[a-zA-Z]*[fF]/.test(file.src(n));

/** The outermost f-string (or the concatenation holding it) that the node at `offset` belongs to. */
function fStringUnit(file: PythonFile, offset: number): Node | undefined {
  let found: Node | undefined;
  for (let n: Node | null = file.tree.rootNode.descendantForIndex(offset); n; n = n.parent) {
    if (isFString(file, n)) found = n;
  }
  if (!found) return undefined;
  return found.parent?.type === "concatenated_string" ? found.parent : found;
}

export function fixFString(file: PythonFile, offset: number): RawFix | { noFix: MessageArg } {
  const unit = fStringUnit(file, offset);
  if (!unit) return { noFix: msg("NoFixKind") };
  try {
    const args: string[] = [];
    const text = convertUnit(file, unit, args);
    if (args.length > MAX_ARGUMENTS) return { noFix: msg("NoFixTooManyFields") };
    return {
      description: msg("FixFString"),
      edits: [{ start: unit.startIndex, end: unit.endIndex, text }],
    };
  } catch (e) {
    if (e instanceof NoFix) return { noFix: e.why };
    throw e;
  }
}

/** A string or concatenation as `'…'.format(…)` (or as plain literals when it has no field). */
function convertUnit(file: PythonFile, unit: Node, outerArgs: string[]): string {
  const parts =
    unit.type === "concatenated_string" ? unit.namedChildren.filter((n): n is Node => n?.type === "string") : [unit];
  const args: string[] = [];
  const pieces: string[] = [];
  let at = unit.startIndex;
  // A literal without fields alone on its line would become a docstring where it stands first in a
  // body: `.format()` keeps it an expression, as the f-string was.
  const hasField =
    parts.some((p) => isFString(file, p) && p.namedChildren.some((c) => c?.type === "interpolation")) ||
    unit.parent?.type === "expression_statement";
  for (const part of parts) {
    pieces.push(file.text.slice(at, part.startIndex));
    pieces.push(convertPart(file, part, args, hasField));
    at = part.endIndex;
  }
  pieces.push(file.text.slice(at, unit.endIndex));
  outerArgs.push(...args);
  const literal = pieces.join("");
  return hasField ? `${literal}.format(${args.join(", ")})` : literal;
}

function convertPart(file: PythonFile, part: Node, args: string[], formatted: boolean): string {
  const raw = file.src(part);
  const prefix = /^[a-zA-Z]*/.exec(raw)![0];
  if (!/[fF]/.test(prefix)) {
    if (!formatted) return raw;
    // Its braces become the template's literal braces; a `\N{NAME}` escape's are resolved before
    // .format sees them (raw strings have no such escape). `\\` is consumed first: `\\N{` is no escape.
    if (/[rR]/.test(prefix)) return raw.replace(/[{}]/g, (b) => b + b);
    return raw.replace(/\\\\|\\N\{[^}\n]*\}|[{}]/g, (m) => (m === "{" || m === "}" ? m + m : m));
  }
  const quote = /^[a-zA-Z]*('''|"""|'|")/.exec(raw)?.[1] ?? '"';
  const isRaw = /[rR]/.test(prefix);
  const out: string[] = [prefix.replace(/[fF]/g, "") + quote];
  for (const child of part.children) {
    if (!child || child.type === "string_start" || child.type === "string_end") continue;
    if (child.type === "interpolation") out.push(convertField(file, child, args, quote, isRaw));
    else if (formatted) out.push(file.src(child));
    // Without any field the literal is no template: its `{{` and `}}` become single braces.
    else out.push(file.src(child).replace(/\{\{/g, "{").replace(/\}\}/g, "}"));
  }
  const end = part.lastChild?.type === "string_end" ? file.src(part.lastChild) : "";
  return out.join("") + end;
}

/** One `{expr!r:spec}` field as a template field; its expressions are appended to `args`. */
function convertField(file: PythonFile, field: Node, args: string[], quote: string, isRaw: boolean): string {
  let expr: Node | undefined;
  let equals: Node | undefined;
  let conversion = "";
  let spec: Node | undefined;
  for (const c of field.children) {
    if (!c) continue;
    if (c.type === "=") equals = c;
    else if (c.type === "type_conversion") conversion = file.src(c);
    else if (c.type === "format_specifier") spec = c;
    else if (c.isNamed && c.type !== "comment" && !expr) expr = c;
  }
  if (!expr) throw new NoFix(msg("NoFixKind"));
  args.push(argument(file, expr));
  let selfDoc = "";
  if (equals) {
    // `{x = }` prints its own text, spaces included, up to the conversion, the spec or the brace.
    const next = equals.nextSibling;
    selfDoc = file.text.slice(field.startIndex + 1, next ? next.startIndex : field.endIndex - 1);
    selfDoc = selfDoc.replace(/[{}]/g, (b) => b + b);
    if (selfDoc.includes("\\") || selfDoc.includes(quote[0]) || (quote.length === 1 && selfDoc.includes("\n"))) {
      if (isRaw) throw new NoFix(msg("NoFixSelfDocQuote"));
      selfDoc = selfDoc
        .replace(/\\/g, "\\\\")
        .replace(new RegExp(quote[0], "g"), `\\${quote[0]}`)
        .replace(/\n/g, quote.length === 1 ? "\\n" : "\n");
    }
    if (!conversion && !spec) conversion = "!r";
  }
  let specText = "";
  if (spec) {
    const pieces: string[] = [];
    let at = spec.startIndex;
    for (const nested of spec.namedChildren) {
      if (!nested || nested.type !== "format_expression") continue;
      pieces.push(file.text.slice(at, nested.startIndex));
      const inner = nested.namedChildren.find(
        (c) => !!c && c.type !== "comment" && c.type !== "type_conversion" && c.type !== "format_specifier",
      );
      if (!inner) throw new NoFix(msg("NoFixKind"));
      args.push(argument(file, inner));
      // `{w}` → `{}`; a nested conversion or spec (rare) stays after the expression.
      pieces.push("{" + file.text.slice(inner.endIndex, nested.endIndex));
      at = nested.endIndex;
    }
    pieces.push(file.text.slice(at, spec.endIndex));
    specText = pieces.join("");
  }
  return `${selfDoc}{${conversion}${specText}}`;
}

const NEEDS_PARENTHESES: ReadonlySet<string> = new Set(["expression_list", "yield", "list_splat", "dictionary_splat"]);

/** A field's expression as a call argument: nested f-strings converted, a tuple or yield parenthesized. */
function argument(file: PythonFile, expr: Node): string {
  if (
    expr.type === "lambda" ||
    expr.type === "named_expression" ||
    expr.descendantsOfType(["lambda", "named_expression"]).length
  )
    throw new NoFix(msg("NoFixFieldMoved"));
  let text = rewriteNested(file, expr);
  // A field's line breaks were inside the string; out of it, a continuation line indented less than
  // its block is valid Python but not to every tool (tree-sitter's grammar among them): one line, when
  // no comment or multi-line string inside needs the breaks.
  const needsBreaks = () =>
    expr.descendantsOfType(["comment", "string"]).some((n) => n.type === "comment" || file.src(n).includes("\n"));
  if (text.includes("\n") && !needsBreaks()) text = text.replace(/[ \t]*\\?[ \t]*\r?\n[ \t]*/g, " ");
  return NEEDS_PARENTHESES.has(expr.type) ? `(${text})` : text;
}

/** The expression's text with every f-string inside it converted too. */
function rewriteNested(file: PythonFile, expr: Node): string {
  const units: Node[] = [];
  const visit = (n: Node) => {
    if (isFString(file, n)) {
      units.push(n.parent?.type === "concatenated_string" && n.parent.startIndex >= expr.startIndex ? n.parent : n);
      return;
    }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  if (!/[fF]['"]/.test(file.src(expr))) return file.src(expr);
  visit(expr);
  const seen = new Set<number>();
  const out: string[] = [];
  let at = expr.startIndex;
  for (const u of units) {
    if (seen.has(u.startIndex) || u.startIndex < at) continue;
    seen.add(u.startIndex);
    out.push(file.text.slice(at, u.startIndex), convertUnit(file, u, []));
    at = u.endIndex;
  }
  out.push(file.text.slice(at, expr.endIndex));
  return out.join("");
}
