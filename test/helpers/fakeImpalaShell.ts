/**
 * A stand-in for impala-shell in tests (Impala is not installable here): it answers exactly the
 * inventory's four statement shapes from a JSON file of rows, un-escaping Impala literals the way
 * Impala does, and logs every statement and argument it receives.
 *   LZ_FAKE_IMPALA_DB=rows.json LZ_FAKE_IMPALA_LOG=calls.jsonl fakeImpalaShell <impala-shell args>
 */
import * as fs from "fs";
import { answer, Row } from "./fakeInventory";

const args = process.argv.slice(2);
const db = process.env.LZ_FAKE_IMPALA_DB!;
const log = process.env.LZ_FAKE_IMPALA_LOG!;
const statement = args[args.indexOf("-q") + 1];
const delimiter = (args.find((a) => a.startsWith("--output_delimiter=")) ?? "=\t").split("=")[1];
fs.appendFileSync(
  log,
  JSON.stringify({ args, statement, password: process.env.LZ_IMPALA_LDAP_PASSWORD ?? null }) + "\n",
);
if (process.env.LZ_FAKE_IMPALA_FAIL) {
  process.stderr.write(
    "ERROR: AuthorizationException: User 'svc' does not have privileges to execute 'INSERT' on: resultados.inventario_lz\n",
  );
  process.exit(1);
}
const rows: Row[] = fs.existsSync(db) ? JSON.parse(fs.readFileSync(db, "utf8")) : [];
try {
  const result = answer(statement, rows);
  if (result) for (const r of result.rows) process.stdout.write(r.join(delimiter) + "\n");
  else fs.writeFileSync(db, JSON.stringify(rows));
} catch (err) {
  process.stderr.write(`fake impala-shell: ${(err as Error).message}\n`);
  process.exit(2);
}
