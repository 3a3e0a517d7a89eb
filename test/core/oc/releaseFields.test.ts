import { strict as assert } from "assert";
import { checkField, normalizePhone, sameRoutineName } from "../../../core/oc/releaseFields";

describe("release fields", () => {
  describe("PMO code", () => {
    it("accepts three capitals and five digits", () => {
      assert.deepEqual(checkField("pmo", " EVC00037 ", "codigoPMO"), { value: "EVC00037", problems: [] });
    });
    for (const bad of ["EVC0003", "EV00037", "EVC000371", "E1C00037", "evc00037", "EVC-00037"]) {
      it(`rejects '${bad}' naming the variable`, () => {
        const { value, problems } = checkField("pmo", bad, "codigoPMO");
        assert.equal(value, "");
        assert.equal(problems.length, 1);
        assert.equal(problems[0].code, "PmoMalformed");
        assert.equal(problems[0].field, "codigoPMO");
        assert.equal(problems[0].args[1], bad);
      });
    }
    it("suggests the upper-case form when only the case is wrong", () => {
      assert.equal(checkField("pmo", "evc00037", "codigoPMO").problems[0].args[2], "EVC00037");
      assert.equal(checkField("pmo", "EVC-00037", "codigoPMO").problems[0].args[2], "EVC00037");
      assert.equal(checkField("pmo", "XX1", "codigoPMO").problems[0].args[2], "EVC00037");
    });
    it("reports a missing value and an unresolved macro differently", () => {
      assert.equal(checkField("pmo", undefined, "codigoPMO").problems[0].code, "PmoMissing");
      assert.equal(checkField("pmo", "   ", "codigoPMO").problems[0].code, "PmoMissing");
      assert.equal(checkField("pmo", "$(codigoPMO)", "codigoPMO").problems[0].code, "VariableUnresolved");
    });
  });

  describe("Colombian mobile", () => {
    const good: Array<[string, string]> = [
      ["3001234567", "3001234567"],
      ["300 123 4567", "3001234567"],
      ["300-123-4567", "3001234567"],
      ["+57 300 123 4567", "3001234567"],
      ["+573001234567", "3001234567"],
      ["(300) 123.4567", "3001234567"],
    ];
    for (const [raw, digits] of good) {
      it(`normalizes '${raw}'`, () => assert.equal(normalizePhone(raw), digits));
    }
    for (const bad of [
      "2001234567",
      "300123456",
      "30012345678",
      "+1 300 123 4567",
      "57 3001234567",
      "300123456a",
      "6041234567",
    ]) {
      it(`rejects '${bad}'`, () => {
        assert.equal(normalizePhone(bad), undefined);
        assert.equal(checkField("contactPhone", bad, "numeroContacto").problems[0].code, "PhoneMalformed");
      });
    }
  });

  describe("results zone", () => {
    it("accepts an Impala database name", () => {
      assert.equal(checkField("zona", "proceso_bana_vp_riesgos", "zona").value, "proceso_bana_vp_riesgos");
    });
    for (const bad of ["proceso bana", "proceso-bana", "1zona", "zona.tabla"]) {
      it(`rejects '${bad}'`, () => assert.equal(checkField("zona", bad, "zona").problems[0].code, "ZonaMalformed"));
    }
  });

  it("folds white space in free text", () => {
    assert.equal(checkField("celula", "  DAIA15  -   DRACARYS ", "Nombre Celula").value, "DAIA15 - DRACARYS");
  });

  it("treats '-' and '_' and case as the same routine name", () => {
    assert.equal(sameRoutineName("alm-bana-fco2", "alm_bana_fco2"), true);
    assert.equal(sameRoutineName("ALM-bana-fco2", "alm_BANA_fco2"), true);
    assert.equal(sameRoutineName("bana-vrie-calendarizacion-fco2", "alm_bana_fco2"), false);
  });
});
