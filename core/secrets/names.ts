/**
 * What a name says about the value it holds. In Spanish *clave* and *llave* are both "password"
 * and "key" (a partition key, a primary key, a join key), so the word alone proves nothing: a name
 * suggests a secret when it holds one of the secret words and no word that makes it a kind of key,
 * a type, a prompt or message, a field or column, or the place where a secret is kept
 * (`CLAVE_PARTICION`, `token_type`, `password_prompt`, `PASSWORD_ENV_VAR`, `clave_columna`).
 */

/** The words of an identifier: snake_case, kebab-case, dotted, camelCase and digits split; lower case, no accents. */
export function nameWords(name: string): string[] {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+|(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])/)
    .filter(Boolean);
}

/** Words that name a secret by themselves (English and Spanish; accents removed). */
const SECRET_WORDS: ReadonlySet<string> = new Set([
  "password",
  "passwd",
  "passwrd",
  "pass",
  "passphrase",
  "pwd",
  "pw",
  "secret",
  "secreto",
  "token",
  "apikey",
  "accesskey",
  "secretkey",
  "privatekey",
  "credential",
  "credentials",
  "credencial",
  "credenciales",
  "clave",
  "contrasena",
  "contrasenia",
  "llave",
  "authtoken",
  "bearer",
]);

/** Two words that together name a secret (`api_key`, `access_key`, `private_key`, `client_secret`…). */
const SECRET_PAIRS: ReadonlySet<string> = new Set([
  "api key",
  "access key",
  "secret key",
  "private key",
  "signing key",
  "auth key",
  "account key",
  "master key",
  "encryption key",
  "shared key",
  "sas key",
  "llave privada",
  "llave secreta",
  "clave privada",
  "clave secreta",
]);

/**
 * Words that make the name about something else than a secret value: a kind of key, a type, a text
 * shown to a person, a field or column, where a secret is kept or how it is handled.
 */
const QUALIFIERS: ReadonlySet<string> = new Set([
  // kinds of key (data engineering)
  "particion",
  "partition",
  "primaria",
  "primary",
  "foranea",
  "foreign",
  "compuesta",
  "composite",
  "negocio",
  "business",
  "natural",
  "unica",
  "unique",
  "cruce",
  "join",
  "union",
  "merge",
  "orden",
  "order",
  "sort",
  "ordenamiento",
  "busqueda",
  "search",
  "lookup",
  "cache",
  "dict",
  "diccionario",
  "mapa",
  "map",
  "mapping",
  "registro",
  "record",
  "tabla",
  "table",
  "fila",
  "row",
  "indice",
  "index",
  "agrupacion",
  "group",
  "grupo",
  "bucket",
  "distribucion",
  "shard",
  "subrogada",
  "surrogate",
  "pk",
  "fk",
  "palabra",
  "keyword",
  "dedup",
  "deduplicacion",
  // types and formats
  "type",
  "tipo",
  "kind",
  "clase",
  "format",
  "formato",
  "algorithm",
  "algoritmo",
  "encoding",
  "codificacion",
  "scheme",
  "esquema",
  "scope",
  "alcance",
  "prefix",
  "prefijo",
  "suffix",
  "sufijo",
  "separator",
  "separador",
  "pattern",
  "patron",
  "regex",
  "policy",
  "politica",
  "len",
  "length",
  "longitud",
  "min",
  "max",
  "size",
  "count",
  "cantidad",
  "expiry",
  "expiration",
  "expira",
  "expiracion",
  "vencimiento",
  "ttl",
  "timeout",
  "lifetime",
  "duracion",
  "hash",
  // texts for people
  "prompt",
  "mensaje",
  "message",
  "msg",
  "texto",
  "text",
  "label",
  "etiqueta",
  "titulo",
  "title",
  "hint",
  "ayuda",
  "help",
  "placeholder",
  "pregunta",
  "question",
  "descripcion",
  "description",
  "desc",
  "error",
  "aviso",
  "warning",
  "template",
  "plantilla",
  // fields and columns
  "field",
  "campo",
  "column",
  "columna",
  "col",
  "cols",
  "attr",
  "attribute",
  "atributo",
  "param",
  "parameter",
  "parametro",
  "arg",
  "argument",
  "argumento",
  "header",
  "cabecera",
  "encabezado",
  "name",
  "nombre",
  "id",
  "key",
  // where a secret is kept, or how it is handled
  "env",
  "environ",
  "environment",
  "entorno",
  "var",
  "variable",
  "file",
  "archivo",
  "fichero",
  "path",
  "ruta",
  "dir",
  "directorio",
  "carpeta",
  "folder",
  "vault",
  "boveda",
  "keyring",
  "keytab",
  "store",
  "almacen",
  "manager",
  "gestor",
  "provider",
  "proveedor",
  "ref",
  "reference",
  "referencia",
  "url",
  "uri",
  "endpoint",
  "host",
  "location",
  "ubicacion",
  "validator",
  "validador",
  "check",
  "mask",
  "mascara",
  "handler",
  "callback",
  "generator",
  "generador",
  "enabled",
  "habilitado",
  "required",
  "requerido",
  "is",
  "has",
  "use",
  "usar",
]);

/**
 * Words that never qualify: a qualifier among them (`secret_key_id` holds `id`) still applies, but
 * `key` right after a word of a secret pair is that pair (`api_key`, `access_key`, `clave_privada`).
 */
const PAIR_SECOND: ReadonlySet<string> = new Set(
  [...SECRET_PAIRS].map((p) => p.split(" ")[1]).filter((w) => QUALIFIERS.has(w)),
);

export interface NameEvidence {
  /** The name suggests that its value is a secret. */
  suggests: boolean;
  /** The secret word or pair found, if any (`clave`, `api key`). */
  word?: string;
  /** The word that made the name about something else (`particion`, `type`, `prompt`, `env`). */
  qualifier?: string;
}

/** Why a name does or does not suggest a secret. */
export function secretNameEvidence(name: string): NameEvidence {
  const words = nameWords(name);
  let word: string | undefined;
  const pairWords = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    const pair = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : "";
    if (pair && SECRET_PAIRS.has(pair)) {
      word ??= pair;
      pairWords.add(i + 1);
    } else if (SECRET_WORDS.has(words[i])) word ??= words[i];
  }
  if (!word) return { suggests: false };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (pairWords.has(i) && PAIR_SECOND.has(w)) continue;
    if (QUALIFIERS.has(w)) return { suggests: false, word, qualifier: w };
  }
  return { suggests: true, word };
}

/**
 * The name suggests a secret: `password`, `db_pwd`, `clave_impala`, `contraseña`, `apiKey`,
 * `client_secret`, `TOKEN_ACCESO`… but not `CLAVE_PARTICION`, `token_type`, `password_prompt`,
 * `PASSWORD_ENV_VAR`, `clave_columna`.
 */
export function secretSuggestingName(name: string): boolean {
  return secretNameEvidence(name).suggests;
}

const USER_WORDS: ReadonlySet<string> = new Set(["user", "username", "usuario", "usr", "login", "uid"]);

/**
 * The name holds an account name: `usuario`, `db_user`, `impala_usr`, `userName`, with the same
 * qualifiers as secrets (`COLUMNA_USUARIO`, `user_prompt`, `USER_ENV_VAR` hold something else).
 * Only when the account word is the last word: `user_agent` or `usuario_id` hold no account.
 */
export function userSuggestingName(name: string): boolean {
  const words = nameWords(name);
  // `user_name`, `nombre_usuario`: the name of the account is the account.
  if (words.length > 1 && /^(name|nombre)$/.test(words[words.length - 1]) && USER_WORDS.has(words[words.length - 2]))
    words.pop();
  if (words.length > 1 && /^(name|nombre)$/.test(words[0]) && USER_WORDS.has(words[1])) words.shift();
  if (!words.length || !USER_WORDS.has(words[words.length - 1])) return false;
  return !words.some((w) => QUALIFIERS.has(w));
}
