import { strict as assert } from "assert";
import { CodePoints } from "../../../core/fix/regions";

describe("CodePoints, which gives SARIF's code-point offsets of fixes", () => {
  it("counts a surrogate pair as one code point at every offset of the text", () => {
    const text = "a😀b\n𝔘ñ😀😀 x = f'{y}'\n" + "z".repeat(50) + "🎉";
    const points = new CodePoints(text);
    for (let utf16 = 0; utf16 <= text.length; utf16++) {
      // Counted the slow way: the code points that start before the offset.
      let expected = 0;
      for (let i = 0; i < utf16; i++, expected++) if (/[\ud800-\udbff]/.test(text[i])) i++;
      assert.equal(points.offset(utf16), expected, `offset ${utf16}`);
    }
    // And back: every code point's UTF-16 offset (SARIF's charOffset applied to the text).
    for (let utf16 = 0; utf16 <= text.length; utf16++) {
      if (/[\udc00-\udfff]/.test(text[utf16] ?? "")) continue; // inside a pair: no code point starts there
      assert.equal(points.utf16(points.offset(utf16)), utf16, `back to ${utf16}`);
    }
    assert.equal(new CodePoints("plain ascii").offset(7), 7);
  });
});
