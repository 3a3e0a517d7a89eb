import { strict as assert } from "assert";
import { FIELD } from "../../../core/secrets/decode";
import { isPlaceholder, looksLikeSecret, secretValueEvidence, shannonEntropy } from "../../../core/secrets/value";

describe("core/secrets/value: which values look like a secret", () => {
  it("measures entropy in bits per character", () => {
    assert.equal(shannonEntropy(""), 0);
    assert.equal(shannonEntropy("aaaa"), 0);
    assert.equal(shannonEntropy("abcd"), 2);
  });
  it("passwords, tokens and keys", () => {
    for (const v of [
      "Bancol2023*",
      "Impala#Prd2022",
      "S3cr3tR1esg0s",
      "s3cr3tpass",
      "Qx9!mTr4#Lp",
      "9f3a1c7e5b2d4a6f8e0c1b3d5f7a9e2c",
      "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    ])
      assert.equal(looksLikeSecret(v), true, v);
  });
  it("not words, names, prompts, URLs, paths, formats, numbers or placeholders, with the reason", () => {
    const cases: Array<[string, string]> = [
      ["fecha", "too short"],
      ["unstructured", "identifier or name"],
      ["id_cliente", "identifier or name"],
      ["impala-virtual-prd", "identifier or name"],
      ["fechaCorte", "identifier or name"],
      ["tabla_2023", "identifier or name"],
      ["LZ_IMPALA_PASSWORD", "environment variable name"],
      ["Ingrese la contraseña de Impala: ", "sentence or prompt"],
      ["Digite su clave:", "sentence or prompt"],
      ["https://login.ejemplo.com/oauth2/token", "URL or path"],
      ["/etc/security/keytabs/impala.keytab", "URL or path"],
      ["static/config/config.json", "URL or path"],
      ["soporte.lz@ejemplo.com", "email address"],
      ["%Y%m%d_%H%M%S", "format or pattern"],
      ["{0}|{1}|{2}", "format or pattern"],
      ["^[a-z]+\\d{2}$", "format or pattern"],
      ["20220111.1", "number or date"],
      ["2022-07-26", "number or date"],
      ["<tu_clave>", "placeholder"],
      ["${IMPALA_PASSWORD}", "placeholder"],
      ["changeme", "placeholder"],
      ["********", "placeholder"],
      ["your_password_here", "placeholder"],
      ["123456", "placeholder"],
      [`${FIELD}`, "computed"],
      ["SQPDI1937RTNCSD", "too simple"],
      ["anio=2022", "format or pattern"],
    ];
    for (const [v, because] of cases) assert.deepEqual(secretValueEvidence(v), { secret: false, because }, v);
  });
  it("judges the constant part of a value computed in part", () => {
    assert.equal(looksLikeSecret(`${FIELD}Bancol2023*`), true);
    assert.equal(looksLikeSecret(`Bearer ${FIELD}`), false);
  });
  it("knows placeholders in English and Spanish", () => {
    for (const v of [
      "None",
      "null",
      "CAMBIAR",
      "Reemplazar",
      "<clave>",
      "%(clave)s",
      "%s",
      "{clave}",
      "$PWD",
      "%CLAVE%",
      "tu_clave",
    ])
      assert.equal(isPlaceholder(v), true, v);
    assert.equal(isPlaceholder("Bancol2023*"), false);
  });
});
