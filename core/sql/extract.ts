/**
 * Where SQL comes from: .sql files, and string literals passed to the SQL calls of Python code
 * (cursor.execute, spark.sql, pd.read_sql…, plus `sqlCallNames`), including triple-quoted strings,
 * concatenations, f-strings, `%` and `.format()` templates and module-level constants.
 */
import type { Node, Tree } from "web-tree-sitter";
import type { SourceFile } from "../findings/analysis";
import { concat, fromFileText, maskPlaceholders, PYTHON_PLACEHOLDER, SHELL_VARIABLE, SqlText } from "./text";

/** Function or method names whose first argument (or sql=/query= keyword) is SQL. */
export const DEFAULT_SQL_CALLS = [
  "execute",
  "executemany",
  "sql",
  "read_sql",
  "read_sql_query",
  "raw_sql",
  "execute_sql",
  "query_impala",
  "impala_query",
  "run_query",
  "ejecutar_query",
  "ejecutar_sql",
];

/** Words each of DEFAULT_SQL_CALLS holds one of (`execute_sql`, `run_query`): what mayHoldSql looks for. */
export const DEFAULT_SQL_CALL_WORDS = ["execute", "sql", "query"];

/**
 * Whether a file may hold SQL for the checks: a .sql/.hql file, or Python whose text holds a word of
 * the default SQL calls or one of `sqlCallNames` (a superset of sqlFromPython's own first test). Read
 * from the bytes when the file has them, so that asking decodes nothing.
 */
export function mayHoldSql(file: SourceFile, sqlCallNames: readonly string[]): boolean {
  if (/\.(sql|hql)$/i.test(file.path)) return true;
  if (!file.path.endsWith(".py")) return false;
  const bytes = file.bytes && Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.length);
  const holds = (word: string) => (bytes ? bytes.includes(word) : file.text.includes(word));
  return DEFAULT_SQL_CALL_WORDS.some(holds) || sqlCallNames.some(holds);
}

export function sqlFromSqlFile(text: string): SqlText {
  return maskPlaceholders(fromFileText(text), SHELL_VARIABLE);
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0" };

/** A Python string literal as text, each character mapped to the file offset it came from. */
function stringText(node: Node, text: string): SqlText | undefined {
  const start = node.firstChild;
  if (!start || start.type !== "string_start") return undefined;
  const prefix = text
    .slice(start.startIndex, start.endIndex)
    .replace(/['"]+$/, "")
    .toLowerCase();
  const raw = prefix.includes("r");
  if (prefix.includes("b")) return undefined;
  const parts: SqlText[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === "string_content") {
      const content = text.slice(child.startIndex, child.endIndex);
      if (raw) parts.push(fromFileText(content, child.startIndex));
      else {
        const out: SqlText = { text: "", map: [], placeholders: [] };
        for (let i = 0; i < content.length; i++) {
          const ch = content[i];
          if (ch === "\\" && i + 1 < content.length) {
            const next = content[i + 1];
            if (next === "\n") {
              i++; // line continuation
              continue;
            }
            out.text += ESCAPES[next] ?? ch + next;
            out.map.push(...Array((ESCAPES[next] ?? ch + next).length).fill(child.startIndex + i));
            i++;
            continue;
          }
          out.text += ch;
          out.map.push(child.startIndex + i);
        }
        parts.push(out);
      }
    } else if (child.type === "interpolation") {
      // f-string field: an identifier of the same length, marked as a placeholder.
      const len = child.endIndex - child.startIndex;
      const piece = fromFileText("lz".padEnd(len, "_").slice(0, Math.max(len, 2)), child.startIndex);
      piece.placeholders.push([0, piece.text.length]);
      parts.push(piece);
    }
  }
  return concat(parts);
}

export interface PythonSql {
  sql: SqlText;
  /** Offset of the argument in the file, where findings without a better place are reported. */
  offset: number;
  call: string;
}

/** Resolves an expression to SQL text when its value is visible in the code. */
function resolve(node: Node | null, text: string, constants: Map<string, SqlText>, depth = 0): SqlText | undefined {
  if (!node || depth > 8) return undefined;
  switch (node.type) {
    case "string":
      return stringText(node, text);
    case "concatenated_string": {
      const parts = node.namedChildren.map((c) => resolve(c, text, constants, depth + 1));
      return parts.every(Boolean) ? concat(parts as SqlText[]) : undefined;
    }
    case "parenthesized_expression":
      return resolve(node.namedChild(0), text, constants, depth + 1);
    case "binary_operator": {
      const op = node.childForFieldName("operator");
      const left = resolve(node.childForFieldName("left"), text, constants, depth + 1);
      if (op && text.slice(op.startIndex, op.endIndex) === "%") return left;
      if (op && text.slice(op.startIndex, op.endIndex) === "+") {
        const right = resolve(node.childForFieldName("right"), text, constants, depth + 1);
        if (left && right) return concat([left, right]);
        if (left) return concat([left, placeholderFor(node.childForFieldName("right")!, text)]);
        if (right) return concat([placeholderFor(node.childForFieldName("left")!, text), right]);
      }
      return undefined;
    }
    case "call": {
      const fn = node.childForFieldName("function");
      if (
        fn?.type === "attribute" &&
        text.slice(fn.childForFieldName("attribute")!.startIndex, fn.endIndex) === "format"
      ) {
        return resolve(fn.childForFieldName("object"), text, constants, depth + 1);
      }
      return undefined;
    }
    case "identifier":
      return constants.get(text.slice(node.startIndex, node.endIndex));
    default:
      return undefined;
  }
}

/** A value only known at run time, in the middle of a concatenation: a placeholder identifier. */
function placeholderFor(node: Node, text: string): SqlText {
  const name = text
    .slice(node.startIndex, node.endIndex)
    .replace(/[^A-Za-z0-9_]/g, "")
    .slice(0, 20);
  const piece = fromFileText("lz" + name, node.startIndex);
  piece.map = piece.map.map(() => node.startIndex);
  piece.placeholders.push([0, piece.text.length]);
  return piece;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function sqlFromPython(tree: Tree, text: string, callNames: readonly string[]): PythonSql[] {
  // Most modules call none of these: a text test spares them the tree walk.
  if (!new RegExp(`\\b(?:${callNames.map(escapeRe).join("|")})\\s*\\(`).test(text)) return [];
  const root = tree.rootNode;
  const constants = new Map<string, SqlText>();
  // Module-level constants first (QUERY = """…"""), in order, so later ones can use earlier ones.
  for (const stmt of root.namedChildren) {
    const assign = stmt?.type === "expression_statement" ? stmt.namedChild(0) : null;
    if (assign?.type !== "assignment") continue;
    const left = assign.childForFieldName("left");
    const value = resolve(assign.childForFieldName("right"), text, constants);
    if (left?.type === "identifier" && value) constants.set(text.slice(left.startIndex, left.endIndex), value);
  }
  const names = new Set(callNames);
  const out: PythonSql[] = [];
  for (const call of root.descendantsOfType("call")) {
    if (!call) continue;
    const fn = call.childForFieldName("function");
    const args = call.childForFieldName("arguments");
    if (!fn || !args) continue;
    const name = fn.type === "attribute" ? fn.childForFieldName("attribute") : fn.type === "identifier" ? fn : null;
    if (!name || !names.has(text.slice(name.startIndex, name.endIndex))) continue;
    let arg: Node | null = null;
    for (const a of args.namedChildren) {
      if (!a) continue;
      if (a.type === "keyword_argument") {
        const kw = a.childForFieldName("name");
        if (kw && ["sql", "query", "operation", "statement"].includes(text.slice(kw.startIndex, kw.endIndex)))
          arg = a.childForFieldName("value");
        continue;
      }
      arg ??= a;
      break;
    }
    const resolved = resolve(arg, text, constants);
    if (!arg || !resolved || !resolved.text.trim()) continue;
    out.push({
      sql: maskPlaceholders(resolved, PYTHON_PLACEHOLDER),
      offset: arg.startIndex,
      call: text.slice(name.startIndex, name.endIndex),
    });
  }
  return out;
}
