// The patch the summary tab and the HU comment carry (issue 19): folded per file, escaped like the rest
// of each report, bounded like the findings table, and never a hunk that touches a SEC001 line; the
// JSON report and SARIF carry each finding's own fix (or why it has none).
import { strict as assert } from "assert";
import { makeRoutine, validateHere } from "../../helpers/routine";
import { analyzeHere } from "../../../core/validator/fileAnalysis";
import { ANALYZERS } from "../../../core/validator/analyzers";
import { MAX_PATCH_LINES, patchHtml, patchMarkdown, patchSummary } from "../../../core/validator/fixes";
import { jsonReport, markdownSummary, sarifReport } from "../../../core/findings/report";
import { commentHtml } from "../../../core/findings/huComment";

const analyze = analyzeHere(ANALYZERS);

describe("the fixes in the reports", function () {
  this.timeout(30000);

  it("JSON and SARIF carry each finding's fix, and say why a finding has none", async () => {
    const root = makeRoutine({ "m.py": 'n = 1\nprint(f"{n}")\nx: int\n' });
    const result = await validateHere(root, { failOn: "never" });
    const report = jsonReport(result, root, "1.7.0");
    const fstring = report.findings.find((f) => f.rule === "PY003" && f.line === 2)!;
    assert.deepEqual(fstring.fix, {
      description: "Write the f-string with str.format",
      replacements: [
        {
          deletedRegion: { startLine: 2, startColumn: 7, endLine: 2, endColumn: 13, charOffset: 12, charLength: 6 },
          insertedContent: { text: '"{}".format(n)' },
        },
      ],
    });
    const bare = report.findings.find((f) => f.rule === "PY003" && f.line === 3)!;
    assert.equal(bare.fix, undefined);
    assert.match(bare.noFix!, /^a bare annotation at module or class level/);
    const sarif = sarifReport(result, root, "1.7.0") as any;
    const results = sarif.runs[0].results;
    const withFix = results.find((r: any) => r.locations[0]?.physicalLocation.region.startLine === 2);
    assert.deepEqual(withFix.fixes[0].artifactChanges[0].artifactLocation, { uri: "m.py", uriBaseId: "SRCROOT" });
    assert.equal(withFix.fixes[0].description.text, "Write the f-string with str.format");
    assert.equal(withFix.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, '"{}".format(n)');
    const without = results.find((r: any) => r.locations[0]?.physicalLocation.region.startLine === 3);
    assert.equal(without.fixes, undefined);
    assert.match(without.properties.noFix, /bare annotation/);
    assert.equal(sarif.runs[0].columnKind, "unicodeCodePoints");
  });

  it("shows the patch folded per file in the summary and the HU comment, escaped, and says the compile check was not done", async () => {
    const root = makeRoutine({
      "jobs/carga.py": 'tabla = "t"\nsql = f"SELECT * FROM {tabla} -- </details> ```"\nprint(sql)\n',
    });
    const result = await validateHere(root, { failOn: "never" });
    const patch = await patchSummary(result, root, analyze);
    assert.ok(patch);
    const md = markdownSummary(result, root, "", patchMarkdown(patch, "en"));
    assert.match(md, /#### Fixes for Python 3\.5 \(patch\)/);
    assert.match(md, /<details><summary>jobs\/carga\.py — 1 fix\(es\)<\/summary>/);
    assert.match(md, /Compile check not done: no interpreter of Python 3\.5/);
    // The code's own ``` cannot close the block: the fence is longer.
    assert.match(md, /\n````diff\n--- a\/jobs\/carga\.py\n/);
    assert.match(md, /^\+sql = "SELECT \* FROM \{\} -- <\/details> ```"\.format\(tabla\)$/m);
    const html = commentHtml(result, root, "marker", undefined, patchHtml(patch, "es"));
    assert.match(html, /<details><summary>jobs\/carga\.py — 1 corrección\(es\)<\/summary><pre>/);
    assert.ok(html.includes("-- &lt;/details&gt; ```"));
    assert.ok(!html.includes("-- </details>"));
  });

  it("never shows a hunk that touches a SEC001 line, and says how many it left out", async () => {
    const lines = [
      'password = "Sup3rSecreta2024"',
      'print(f"{password!r:>3}")',
      ...Array(10).fill("pass"),
      'print(f"{1}")',
    ];
    const root = makeRoutine({ "m.py": lines.join("\n") + "\n" });
    const result = await validateHere(root, { failOn: "never" });
    assert.ok(result.findings.some((f) => f.rule === "SEC001" && f.line === 1));
    const patch = (await patchSummary(result, root, analyze))!;
    const md = patchMarkdown(patch, "en");
    assert.ok(!md.includes("Sup3rSecreta2024"), md);
    assert.match(md, /1 hunk\(s\) of this file are not shown: they touch a line with a credential \(SEC001\)/);
    assert.match(md, /^\+print\("\{\}"\.format\(1\)\)$/m);
  });

  it("bounds the diff like the findings table", async () => {
    const body = Array.from({ length: MAX_PATCH_LINES + 50 }, (_, i) => `print(f"{${i}}")`).join("\n\n");
    const root = makeRoutine({ "a.py": body + "\n", "b.py": 'print(f"{2}")\n' });
    const result = await validateHere(root, { failOn: "never" });
    const patch = (await patchSummary(result, root, analyze))!;
    const md = patchMarkdown(patch, "en");
    const diffLines = md.split("\n").filter((l) => /^[-+ @]/.test(l)).length;
    assert.ok(diffLines <= MAX_PATCH_LINES, `${diffLines} lines shown`);
    assert.match(md, /… \d+ more line\(s\) not shown: run lz fix/);
    assert.match(md, /… 1 more file\(s\) not shown/);
  });
});
