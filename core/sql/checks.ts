/**
 * The rules on one statement: SQL001 from the grammar, then the good-practice rules on the
 * statement's code (comments and literals blanked) and on the grammar's entity list.
 */
import { entities, validateStatement } from "./impala";
import type { RuleCode } from "../findings/ruleCodes";
import { msg, type MessageArg } from "../i18n/catalogue";
import { codeOnly, KNOWN_VALID, smoothGrammarGaps, withoutComments } from "./text";

export interface StatementContext {
  /** The routine's results zone (input, .lzvalidator.json or config.json); undefined: SQL002 off. */
  zona?: string;
  /** Is [start, end) of the statement text a template placeholder? */
  isPlaceholder(start: number, end: number): boolean;
}

export interface StatementFinding {
  rule: RuleCode;
  /** Offset in the statement text. */
  offset: number;
  args: MessageArg[];
}

const NAME = "((?:`[^`]+`|[A-Za-z_][\\w$]*)(?:\\s*\\.\\s*(?:`[^`]+`|[A-Za-z_][\\w$]*))?)";
interface WriteKind {
  re: RegExp;
  what: string;
  /** A rerun fails without this clause (SQL005). */
  rerunClause?: { group: number; clause: string };
  persisted?: boolean;
}
const WRITES: WriteKind[] = [
  {
    re: new RegExp(`^\\s*(?:WITH\\b[\\s\\S]*?\\b)?INSERT\\s+(?:INTO|OVERWRITE)\\s+(?:TABLE\\s+)?${NAME}`, "i"),
    what: "INSERT",
    persisted: true,
  },
  { re: new RegExp(`^\\s*UPSERT\\s+INTO\\s+(?:TABLE\\s+)?${NAME}`, "i"), what: "UPSERT", persisted: true },
  {
    re: new RegExp(`^\\s*CREATE\\s+(?:EXTERNAL\\s+)?TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?${NAME}`, "i"),
    what: "CREATE TABLE",
    rerunClause: { group: 1, clause: "IF NOT EXISTS" },
    persisted: true,
  },
  {
    re: new RegExp(`^\\s*CREATE\\s+VIEW\\s+(IF\\s+NOT\\s+EXISTS\\s+)?${NAME}`, "i"),
    what: "CREATE VIEW",
    rerunClause: { group: 1, clause: "IF NOT EXISTS" },
    persisted: true,
  },
  {
    re: new RegExp(`^\\s*DROP\\s+TABLE\\s+(IF\\s+EXISTS\\s+)?${NAME}`, "i"),
    what: "DROP TABLE",
    rerunClause: { group: 1, clause: "IF EXISTS" },
  },
  {
    re: new RegExp(`^\\s*DROP\\s+VIEW\\s+(IF\\s+EXISTS\\s+)?${NAME}`, "i"),
    what: "DROP VIEW",
    rerunClause: { group: 1, clause: "IF EXISTS" },
  },
  { re: new RegExp(`^\\s*ALTER\\s+(?:TABLE|VIEW)\\s+${NAME}`, "i"), what: "ALTER" },
  { re: new RegExp(`^\\s*TRUNCATE\\s+(?:TABLE\\s+)?(?:IF\\s+EXISTS\\s+)?${NAME}`, "i"), what: "TRUNCATE" },
  { re: new RegExp(`^\\s*LOAD\\s+DATA\\s+INPATH[\\s\\S]*?INTO\\s+TABLE\\s+${NAME}`, "i"), what: "LOAD DATA" },
  { re: new RegExp(`^\\s*COMPUTE\\s+(?:INCREMENTAL\\s+)?STATS\\s+${NAME}`, "i"), what: "COMPUTE STATS" },
  { re: new RegExp(`^\\s*INVALIDATE\\s+METADATA\\s+${NAME}`, "i"), what: "INVALIDATE METADATA" },
  { re: new RegExp(`^\\s*REFRESH\\s+(?!FUNCTIONS\\b|AUTHORIZATION\\b)${NAME}`, "i"), what: "REFRESH" },
  {
    re: new RegExp(`^\\s*CREATE\\s+(?:DATABASE|SCHEMA)\\s+(IF\\s+NOT\\s+EXISTS\\s+)?${NAME}`, "i"),
    what: "CREATE DATABASE",
    rerunClause: { group: 1, clause: "IF NOT EXISTS" },
  },
  {
    re: new RegExp(`^\\s*DROP\\s+(?:DATABASE|SCHEMA)\\s+(IF\\s+EXISTS\\s+)?${NAME}`, "i"),
    what: "DROP DATABASE",
    rerunClause: { group: 1, clause: "IF EXISTS" },
  },
];

const ENV_DATABASE = /\b([A-Za-z_][\w$]*_(?:dev|prd|pdn|qa|test|des|desa|cert|uat))\s*\.\s*[A-Za-z_`]/gi;
const DATE_LITERAL =
  /'((?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[ T][\d:.]+)?|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))'/g;

const validated = new Map<string, ReturnType<typeof validateStatement>>();
const collected = new Map<string, ReturnType<typeof entities>>();

/** Grammar results are cached per statement text: routines repeat statements across files and runs. */
function cached<T>(cache: Map<string, T>, key: string, work: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size > 5000) cache.clear();
    value = work();
    cache.set(key, value);
  }
  return value;
}

function lineColumnToOffset(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", offset);
    if (nl < 0) break;
    offset = nl + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

const CAST_TYPE = /^\s*([A-Za-z_][A-Za-z0-9_]*(?:\s*\(\s*\d+(?:\s*,\s*\d+)?\s*\))?)/;

/** The operand just before `end` in the statement text: a literal, a parenthesized or called expression, a (qualified) name. */
function operandBefore(text: string, end: number): number {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  const last = text[i - 1];
  if (last === "'" || last === '"') {
    const start = text.lastIndexOf(last, i - 2);
    return start < 0 ? i : start;
  }
  if (last === ")") {
    let depth = 0;
    for (let j = i - 1; j >= 0; j--) {
      if (text[j] === ")") depth++;
      else if (text[j] === "(" && --depth === 0) {
        let k = j;
        while (k > 0 && /[\w$.`]/.test(text[k - 1])) k--; // a function's name
        return k;
      }
    }
    return i;
  }
  let k = i;
  while (k > 0 && /[\w$.`]/.test(text[k - 1])) k--;
  return k;
}

/**
 * PostgreSQL's cast `expr::TYPE`: the Impala grammar lets it through, Impala refuses it. Found in
 * the code (comments and literals blanked); the message gives Impala's form, CAST(expr AS TYPE).
 */
function postgresCasts(text: string, code: string): StatementFinding[] {
  const out: StatementFinding[] = [];
  for (let at = code.indexOf("::"); at >= 0; at = code.indexOf("::", at + 2)) {
    const type = CAST_TYPE.exec(code.slice(at + 2));
    if (!type) continue;
    const start = operandBefore(text, at);
    const operand = text.slice(start, at).trim();
    if (!operand) continue;
    const written = `${operand}::${type[1]}`.replace(/\s+/g, " ");
    const impala = `CAST(${operand} AS ${type[1].toUpperCase()})`.replace(/\s+/g, " ");
    out.push({ rule: "SQL001", offset: start, args: [msg("SqlPostgresCast", written, impala)] });
  }
  return out;
}

export function checkStatement(raw: string, ctx: StatementContext): StatementFinding[] {
  const out: StatementFinding[] = [];
  const text = smoothGrammarGaps(raw);
  const stripped = codeOnly(text);
  // The grammar accepts some of these and stumbles on others: either way the cast is what Impala refuses.
  const casts = stripped.includes("::") ? postgresCasts(text, stripped) : [];
  if (casts.length) return casts;
  const errors = KNOWN_VALID.some((re) => re.test(stripped))
    ? []
    : cached(validated, text, () => validateStatement(text));
  if (errors.length) {
    const e = errors[0];
    out.push({ rule: "SQL001", offset: lineColumnToOffset(text, e.line, e.column), args: [e.message] });
    return out; // the other rules need a statement the grammar understood
  }

  const code = codeOnly(text);
  const leading = code.search(/\S/);

  for (const w of WRITES) {
    const m = w.re.exec(code);
    if (!m) continue;
    const name = m[m.length - 1];
    const nameAt = m.index + m[0].length - name.length;
    const parts = name.split(".").map((p) => p.trim().replace(/`/g, ""));
    if (parts.length === 2) {
      const [db] = parts;
      const dbEnd = nameAt + name.indexOf(".");
      if (ctx.isPlaceholder(nameAt, dbEnd))
        out.push({ rule: "SQL007", offset: nameAt, args: [w.what, text.slice(nameAt, dbEnd).trim()] });
      else if (ctx.zona && !w.what.endsWith("DATABASE") && db.toLowerCase() !== ctx.zona.toLowerCase())
        out.push({ rule: "SQL002", offset: nameAt, args: [w.what, db, ctx.zona] });
    }
    if (
      w.what.endsWith("DATABASE") &&
      ctx.zona &&
      !ctx.isPlaceholder(nameAt, nameAt + name.length) &&
      parts[0].toLowerCase() !== ctx.zona.toLowerCase()
    ) {
      out.push({ rule: "SQL002", offset: nameAt, args: [w.what, parts[0], ctx.zona] });
    }
    if (w.rerunClause && !m[w.rerunClause.group]) {
      const asSelect = /^\s*CREATE\b/i.test(code) && /\bAS\s+SELECT\b/i.test(code);
      out.push({
        rule: "SQL005",
        offset: leading,
        args: [asSelect ? `${w.what} … AS SELECT` : w.what, w.rerunClause.clause],
      });
    }
    if (w.persisted) {
      const star = /\bSELECT\s+(?:ALL\s+|DISTINCT\s+)?(?:[A-Za-z_][\w$]*\s*\.\s*)?\*/i.exec(code);
      if (star) out.push({ rule: "SQL003", offset: star.index, args: [w.what] });
    }
    break;
  }

  // Tables without a database: the grammar's entities, minus CTE names and placeholders.
  // The grammar's entity collection parses the statement again (≈30 KB/s): only when some table
  // reference after these keywords (or in a FROM list) is not followed by a dot.
  const UNQUALIFIED =
    /\b(?:FROM|JOIN|INTO|TABLE|UPDATE|STATS|METADATA|REFRESH|VIEW|EXISTS)\s+(?!SELECT\b|EXISTS\b|NOT\b|IF\b|\()[A-Za-z_`][\w$`]*(?!\s*\.)|\bFROM\b[^;()]*?,\s*[A-Za-z_`][\w$`]*(?!\s*\.)/i;
  if (UNQUALIFIED.test(code)) {
    const ctes = new Set(
      [...code.matchAll(/(?:\bWITH\s+|,\s*)([A-Za-z_][\w$]*)\s+AS\s*\(/gi)].map((m) => m[1].toLowerCase()),
    );
    const seen = new Set<string>();
    for (const e of cached(collected, text, () => entities(text))) {
      if (!/^(table|view)(Create)?$/.test(e.type)) continue;
      const name = e.text.replace(/`/g, "").trim();
      if (name.includes(".") || ctes.has(name.toLowerCase()) || seen.has(name.toLowerCase())) continue;
      if (ctx.isPlaceholder(e.startIndex, e.startIndex + e.text.length)) continue;
      seen.add(name.toLowerCase());
      out.push({ rule: "SQL004", offset: e.startIndex, args: [name] });
    }
  }

  ENV_DATABASE.lastIndex = 0;
  for (let m = ENV_DATABASE.exec(code); m; m = ENV_DATABASE.exec(code)) {
    if (!ctx.isPlaceholder(m.index, m.index + m[1].length))
      out.push({ rule: "SQL006", offset: m.index, args: ["environment-specific database", m[1]] });
  }
  const literals = withoutComments(text);
  DATE_LITERAL.lastIndex = 0;
  for (let m = DATE_LITERAL.exec(literals); m; m = DATE_LITERAL.exec(literals)) {
    if (!ctx.isPlaceholder(m.index, m.index + m[0].length))
      out.push({ rule: "SQL006", offset: m.index, args: ["date", m[1]] });
  }
  return out;
}
