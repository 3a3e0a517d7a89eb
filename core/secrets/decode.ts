/**
 * Python string literals as Python reads them: the value a path or credential check must look at,
 * not the source text. In `'%s:\n'` the source has `s:\n`, which reads like a drive; the value has
 * `s:` and a newline. In `r'c:\temp'` both are the same, and in `'c:\\temp'` the value has one
 * backslash. Python 3 rules (the language reference, "String and Bytes literals"), which are the
 * team's (Python 3.5): escapes, raw and bytes prefixes, f-strings, implicit concatenation.
 *
 * Every character of a decoded value keeps the file offset it came from, so a finding inside a
 * value points at the right line and column of the source.
 */

/**
 * Stands for a part of a value that is not known before run time: an f-string replacement field,
 * a variable joined to a literal, a `%s` or `{}` filled from a non-literal. No pattern of the
 * checks matches it, so a match never spans what the code computes.
 */
export const FIELD = "\uFFFC";

export interface DecodedString {
  /** The runtime value; FIELD where it is computed at run time. */
  value: string;
  /** For each UTF-16 unit of `value`, the offset in the file of the source character it came from. */
  offsets: number[];
  /** False when an escape could not be decoded exactly (`\N{…}`, a malformed `\x`): kept as text. */
  exact: boolean;
}

/** A literal token of the source: its prefix, quote and where its content lies. */
export interface LiteralToken {
  prefix: string;
  quote: string;
  /** File offsets of the content, between the quotes. */
  contentStart: number;
  contentEnd: number;
}

const OPENER = /^([A-Za-z]{0,3})('''|"""|'|")/;
const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};
const isOctal = (c: string | undefined) => c !== undefined && c >= "0" && c <= "7";
const HEX = /^[0-9A-Fa-f]+$/;
const VALID_PREFIX = /^(r|u|b|f|br|rb|fr|rf)$/;

/** The token of the literal that spans `start`–`end` in `text` (prefix and quotes included). */
export function literalToken(text: string, start: number, end: number): LiteralToken | undefined {
  const m = OPENER.exec(text.slice(start, Math.min(end, start + 6)));
  if (!m) return undefined;
  const contentStart = start + m[0].length;
  const closes = end - m[2].length >= contentStart && text.slice(end - m[2].length, end) === m[2];
  return { prefix: m[1].toLowerCase(), quote: m[2], contentStart, contentEnd: closes ? end - m[2].length : end };
}

/**
 * The token of a literal the Python analyzer met (core/python/analyzer.ts gives the
 * offset and text of its content, without prefix or quotes): both are read back from the file.
 */
export function tokenOfContent(text: string, contentOffset: number, contentLength: number): LiteralToken | undefined {
  let quote = "";
  for (const q of ["'''", '"""']) if (text.slice(contentOffset - 3, contentOffset) === q) quote = q;
  if (!quote) {
    const c = text[contentOffset - 1];
    if (c !== "'" && c !== '"') return undefined;
    quote = c;
  }
  const open = contentOffset - quote.length;
  // A prefix is one of Python's (r, u, b, f and their pairs) and no longer than two letters; letters
  // before it belong to a name (`print'x'` in Python 2 has none).
  let prefix = "";
  for (const n of [2, 1]) {
    const candidate = text.slice(Math.max(0, open - n), open).toLowerCase();
    const before = open - n - 1 >= 0 ? text[open - n - 1] : "";
    if (candidate.length === n && VALID_PREFIX.test(candidate) && !/[A-Za-z0-9_]/.test(before)) {
      prefix = candidate;
      break;
    }
  }
  return {
    prefix,
    quote,
    contentStart: contentOffset,
    contentEnd: contentOffset + contentLength,
  };
}

/** The value of one literal token. */
export function decodeToken(text: string, token: LiteralToken): DecodedString {
  const raw = token.prefix.includes("r");
  const bytes = token.prefix.includes("b");
  const fstring = token.prefix.includes("f");
  const out: string[] = [];
  const offsets: number[] = [];
  let exact = true;
  const emit = (s: string, at: number) => {
    for (let k = 0; k < s.length; k++) {
      out.push(s[k]);
      offsets.push(at);
    }
  };
  const end = token.contentEnd;
  let i = token.contentStart;
  while (i < end) {
    const c = text[i];
    if (fstring && c === "{") {
      if (text[i + 1] === "{") {
        emit("{", i);
        i += 2;
        continue;
      }
      emit(FIELD, i);
      i = skipReplacementField(text, i, end);
      continue;
    }
    if (fstring && c === "}" && text[i + 1] === "}") {
      emit("}", i);
      i += 2;
      continue;
    }
    if (c !== "\\" || i + 1 >= end) {
      emit(c, i);
      i++;
      continue;
    }
    const n = text[i + 1];
    if (raw) {
      // A raw literal keeps the backslash and the character after it, even a quote.
      emit(c, i);
      emit(n, i + 1);
      i += 2;
      continue;
    }
    if (n === "\n") {
      i += 2;
      continue;
    }
    if (n === "\r") {
      i += text[i + 2] === "\n" ? 3 : 2;
      continue;
    }
    const simple = SIMPLE_ESCAPES[n];
    if (simple !== undefined) {
      emit(simple, i);
      i += 2;
      continue;
    }
    if (isOctal(n)) {
      let j = i + 1;
      while (j < end && j < i + 4 && isOctal(text[j])) j++;
      emit(String.fromCharCode(parseInt(text.slice(i + 1, j), 8)), i);
      i = j;
      continue;
    }
    const width = n === "x" ? 2 : !bytes && n === "u" ? 4 : !bytes && n === "U" ? 8 : 0;
    if (width) {
      const digits = text.slice(i + 2, i + 2 + width);
      const code = digits.length === width && HEX.test(digits) ? parseInt(digits, 16) : NaN;
      if (code <= 0x10ffff) {
        emit(String.fromCodePoint(code), i);
        i += 2 + width;
      } else {
        exact = false;
        emit(c + n, i);
        i += 2;
      }
      continue;
    }
    if (!bytes && n === "N" && text[i + 2] === "{") {
      const close = text.indexOf("}", i + 3);
      if (close !== -1 && close < end && close - i < 100) {
        // A named character (\N{DASH}): its name is not worth a Unicode table here.
        exact = false;
        emit("\uFFFD", i);
        i = close + 1;
        continue;
      }
    }
    // Not an escape: Python keeps both characters (and warns).
    emit(c + n, i);
    i += 2;
  }
  return { value: out.join(""), offsets, exact };
}

/**
 * Past an f-string replacement field that starts at `{` (offset `open`): nested braces of a format
 * spec and quoted strings inside the expression are skipped whole. One forward scan.
 */
function skipReplacementField(text: string, open: number, end: number): number {
  let depth = 0;
  let quote = "";
  for (let j = open; j < end; j++) {
    const ch = text[j];
    if (quote) {
      if (ch === quote) quote = "";
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return j + 1;
  }
  return end;
}

/** The value of the literal that spans `start`–`end` in `text`, or undefined when it is no literal. */
export function decodeLiteral(text: string, start: number, end: number): DecodedString | undefined {
  const token = literalToken(text, start, end);
  return token && decodeToken(text, token);
}

/** The value of a literal the analyzer met, by the offset and text of its content. */
export function decodeAnalyzerString(text: string, s: { offset: number; content: string }): DecodedString | undefined {
  const token = tokenOfContent(text, s.offset, s.content.length);
  return token && decodeToken(text, token);
}

/** Parts joined in order: implicit concatenation (`"a" "b"`), `+`, a filled format. */
export function joinDecoded(parts: readonly DecodedString[]): DecodedString {
  if (parts.length === 1) return parts[0];
  let value = "";
  const offsets: number[] = [];
  let exact = true;
  for (const p of parts) {
    value += p.value;
    for (const o of p.offsets) offsets.push(o);
    exact &&= p.exact;
  }
  return { value, offsets, exact };
}

/** A computed part (FIELD) that stands at `offset` in the source. */
export function field(offset: number): DecodedString {
  return { value: FIELD, offsets: [offset], exact: true };
}

/** Plain text at one offset (a `%%` or `{{` of a format, a replacement's text). */
export function textAt(value: string, offset: number): DecodedString {
  return { value, offsets: Array.from({ length: value.length }, () => offset), exact: true };
}
