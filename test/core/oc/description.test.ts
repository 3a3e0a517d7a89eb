import { strict as assert } from "assert";
import { descriptionAsPlainText, formatDescription, parseDescription } from "../../../core/oc/description";

const GOOD = [
  "TITULO: (Daniel Andres Varon Quesada) Circular 32 - Ingestion Fuente conocida SULEAS",
  "NECESIDAD: HU3224139: Calcular el calendario de la FCO2.",
  "SOLUCION: Rutina que calcula el calendario.",
  "BENEFICIO: Reportes a tiempo.",
  "IMPACTO: Ninguno en otras rutinas.",
].join("\n");

const codes = (text: string | undefined) =>
  parseDescription(text, "Release.ReleaseDescription").problems.map((p) => p.code);

describe("release description", () => {
  it("parses the five parts and the HU id", () => {
    const parsed = parseDescription(GOOD, "Release.ReleaseDescription");
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.hu, "3224139");
    assert.equal(
      parsed.parts.TITULO?.text,
      "(Daniel Andres Varon Quesada) Circular 32 - Ingestion Fuente conocida SULEAS",
    );
    assert.equal(parsed.parts.IMPACTO?.line, 5);
    assert.equal(descriptionAsPlainText(parsed.parts), GOOD);
  });

  it("accepts accents, any case, Markdown bullets, CRLF and parts over several lines", () => {
    const text =
      "- **Título:** Rutina X\r\n* necesidad: hu 123456: una\r\n  necesidad larga\r\nSolución:  s \r\n## Beneficio: b\r\nImpacto: i";
    const parsed = parseDescription(text, "d");
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.parts.NECESIDAD?.text, "hu 123456: una necesidad larga");
    assert.equal(parsed.parts.SOLUCION?.text, "s");
    assert.equal(parsed.hu, "123456");
  });

  it("turns pasted HTML into plain text", () => {
    const text = GOOD.replace("Reportes a tiempo.", "<div>Reportes&nbsp;a <b>tiempo</b> &amp; listos</div>");
    assert.equal(parseDescription(text, "d").parts.BENEFICIO?.text, "Reportes a tiempo & listos");
  });

  it("reports an empty description once", () => {
    assert.deepEqual(codes(""), ["DescriptionMissing"]);
    assert.deepEqual(codes(undefined), ["DescriptionMissing"]);
  });

  it("reports every missing and empty part, with its line", () => {
    const parsed = parseDescription("TITULO: t\nNECESIDAD: HU1234: n\nSOLUCION:\nIMPACTO:   ", "d");
    assert.deepEqual(
      parsed.problems.map((p) => [p.code, ...p.args]),
      [
        ["DescriptionPartEmpty", "SOLUCION", 3],
        ["DescriptionPartMissing", "BENEFICIO", "BENEFICIO"],
        ["DescriptionPartEmpty", "IMPACTO", 4],
      ],
    );
  });

  it("requires NECESIDAD to name the HU", () => {
    const parsed = parseDescription(GOOD.replace("HU3224139: ", ""), "d");
    assert.deepEqual(
      parsed.problems.map((p) => p.code),
      ["DescriptionNoHu"],
    );
    assert.equal(parsed.problems[0].args[0], 2);
    assert.equal(parsed.hu, undefined);
  });

  it("reports a duplicated part with both lines and a preamble as a warning", () => {
    const parsed = parseDescription("Hola equipo\n" + GOOD + "\nTITULO: otro", "d");
    assert.deepEqual(
      parsed.problems.map((p) => [p.code, p.severity, ...p.args]),
      [
        ["DescriptionPartDuplicated", "error", "TITULO", 2, 7],
        ["DescriptionTextOutsideParts", "warning", 1],
      ],
    );
    assert.equal(
      parsed.parts.TITULO?.text,
      "(Daniel Andres Varon Quesada) Circular 32 - Ingestion Fuente conocida SULEAS",
    );
  });

  it("drafts a description that parses back to the same parts", () => {
    const text = formatDescription({
      titulo: "Rutina  X",
      huId: "42",
      necesidad: "<p>HU42: calcular</p>",
      solucion: "s",
      beneficio: "b",
      impacto: "i",
    });
    assert.equal(text, "TITULO: Rutina X\nNECESIDAD: HU42: calcular\nSOLUCION: s\nBENEFICIO: b\nIMPACTO: i");
    const parsed = parseDescription(text, "d");
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.hu, "42");
  });
});
