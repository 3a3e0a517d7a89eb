/**
 * Parameters and arguments: what CPython refuses beyond the grammar (duplicate parameters, a
 * parameter without default after one with, a repeated keyword argument, a positional argument after
 * a keyword one, `*x` after `**y`, a generator beside other arguments without its own parentheses),
 * what Python 2 allowed (tuple parameters) and what newer Pythons allow (a trailing comma after
 * `*args`/`**kwargs`, 3.6; more than 255 arguments, 3.7).
 * Texts are read first: only signatures and calls whose text can hold a problem are walked.
 */
import type { Node } from "web-tree-sitter";
import { msg } from "../i18n/catalogue";
import type { PythonFile } from "./file";

const MAX_ARGUMENTS_35 = 255;

/** A parameter's name node (`a`, `a=1`, `a: int`, `*a`, `**a`), or undefined for `*`, `/` and tuples. */
function parameterName(p: Node): Node | undefined {
  if (p.type === "identifier") return p;
  const inner = p.childForFieldName("name") ?? p.namedChild(0);
  if (!inner) return undefined;
  if (inner.type === "identifier") return inner;
  const deeper = inner.namedChild(0);
  return deeper?.type === "identifier" ? deeper : undefined;
}

const STARRED: ReadonlySet<string> = new Set(["list_splat_pattern", "dictionary_splat_pattern", "keyword_separator"]);

/**
 * The top-level items of a parameter or argument list's text, split at its commas (not those inside
 * brackets, strings, comments or a lambda's parameters). `enclosed`: the text has its parentheses.
 */
function splitTopLevel(text: string, enclosed: boolean): string[] {
  const items: string[] = [];
  const from = enclosed ? 1 : 0;
  const to = enclosed ? text.length - 1 : text.length;
  let depth = 0;
  let start = from;
  let quote = "";
  let lambda = false; // inside a lambda's parameters: their commas are not the list's
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (text.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = "";
      }
      continue;
    }
    if (c === "'" || c === '"') {
      quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      i += quote.length - 1;
    } else if (depth === 0 && c === "l" && /^lambda\b/.test(text.slice(i, i + 7)) && !/[\w.]/.test(text[i - 1] ?? ""))
      lambda = true;
    else if (lambda && depth === 0 && c === ":") lambda = false;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === "#") {
      const eol = text.indexOf("\n", i);
      i = eol < 0 ? to : eol;
    } else if (c === "," && depth === 0 && !lambda) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  const last = text.slice(start, to);
  if (last.trim()) items.push(last);
  return items.map((t) => t.trim()).filter(Boolean);
}

/** Whether a parameter list's text can hold a problem the tree must confirm. */
function suspectParameters(text: string, lambda: boolean): boolean {
  if (/,\s*\)?\s*$/.test(text) && text.includes("*")) return true; // a trailing comma after a star, maybe
  const items = splitTopLevel(text, !lambda);
  if (items.length > MAX_ARGUMENTS_35) return true;
  const names = new Set<string>();
  let sawDefault = false;
  let afterStar = false;
  for (const item of items) {
    if (item.startsWith("(")) return true; // a tuple parameter
    const name = /^\**\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(item)?.[1];
    if (name && names.has(name)) return true;
    if (name) names.add(name);
    if (item.startsWith("*")) {
      afterStar = afterStar || !item.startsWith("**");
      continue;
    }
    if (item === "/") continue;
    if (/^[^=]*=(?!=)/.test(item)) sawDefault = true;
    else if (sawDefault && !afterStar) return true;
  }
  return false;
}

/** `def f(…)` or `lambda …:`: the parameter list's checks, on the tree when the text is suspect. */
export function checkParameters(file: PythonFile, params: Node | null): void {
  if (!params) return;
  const text = file.src(params);
  if (!text.includes(",") && !text.includes("(", 1)) return; // one parameter, no tuple: nothing to check
  if (!suspectParameters(text, params.type === "lambda_parameters")) return;
  const trailingComma = /,\s*\)?\s*$/.test(text);
  const seen = new Set<string>();
  let sawDefault = false;
  let afterStar = false;
  let count = 0;
  let lastStarred = false;
  for (const p of params.namedChildren) {
    if (!p) continue;
    count++;
    const typed = p.type === "typed_parameter" ? p.namedChild(0) : p;
    const starred = STARRED.has(p.type) || (!!typed && STARRED.has(typed.type));
    lastStarred = starred || afterStar;
    if (starred && p.type !== "dictionary_splat_pattern") afterStar = true;
    if (p.type === "tuple_pattern" || p.childForFieldName("name")?.type === "tuple_pattern") {
      file.emit("PY002", p.startIndex, [msg("TermTupleParameter")]);
      continue;
    }
    if (p.type === "positional_separator") continue;
    const name = parameterName(p);
    if (name) {
      const id = file.src(name);
      if (seen.has(id)) file.compileError(name.startIndex, `duplicate argument '${id}' in function definition`);
      seen.add(id);
    }
    const isDefault = p.type === "default_parameter" || p.type === "typed_default_parameter";
    if (isDefault) sawDefault = true;
    else if (!starred && !afterStar && sawDefault && name)
      file.compileError(p.startIndex, "non-default argument follows default argument");
  }
  if (count > MAX_ARGUMENTS_35) file.newer("3.7", params.startIndex, "TermMoreThan255Arguments");
  if (lastStarred && trailingComma && params.lastChild?.previousSibling?.type === ",")
    file.newer("3.6", params.lastChild.previousSibling.startIndex, "TermTrailingCommaAfterStar");
  else if (lastStarred && trailingComma && params.type === "lambda_parameters" && params.lastChild?.type === ",")
    file.newer("3.6", params.lastChild.startIndex, "TermTrailingCommaAfterStar");
}

/** What each top-level argument of a call's text is: keyword, `*x`, `**x` or positional. */
function argumentKinds(text: string): Array<"keyword" | "star" | "double" | "positional"> {
  return splitTopLevel(text, true).map((t) =>
    t.startsWith("**")
      ? "double"
      : t.startsWith("*")
        ? "star"
        : /^[A-Za-z_][A-Za-z0-9_]*\s*=(?!=)/.test(t)
          ? "keyword"
          : "positional",
  );
}

/** The order problem of a sequence of argument kinds, in CPython's words. */
function orderProblem(kinds: ReadonlyArray<"keyword" | "star" | "double" | "positional">): string | undefined {
  let keyword = false;
  let double = false;
  for (const kind of kinds) {
    if (kind === "keyword") keyword = true;
    else if (kind === "double") double = true;
    else if (kind === "star" && double) return "iterable argument unpacking follows keyword argument unpacking";
    else if (kind === "positional" && double) return "positional argument follows keyword argument unpacking";
    else if (kind === "positional" && keyword) return "positional argument follows keyword argument";
  }
  return undefined;
}

const KIND_OF_NODE: Readonly<Record<string, "keyword" | "star" | "double">> = {
  keyword_argument: "keyword",
  list_splat: "star",
  dictionary_splat: "double",
};

/** A call's argument list: order of argument kinds, repeated keywords, more than 255 arguments. */
export function checkArguments(file: PythonFile, args: Node): void {
  // The text first: the node's type is a call into the parser, and most argument lists need no more.
  const text = file.src(args);
  const long = text.length > 2 * MAX_ARGUMENTS_35;
  if (!long && !text.includes("=") && !text.includes("**")) return;
  if (args.type !== "argument_list") return; // `f(x for x in y)`: a generator, one argument
  if (long && args.namedChildCount > MAX_ARGUMENTS_35) file.newer("3.7", args.startIndex, "TermMoreThan255Arguments");
  if (!text.includes("=") && !text.includes("**")) return;
  // The text is a cheap sieve; the tree decides.
  if (orderProblem(argumentKinds(text))) {
    const kinds = args.namedChildren
      .filter((a): a is Node => !!a && a.type !== "comment" && a.type !== "line_continuation")
      .map((a) => KIND_OF_NODE[a.type] ?? "positional");
    const problem = orderProblem(kinds);
    if (problem) file.compileError(args.startIndex, problem);
  }
  const names = [...text.matchAll(/[(,]\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)/g)].map((m) => m[1]);
  if (new Set(names).size === names.length) return;
  const seen = new Set<string>();
  for (const arg of args.namedChildren) {
    if (arg?.type !== "keyword_argument") continue;
    const name = arg.childForFieldName("name");
    if (!name) continue;
    if (seen.has(file.src(name))) {
      file.compileError(name.startIndex, "keyword argument repeated");
      return;
    }
    seen.add(file.src(name));
  }
}
