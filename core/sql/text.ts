/**
 * SQL text as the validator sees it: the characters of the statement plus, for each one, the
 * offset in the source file it came from (SQL built from Python pieces, escapes decoded), and the
 * ranges that stand for template placeholders (`${var:db}`, `{}`, `%s`) — a database name there
 * is unknown, not foreign.
 */
export interface SqlText {
  text: string;
  /** File offset of each character of `text`. */
  map: number[];
  /** [start, end) ranges of `text` that replaced a placeholder. */
  placeholders: Array<[number, number]>;
}

export function fromFileText(text: string, start = 0): SqlText {
  return { text, map: Array.from({ length: text.length }, (_, i) => start + i), placeholders: [] };
}

export function concat(parts: SqlText[]): SqlText {
  const out: SqlText = { text: "", map: [], placeholders: [] };
  for (const p of parts) {
    const base = out.text.length;
    out.text += p.text;
    out.map.push(...p.map);
    for (const [a, b] of p.placeholders) out.placeholders.push([a + base, b + base]);
  }
  return out;
}

/** An identifier of exactly `length` characters, so offsets after it do not move. */
function placeholderName(length: number, hint: string): string {
  const clean = hint.replace(/[^A-Za-z0-9_]/g, "");
  return ("lz" + clean).padEnd(length, "_").slice(0, Math.max(length, 2));
}

/** Replaces every match of `pattern` by an identifier of the same length and records it. */
export function maskPlaceholders(sql: SqlText, pattern: RegExp): SqlText {
  let text = "";
  let last = 0;
  const placeholders = [...sql.placeholders];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(sql.text); m; m = pattern.exec(sql.text)) {
    if (m[0].length < 2) continue;
    text += sql.text.slice(last, m.index) + placeholderName(m[0].length, m[1] ?? "");
    placeholders.push([m.index, m.index + m[0].length]);
    last = m.index + m[0].length;
  }
  text += sql.text.slice(last);
  return { text, map: sql.map, placeholders };
}

/** impala-shell variables: ${var:x}, ${hivevar:x}, ${x}. */
export const SHELL_VARIABLE = /\$\{(?:var:|hivevar:)?([A-Za-z0-9_]+)\}/g;
/** Python templates: {} {0} {name} {name:fmt}, %s %d %(name)s — as DB-API parameters or format(). */
export const PYTHON_PLACEHOLDER = /\{([A-Za-z0-9_]*)(?:[:!][^{}]*)?\}|%\(([A-Za-z0-9_]+)\)[sdif]|%[sdif]/g;

/**
 * Impala accepts what the grammar of dt-sql-parser does not (seen: the `if()` function and join
 * hints): rewritten here to same-length equivalents the grammar parses, so no false SQL001.
 */
export function smoothGrammarGaps(text: string): string {
  return (
    text
      // backslash-escaped quotes inside literals ('It\'s'): Impala's lexer accepts them, the grammar's does not
      .replace(/(?<!\\)((?:\\\\)*)\\'/g, "$1''")
      .replace(/(?<!\\)((?:\\\\)*)\\"/g, '$1""')
      // join and insert hints: [SHUFFLE], [BROADCAST], [NOSHUFFLE], [CLUSTERED]
      .replace(/\[\s*(?:no)?(?:shuffle|broadcast|clustered|noclustered)\s*\]/gi, (m) => " ".repeat(m.length))
      // the if(cond, a, b) function: any other function name parses
      .replace(/\bif(\s*\()/gi, "fi$1")
      // STRUCT<name: type, …> fields: the grammar wants no colon
      .replace(/\bSTRUCT\s*<[^<>]*(?:<[^<>]*>[^<>]*)*>/gi, (m) =>
        m.replace(/([A-Za-z_][\w]*)\s*:/g, (f, name: string) => name + " ".repeat(f.length - name.length)),
      )
      // COMPUTE INCREMENTAL STATS t PARTITION (a=1, b=2): multi-key specs are rejected; the spec is not needed to check the rest
      .replace(
        /(\bCOMPUTE\s+INCREMENTAL\s+STATS\s+[\w.`]+\s+)(PARTITION\s*\([^)]*\))/gi,
        (_m, head: string, spec: string) => head + " ".repeat(spec.length),
      )
      // bitwise NOT, AND, OR and XOR (not the || concatenation): arithmetic stand-ins the grammar knows
      .replace(/~/g, "-")
      .replace(/[\^&]|(?<!\|)\|(?!\|)/g, "+")
      // integer division: a DIV b
      .replace(/([\w)\]`'"]\s+)DIV(\s+[\w(-])/gi, "$1/  $2")
  );
}

/** Valid Impala the grammar rejects outright and that no rewrite makes parse. */
export const KNOWN_VALID = [/^\s*INVALIDATE\s+METADATA\s*;?\s*$/i];

/** Comments and string literals blanked (same length): what is left is code, for keyword checks. */
export function codeOnly(text: string): string {
  return text.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`/g, (m) =>
    m.startsWith("`") ? m : m.replace(/[^\n]/g, " "),
  );
}

export interface StatementSlice {
  start: number;
  end: number;
}

/**
 * Statement boundaries: `;` outside quotes and comments. Lexical on purpose — splitting with the
 * grammar parses the whole file first (≈0.24 MB/s) and gives nothing on a file with one error;
 * each slice is then validated by the grammar on its own (and cached).
 */
export function splitStatements(text: string): StatementSlice[] {
  const code = codeOnly(text);
  const out: StatementSlice[] = [];
  let start = 0;
  for (let i = 0; i <= code.length; i++) {
    if (i === code.length || code[i] === ";") {
      if (code.slice(start, i).trim()) out.push({ start, end: i });
      start = i + 1;
    }
  }
  return out;
}

/** Only comments blanked (same length): literals stay, for the rules that look inside them. */
export function withoutComments(text: string): string {
  return text.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, (m) =>
    m.startsWith("--") || m.startsWith("/*") ? m.replace(/[^\n]/g, " ") : m,
  );
}
