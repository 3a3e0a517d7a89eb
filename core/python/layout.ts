/**
 * What CPython's tokenizer refuses and tree-sitter recovers from silently: indentation (an unexpected
 * indent, a block header without its indented block, a dedent to no outer level), a logical line
 * that ends in an operator (`total = 1 +` then a new line), and source that is not UTF-8 without an
 * encoding declaration. Python 2 read a tab as 8 columns where Python 3 refuses an indentation whose
 * meaning depends on the tab size (TabError): that alone is Python 2 (PY002).
 *
 * One pass over the text, line by line, as CPython's tokenizer does it: brackets and backslashes join
 * physical lines into logical ones; strings are skipped whole (their ranges come from the tree).
 */
import { msg } from "../i18n/catalogue";
import { isNameCode } from "./chars";
import type { PythonFile } from "./file";

/** Tokens that cannot end a statement. */
const DANGLING_WORDS: ReadonlySet<string> = new Set([
  "and",
  "or",
  "not",
  "is",
  "in",
  "if",
  "elif",
  "else",
  "lambda",
  "import",
  "from",
  "as",
  "assert",
  "del",
  "global",
  "nonlocal",
  "def",
  "class",
  "while",
  "for",
  "with",
]);
const OPERATOR_CHARS = "+-*/%@&|^~<>=.!";

const isDigit = (c: number) => c >= 48 && c <= 57;

interface Level {
  col: number;
  /** The column if a tab were one space: Python 3 requires both to order lines the same way. */
  alt: number;
}

/**
 * Checks the layout; `strings` holds the [start, end) offsets of every string literal of the tree,
 * sorted by start (nested ones are skipped with their outer literal).
 */
/** Returns false when the layout is broken (the tree's structure cannot be trusted then). */
export function checkLayout(file: PythonFile, strings: readonly number[]): boolean {
  const text = file.text;
  const n = text.length;
  const stack: Level[] = [{ col: 0, alt: 0 }];
  let s = 0; // next string range (index into strings, by pairs)
  let depth = 0;
  let i = 0;
  let lineStart = true;
  let pendingHeader = -1; // offset of the ':' of a block header waiting for its block
  let lastChar = -1; // offset of the last significant character of the logical line
  let lastWordStart = -1;
  let inNumber = false;
  let tabError = -1;
  const fail = (offset: number, cpython: string) => {
    file.compileError(offset, cpython);
    return false;
  };

  while (i < n) {
    if (lineStart) {
      lineStart = false;
      let col = 0;
      let alt = 0;
      let j = i;
      for (; j < n; j++) {
        const c = text[j];
        if (c === " ") {
          col++;
          alt++;
        } else if (c === "\t") {
          col = (Math.floor(col / 8) + 1) * 8;
          alt++;
        } else if (c === "\f") col = alt = 0;
        else break;
      }
      const c = text[j];
      if (j >= n || c === "\n" || c === "\r" || c === "#") {
        // A blank or comment-only line: no token, no indentation.
        const eol = text.indexOf("\n", j);
        i = eol < 0 ? n : eol + 1;
        lineStart = true;
        continue;
      }
      // A new logical line at j.
      const top = stack[stack.length - 1];
      if (pendingHeader >= 0) {
        if (col <= top.col) return fail(j, "expected an indented block");
        if (alt <= top.alt && tabError < 0) tabError = j;
        stack.push({ col, alt });
        pendingHeader = -1;
      } else if (col > top.col) {
        return fail(j, "unexpected indent");
      } else {
        while (col < stack[stack.length - 1].col) stack.pop();
        const level = stack[stack.length - 1];
        if (col !== level.col) return fail(j, "unindent does not match any outer indentation level");
        if (alt !== level.alt && tabError < 0) tabError = j;
      }
      i = j;
      lastChar = -1;
      lastWordStart = -1;
      inNumber = false;
    }

    while (s < strings.length && strings[s + 1] <= i) s += 2;
    if (s < strings.length && strings[s] === i) {
      i = strings[s + 1];
      lastChar = i - 1;
      lastWordStart = -1;
      inNumber = false;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      i++;
      if (depth > 0) continue;
      // The logical line ends here.
      if (lastChar >= 0) {
        const last = text[lastChar];
        if (last === ":") pendingHeader = lastChar;
        else if (inNumber) {
          // a number ends the line: fine
        } else if (lastWordStart >= 0) {
          const word = text.slice(lastWordStart, lastChar + 1);
          if (DANGLING_WORDS.has(word)) return fail(lastWordStart, "invalid syntax");
        } else if (OPERATOR_CHARS.includes(last)) {
          const ellipsis = last === "." && text.slice(lastChar - 2, lastChar + 1) === "...";
          const star = last === "*" && /\bimport\s*\*$/.test(text.slice(Math.max(0, lastChar - 40), lastChar + 1));
          if (!ellipsis && !star) return fail(lastChar, "invalid syntax");
        }
      }
      lineStart = true;
      continue;
    }
    if (c === 35 /* # */) {
      const eol = text.indexOf("\n", i);
      i = eol < 0 ? n : eol;
      continue;
    }
    if (c === 92 /* \ */ && (text[i + 1] === "\n" || (text[i + 1] === "\r" && text[i + 2] === "\n"))) {
      i += text[i + 1] === "\n" ? 2 : 3; // a continuation: the logical line goes on
      continue;
    }
    if (c === 32 || c === 9 || c === 12 || c === 13) {
      i++;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) depth++;
    else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
    const joined = lastChar === i - 1; // no space since the previous character
    if (isNameCode(c)) {
      if (!joined || (lastWordStart < 0 && !inNumber)) {
        // A token starts: a word, or a number (an atom, never a dangling keyword).
        inNumber = isDigit(c);
        lastWordStart = inNumber ? -1 : i;
      }
    } else if (
      c === 46 /* . */ &&
      ((inNumber && joined) || (!(joined && lastWordStart >= 0) && isDigit(text.charCodeAt(i + 1))))
    ) {
      inNumber = true; // 4. and .5 are numbers
    } else if (!((c === 43 || c === 45) && inNumber && joined && /[eE]/.test(text[i - 1]))) {
      inNumber = false; // (a sign after an exponent's e stays in the number)
      lastWordStart = -1;
    }
    lastChar = i;
    i++;
  }
  if (pendingHeader >= 0) return fail(pendingHeader, "expected an indented block");
  if (tabError >= 0) file.emit("PY002", tabError, [msg("TermTabsAndSpaces")]);
  return true;
}

const CODING = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

/**
 * Source that is not UTF-8 (read as Latin-1, `badByte` its first bad byte) is refused unless its first
 * or second line declares another encoding.
 */
export function checkEncoding(file: PythonFile, badByte: number | undefined): void {
  if (badByte === undefined) return;
  const [first = "", second = ""] = file.text.split("\n", 2);
  const declared = CODING.exec(first)?.[1] ?? CODING.exec(second)?.[1];
  if (declared && !/^utf[-_]?8/i.test(declared)) return;
  const byte = file.text.charCodeAt(badByte).toString(16).padStart(2, "0");
  file.compileError(badByte, `Non-UTF-8 code starting with '\\x${byte}' but no encoding declared`);
}
