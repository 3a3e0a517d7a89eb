/**
 * The one catalogue per language (core/i18n): every key renders in English and Spanish with its
 * placeholders filled, and every key is used somewhere (a key nobody names is dead text to translate).
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { CATALOGUES, type MessageKey, render } from "../../core/i18n/catalogue";
import { repoRoot } from "../helpers/taskRun";

const KEYS = Object.keys(CATALOGUES.en) as MessageKey[];
const placeholders = (text: string) => (text.match(/%[sdi]/g) ?? []).length;

/** Every source file that may name a key: core (but the catalogues), tasks, cli, hub. */
function sources(): string {
  const files: string[] = [];
  for (const dir of ["core", "tasks", "cli", "hub"])
    for (const f of fs.readdirSync(path.join(repoRoot, dir), { recursive: true }).map(String))
      if (/\.tsx?$/.test(f) && !/i18n[\\/](en|es)\.ts$/.test(f)) files.push(path.join(repoRoot, dir, f));
  return files.map((f) => fs.readFileSync(f, "utf8")).join("\n");
}

describe("the message catalogues (core/i18n)", () => {
  it("have the same keys, each with the same placeholders, none empty", () => {
    assert.deepEqual(Object.keys(CATALOGUES.es).sort(), [...KEYS].sort());
    for (const key of KEYS) {
      const [en, es] = [CATALOGUES.en[key], CATALOGUES.es[key]];
      assert.ok(en.trim() && es.trim(), `${key} is empty`);
      assert.equal(
        placeholders(es),
        placeholders(en),
        `${key}: Spanish has ${placeholders(es)} placeholders, English ${placeholders(en)}`,
      );
    }
  });

  it("render every key in both languages with all its placeholders filled", () => {
    for (const key of KEYS)
      for (const lang of ["en", "es"] as const) {
        const args = Array.from({ length: placeholders(CATALOGUES.en[key]) }, (_, i) => `«${i}»`);
        const text = render(lang, key, ...args);
        assert.doesNotMatch(text, /%[sdi]|undefined/, `${lang} ${key}: ${text}`);
        for (const a of args) assert.ok(text.includes(a), `${lang} ${key} drops ${a}: ${text}`);
      }
  });

  it("name no key that the code never uses", () => {
    const code = sources();
    const unused = KEYS.filter((k) => !new RegExp(`["'\`]${k}["'\`]`).test(code));
    assert.deepEqual(unused, []);
  });
});
