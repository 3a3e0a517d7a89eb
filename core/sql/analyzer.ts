/** The SQL family as an analyzer of the engine (listed in core/validator/analyzers.ts). */
import type { Analyzer } from "../findings/analysis";
import { LineIndex } from "../findings/positions";
import type { RawFinding } from "../findings/types";
import { checkStatement } from "./checks";
import { DEFAULT_SQL_CALLS, sqlFromPython, sqlFromSqlFile } from "./extract";
import { splitStatements, SqlText } from "./text";

/** Every statement of a SQL text, checked, with findings mapped back to file lines. */
export function checkSql(
  file: string,
  fileText: string,
  sql: SqlText,
  zona: string | undefined,
  lines = new LineIndex(fileText),
): RawFinding[] {
  const out: RawFinding[] = [];
  for (const slice of splitStatements(sql.text)) {
    const statement = sql.text.slice(slice.start, slice.end);
    const isPlaceholder = (a: number, b: number) =>
      sql.placeholders.some(([s, e]) => s < slice.start + b && slice.start + a < e);
    for (const f of checkStatement(statement, { zona, isPlaceholder })) {
      const at = sql.map[Math.min(slice.start + f.offset, sql.map.length - 1)] ?? 0;
      const { line, column } = lines.position(at);
      out.push({ rule: f.rule, file, line, column, args: f.args });
    }
  }
  return out;
}

export const SQL_ANALYZER: Analyzer = {
  name: "sql",
  textFile(file, ctx) {
    if (!/\.(sql|hql)$/i.test(file.path)) return [];
    return checkSql(file.path, file.text, sqlFromSqlFile(file.text), ctx.options.zona ?? ctx.configZone);
  },
  pythonFile(file, tree, ctx) {
    const calls = [...DEFAULT_SQL_CALLS, ...ctx.options.sqlCallNames];
    const lines = new LineIndex(file.text);
    const out: RawFinding[] = [];
    for (const found of sqlFromPython(tree, file.text, calls)) {
      out.push(...checkSql(file.path, file.text, found.sql, ctx.options.zona ?? ctx.configZone, lines));
    }
    return out;
  },
};
