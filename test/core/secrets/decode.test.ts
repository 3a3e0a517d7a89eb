import { strict as assert } from "assert";
import { decodeAnalyzerString, decodeLiteral, FIELD, joinDecoded, tokenOfContent } from "../../../core/secrets/decode";

/** The value of the one literal that `src` is. */
const value = (src: string) => decodeLiteral(src, 0, src.length)!.value;

describe("core/secrets/decode: Python literals as Python reads them", () => {
  it("undoes the escapes of a plain literal", () => {
    assert.equal(value(String.raw`'%s:\n'`), "%s:\n");
    assert.equal(value(String.raw`'c:\\temp'`), "c:\\temp");
    assert.equal(value(String.raw`"a\tb\x41\101\u00f1\U0001F600\'\""`), "a\tbAAñ😀'\"");
    assert.equal(value(String.raw`'\d\w'`), "\\d\\w", "an unknown escape keeps its backslash");
    assert.equal(value("'uno\\\ndos'"), "unodos", "a backslash-newline joins the lines");
  });
  it("keeps a raw literal as written, quotes after a backslash included", () => {
    assert.equal(value(String.raw`r'c:\temp'`), "c:\\temp");
    assert.equal(value(String.raw`R"\n\'"`), "\\n\\'");
    assert.equal(value(String.raw`rb'\x41'`), "\\x41");
  });
  it("reads bytes without \\u escapes, and triple quotes", () => {
    assert.equal(value(String.raw`b'\x41\u0041'`), "A\\u0041");
    assert.equal(value("'''uno\ndos'''"), "uno\ndos");
  });
  it("turns f-string fields into FIELD and keeps doubled braces as braces", () => {
    assert.equal(value(`f"PWD={clave};{{x}}"`), `PWD=${FIELD};{x}`);
    assert.equal(value(`f"{a['}']:>{ancho}}fin"`), `${FIELD}fin`);
    assert.equal(value(`"PWD={clave}"`), "PWD={clave}", "braces of a plain literal are text");
  });
  it("marks what it cannot decode exactly", () => {
    const d = decodeLiteral(String.raw`"\N{DASH}x"`, 0, 11)!;
    assert.equal(d.value, "\uFFFDx");
    assert.equal(d.exact, false);
  });
  it("maps every character of the value to its offset in the file", () => {
    const text = `x = 'a\\nb'`;
    const d = decodeLiteral(text, 4, text.length)!;
    assert.equal(d.value, "a\nb");
    assert.deepEqual(d.offsets, [5, 6, 8]);
  });
  it("reads back the prefix and quote of what the analyzer extracted", () => {
    const text = `ruta = r'''c:\\temp'''\n`;
    const offset = text.indexOf("c:");
    assert.deepEqual(tokenOfContent(text, offset, 7), {
      prefix: "r",
      quote: "'''",
      contentStart: offset,
      contentEnd: offset + 7,
    });
    assert.equal(decodeAnalyzerString(text, { offset, content: "c:\\temp" })!.value, "c:\\temp");
    const py2 = `print'a\\tb'`;
    assert.equal(tokenOfContent(py2, 6, 4)!.prefix, "", "letters of a name are no prefix");
    assert.equal(decodeAnalyzerString(`for rb in x: y = rb'\\t'`, { offset: 20, content: "\\t" })!.value, "\\t");
    const plain = `print('%s:\\n' % x)`;
    assert.equal(decodeAnalyzerString(plain, { offset: 7, content: "%s:\\n" })!.value, "%s:\n");
  });
  it("joins parts in order with their offsets", () => {
    const text = `"ab" "cd"`;
    const d = joinDecoded([decodeLiteral(text, 0, 4)!, decodeLiteral(text, 5, 9)!]);
    assert.equal(d.value, "abcd");
    assert.deepEqual(d.offsets, [1, 2, 6, 7]);
  });
});
