/**
 * Answers the inventory's statement shapes over an in-memory table, un-escaping Impala literals
 * (the named escapes; any other escaped character, `\$` included, for itself). Used by the
 * HiveServer2 test server; the impala-shell fake (fake_impala_shell.py) has its own, after Impala's.
 */
export type Row = Record<string, string>;

export const literals = (text: string): string[] =>
  [...text.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) =>
    m[1].replace(/\\(.)/g, (_x, c: string) => (({ n: "\n", r: "\r", t: "\t" }) as Record<string, string>)[c] ?? c),
  );

/** Result columns and rows of a SELECT; undefined for statements without a result. */
export function answer(statement: string, rows: Row[]): { columns: string[]; rows: string[][] } | undefined {
  let m: RegExpExecArray | null;
  if (/^SELECT DISTINCT package FROM/i.test(statement))
    return { columns: ["package"], rows: [...new Set(rows.map((r) => r.package))].map((p) => [p]) };
  if ((m = /^SELECT (.+?) FROM \S+(?: WHERE (.*))?$/is.exec(statement))) {
    const cols = m[1].split(",");
    const conditions = [...(m[2] ?? "").matchAll(/(\w+) = ('(?:[^'\\]|\\.)*')/g)].map((c) => [c[1], literals(c[2])[0]]);
    return {
      columns: cols,
      rows: rows.filter((row) => conditions.every(([k, v]) => row[k] === v)).map((r) => cols.map((c) => r[c])),
    };
  }
  if ((m = /^INSERT INTO \S+ \(([^)]+)\) VALUES \((.*)\)$/is.exec(statement))) {
    const cols = m[1].split(",");
    const values = literals(m[2]);
    rows.push(Object.fromEntries(cols.map((c, i) => [c, values[i]])));
    return undefined;
  }
  if (/^REFRESH /i.test(statement)) return undefined;
  throw new Error(`unexpected statement ${statement}`);
}
