/**
 * A stand-in for impala-shell in tests (Impala is not installable here): it answers exactly the
 * inventory's four statement shapes from a JSON file of rows, un-escaping Impala literals the way
 * Impala does, and logs every statement and argument it receives.
 *   LZ_FAKE_IMPALA_DB=rows.json LZ_FAKE_IMPALA_LOG=calls.jsonl fakeImpalaShell <impala-shell args>
 */
import * as fs from "fs";

const args = process.argv.slice(2);
const db = process.env.LZ_FAKE_IMPALA_DB!;
const log = process.env.LZ_FAKE_IMPALA_LOG!;
const statement = args[args.indexOf("-q") + 1];
const delimiter = (args.find((a) => a.startsWith("--output_delimiter=")) ?? "=\t").split("=")[1];
fs.appendFileSync(log, JSON.stringify({ args, statement, password: process.env.LZ_IMPALA_LDAP_PASSWORD ?? null }) + "\n");
if (process.env.LZ_FAKE_IMPALA_FAIL) {
  process.stderr.write("ERROR: AuthorizationException: User 'svc' does not have privileges to execute 'INSERT' on: resultados.inventario_lz\n");
  process.exit(1);
}
const rows: Array<Record<string, string>> = fs.existsSync(db) ? JSON.parse(fs.readFileSync(db, "utf8")) : [];
const literals = (text: string) => [...text.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].replace(/\\(.)/g, (_x, c: string) => ({ n: "\n", r: "\r", t: "\t" } as Record<string, string>)[c] ?? c));

let m: RegExpExecArray | null;
if (/^SELECT DISTINCT package FROM/i.test(statement)) {
  for (const p of new Set(rows.map((r) => r.package))) process.stdout.write(p + "\n");
} else if ((m = /^SELECT (.+?) FROM \S+(?: WHERE (.*))?$/is.exec(statement))) {
  const cols = m[1].split(",");
  const conditions = [...(m[2] ?? "").matchAll(/(\w+) = ('(?:[^'\\]|\\.)*')/g)].map((c) => [c[1], literals(c[2])[0]]);
  for (const r of rows.filter((row) => conditions.every(([k, v]) => row[k] === v))) process.stdout.write(cols.map((c) => r[c]).join(delimiter) + "\n");
} else if ((m = /^INSERT INTO \S+ \(([^)]+)\) VALUES \((.*)\)$/is.exec(statement))) {
  const cols = m[1].split(",");
  const values = literals(m[2]);
  rows.push(Object.fromEntries(cols.map((c, i) => [c, values[i]])));
  fs.writeFileSync(db, JSON.stringify(rows));
} else if (!/^REFRESH /i.test(statement)) {
  process.stderr.write(`fake impala-shell: unexpected statement ${statement}\n`);
  process.exit(2);
}
