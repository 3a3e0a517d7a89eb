import { strict as assert } from "assert";
import { BoundedLineSplitter, SplitLine } from "../../../core/run/lineSplitter";

/** Feeds `input` in chunks of every size from 1 to 7 bytes and returns the lines of each feeding. */
function splitEveryWay(input: Buffer, maxLineBytes: number): SplitLine[][] {
  const results: SplitLine[][] = [];
  for (let size = 1; size <= 7; size++) {
    const lines: SplitLine[] = [];
    const splitter = new BoundedLineSplitter(maxLineBytes, (l) => lines.push(l));
    for (let i = 0; i < input.length; i += size) splitter.push(input.subarray(i, i + size));
    splitter.end();
    results.push(lines);
  }
  return results;
}

describe("splitting the routine's output into bounded lines", () => {
  it("ends a line at \\n, \\r\\n and a lone \\r, whatever the chunk boundaries, as the agent does", () => {
    const input = Buffer.from("uno\ndos\r\ntres\rcuatro\n\nseis\r\r\nocho");
    for (const lines of splitEveryWay(input, 100))
      assert.deepEqual(
        lines.map((l) => l.text),
        ["uno", "dos", "tres", "cuatro", "", "seis", "", "ocho"],
      );
  });

  it("keeps the first maxLineBytes of a long line, counts the rest, and never cuts a character in two", () => {
    // "ñ" is 2 bytes: a cut at 5 bytes falls inside the third one.
    const input = Buffer.from("ññññññ\ncorta\n");
    for (const lines of splitEveryWay(input, 5)) {
      assert.deepEqual(lines, [
        { text: "ññ", droppedBytes: 8 },
        { text: "corta", droppedBytes: 0 },
      ]);
    }
  });

  it("emits nothing more at the end when the output ended with a line break", () => {
    const lines: string[] = [];
    const s = new BoundedLineSplitter(10, (l) => lines.push(l.text));
    s.push(Buffer.from("a\n"));
    s.end();
    assert.deepEqual(lines, ["a"]);
  });

  it("holds at most maxLineBytes of a 64 MB line", () => {
    const lines: SplitLine[] = [];
    const s = new BoundedLineSplitter(1024, (l) => lines.push(l));
    const chunk = Buffer.alloc(64 * 1024, "x");
    for (let i = 0; i < 1024; i++) s.push(chunk);
    s.push(Buffer.from("\nfin\n"));
    s.end();
    assert.equal(lines.length, 2);
    assert.equal(lines[0].text.length, 1024);
    assert.equal(lines[0].droppedBytes, 64 * 1024 * 1024 - 1024);
    assert.deepEqual(lines[1], { text: "fin", droppedBytes: 0 });
  });
});
