import { strict as assert } from "assert";
import {
  emptyDependencyMap,
  lookupDependency,
  parseDependencyJson,
  parseDependencyLines,
} from "../../../core/oc/dependencyMap";

describe("dependency mapping", () => {
  const DEP = "Entorno Otros EVC - EVC Datos Analitica AI Blockchain - Cloudera Data Platform";

  it("parses lines, skipping comments and blanks, keeping '=' and '-' inside the value", () => {
    const map = parseDependencyLines(
      `# por PMO\nEVC00037 = ${DEP}\n\n DAIA15 - DRACARYS = A = B \n`,
      "dependencyMapping",
    );
    assert.deepEqual(map.problems, []);
    assert.equal(lookupDependency(map, "EVC00037", "")?.dependencia, DEP);
    assert.equal(lookupDependency(map, "", "DAIA15 - DRACARYS")?.dependencia, "A = B");
  });

  it("lets the PMO code win over the célula", () => {
    const map = parseDependencyLines(`DAIA15 - DRACARYS = por celula\nEVC00037 = por pmo`, "m");
    const match = lookupDependency(map, "EVC00037", "DAIA15 - DRACARYS");
    assert.equal(match?.dependencia, "por pmo");
    assert.equal(match?.matchedBy, "pmo");
    assert.equal(lookupDependency(map, "ABC12345", "DAIA15 - DRACARYS")?.matchedBy, "celula");
  });

  it("matches célula names without regard to case, accents or spacing", () => {
    const map = parseDependencyLines("Célula  Ñandú = x", "m");
    assert.equal(lookupDependency(map, "", "CELULA ñandu")?.dependencia, "x");
  });

  it("reports malformed lines with their number", () => {
    const map = parseDependencyLines("EVC00037 = ok\nsolo texto\n= sin clave", "dependencyMapping");
    assert.deepEqual(
      map.problems.map((p) => [p.code, ...p.args]),
      [
        ["DependencyLineInvalid", "dependencyMapping", 2, "solo texto"],
        ["DependencyLineInvalid", "dependencyMapping", 3, "= sin clave"],
      ],
    );
  });

  it("merges a JSON file with lines and reports a key mapped twice differently", () => {
    const map = parseDependencyJson('\uFEFF{ "EVC00037": "uno" }', "deps.json");
    parseDependencyLines("evc00037 = dos\nDAIA15 = tres", "dependencyMapping", map);
    assert.deepEqual(
      map.problems.map((p) => [p.code, ...p.args]),
      [["DependencyDuplicated", "evc00037", "deps.json", "dependencyMapping:1"]],
    );
    assert.equal(lookupDependency(map, "EVC00037", "")?.dependencia, "uno");
  });

  it("rejects a JSON file that is not an object of strings", () => {
    for (const text of ["{", "[]", '{"a": 1}', '{"a": ""}']) {
      const map = parseDependencyJson(text, "deps.json");
      assert.equal(map.problems.length, 1, text);
      assert.equal(map.problems[0].code, "DependencyFileInvalid");
    }
  });

  it("finds nothing in an empty map", () => {
    assert.equal(lookupDependency(emptyDependencyMap(), "EVC00037", "DAIA15"), undefined);
  });
});
