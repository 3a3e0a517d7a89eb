import { strict as assert } from "assert";
import { nameWords, secretNameEvidence, secretSuggestingName, userSuggestingName } from "../../../core/secrets/names";

describe("core/secrets/names: which names suggest a secret", () => {
  it("splits identifiers into words without case or accents", () => {
    assert.deepEqual(nameWords("CLAVE_PARTICION"), ["clave", "particion"]);
    assert.deepEqual(nameWords("apiKeyV2"), ["api", "key", "v", "2"]);
    assert.deepEqual(nameWords("contraseña-BD"), ["contrasena", "bd"]);
    assert.deepEqual(nameWords("HTTPToken"), ["http", "token"]);
  });
  it("English and Spanish secret words and pairs", () => {
    for (const name of [
      "password",
      "DB_PASSWORD",
      "passwd",
      "pwd",
      "impala_pwd",
      "secret",
      "client_secret",
      "token",
      "TOKEN_ACCESO",
      "api_key",
      "apiKey",
      "APIKEY",
      "access_key",
      "secret_key",
      "private_key",
      "clave",
      "clave_impala",
      "clave_acceso",
      "contraseña",
      "contrasena",
      "llave",
      "llave_privada",
      "credenciales",
      "db_pass",
    ])
      assert.equal(secretSuggestingName(name), true, name);
  });
  it("not names that make the word a kind of key, a type, a prompt, a field or where a secret is kept", () => {
    const cases: Array<[string, string]> = [
      ["CLAVE_PARTICION", "particion"],
      ["token_type", "type"],
      ["password_prompt", "prompt"],
      ["PASSWORD_ENV_VAR", "env"],
      ["clave_columna", "columna"],
      ["llave_primaria", "primaria"],
      ["llave_cruce", "cruce"],
      ["palabra_clave", "palabra"],
      ["COLUMNA_CLAVE", "columna"],
      ["CAMPO_TOKEN", "campo"],
      ["token_url", "url"],
      ["PASSWORD_FILE", "file"],
      ["secret_name", "name"],
      ["api_key_header", "header"],
      ["PASSWORD_MIN_LENGTH", "min"],
      ["MENSAJE_CLAVE_INVALIDA", "mensaje"],
      ["tipo_clave", "tipo"],
    ];
    for (const [name, qualifier] of cases)
      assert.deepEqual(
        secretNameEvidence(name),
        { suggests: false, word: secretNameEvidence(name).word, qualifier },
        name,
      );
  });
  it("names without a secret word", () => {
    for (const name of ["fecha", "key", "zona", "id_cliente", "keys", "monkey", "passport", "bypass"])
      assert.equal(secretSuggestingName(name), false, name);
  });
  it("account names: the user word last, qualifiers as for secrets", () => {
    for (const name of ["usuario", "db_user", "impala_usr", "userName", "user_name", "nombre_usuario"])
      assert.equal(userSuggestingName(name), true, name);
    for (const name of ["COLUMNA_USUARIO", "user_prompt", "USER_ENV_VAR", "user_agent", "usuario_id", "users"])
      assert.equal(userSuggestingName(name), false, name);
  });
});
