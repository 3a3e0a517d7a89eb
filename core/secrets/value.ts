/**
 * Does a value look like a secret? A name that suggests a secret is a finding only with a value
 * that does: a password, a token, a key has characters of several kinds and little order, and it
 * is not a word, an identifier or column name, a sentence or prompt, an environment variable's
 * name, a URL or path, a format, a date, a number or a placeholder.
 *
 * Every test here is a single forward scan or a pattern without nested quantifiers: linear in the
 * value's length, whatever it holds.
 */
import { FIELD } from "./decode";

/** Shannon entropy of the value's characters, in bits per character. */
export function shannonEntropy(value: string): number {
  if (!value) return 0;
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  const n = Array.from(value).length;
  let h = 0;
  for (const k of counts.values()) {
    const p = k / n;
    h -= p * Math.log2(p);
  }
  return h;
}

export type NotSecretReason =
  | "empty"
  | "computed"
  | "placeholder"
  | "too short"
  | "too long"
  | "sentence or prompt"
  | "identifier or name"
  | "environment variable name"
  | "URL or path"
  | "email address"
  | "format or pattern"
  | "number or date"
  | "no letters"
  | "repetitive"
  | "too simple";

export type SecretValueEvidence =
  | { secret: true; because: "symbols" | "mixed classes" | "long random" | "digits inside words" }
  | { secret: false; because: NotSecretReason };

export const MIN_SECRET_LENGTH = 6;
export const MAX_SECRET_LENGTH = 4096;

/** Values that stand for a secret without being one (English and Spanish), compared without case or accents. */
const PLACEHOLDER_WORDS: ReadonlySet<string> = new Set([
  "none",
  "null",
  "nil",
  "undefined",
  "default",
  "changeme",
  "change_me",
  "changeit",
  "password",
  "passwd",
  "contrasena",
  "clave",
  "secret",
  "secreto",
  "token",
  "apikey",
  "api_key",
  "dummy",
  "example",
  "ejemplo",
  "sample",
  "muestra",
  "redacted",
  "hidden",
  "oculto",
  "oculta",
  "pendiente",
  "reemplazar",
  "cambiar",
  "todo",
  "tbd",
  "fixme",
  "notset",
  "not_set",
  "empty",
  "vacio",
]);

const PLACEHOLDER_SHAPES = [
  /^<[^<>]*>$/, // <tu_clave>
  /^\[[^[\]]*\]$/, // [PASSWORD]
  /^\$\{[^}]*\}$|^\$\([^)]*\)$|^\$[A-Za-z_][A-Za-z0-9_]*$/, // ${VAR} $(VAR) $VAR
  /^\{\{[^}]*\}\}$/, // {{ var }}
  /^%\([^)]*\)[sdr]$|^%[sdr]$/, // %(clave)s %s
  /^\{[A-Za-z0-9_.]*\}$/, // {clave} {0}
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %CLAVE%
  /^(your|my|tu|su|mi)[_-]/i, // your_password, tu_clave
  /^(x+|\*+|\.+|#+|-+|_+|0+|abc|abc123|qwerty|test|prueba)$/i,
];

/** The value only stands for a secret: `None`, `changeme`, `<tu_clave>`, `${PASSWORD}`, `%s`, `****`. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (!v) return true;
  const folded = v
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  if (PLACEHOLDER_WORDS.has(folded)) return true;
  if (folded.length >= 4 && "1234567890".startsWith(folded)) return true;
  return PLACEHOLDER_SHAPES.some((re) => re.test(v));
}

/** A word of letters in ordinary case: `fecha`, `Fecha`, `FECHA`, `fechaCorte` (not `XyKLmnPq`). */
function isWord(segment: string): boolean {
  if (!/^[A-Za-z]+$/.test(segment)) return false;
  const upper = segment.replace(/[^A-Z]/g, "").length;
  return upper === segment.length || upper * 2 <= segment.length;
}

/**
 * Names written as identifiers: words joined by `_`, `-` or `.` (snake_case, kebab-case, `db.tabla`,
 * camelCase), the last one may end in a number (`tabla_2023`, `impala-virtual-prd`, `fecha_corte`).
 */
function isIdentifier(value: string): boolean {
  const parts = value.split(/[_.-]/);
  return parts.every((p, i) => {
    if (i === parts.length - 1 && p !== "" && /^[0-9]+$/.test(p)) return true;
    const word = i === parts.length - 1 ? p.replace(/[0-9]+$/, "") : p;
    return isWord(word);
  });
}

/** `LZ_IMPALA_PASSWORD`, `HOME`: the name of an environment variable. */
function isEnvName(value: string): boolean {
  const parts = value.split("_");
  if (!parts.every((p) => /^[A-Z0-9]+$/.test(p)) || !/^[A-Z]/.test(value)) return false;
  return parts.length > 1 || /^[A-Z]{2,}[0-9]*$/.test(value);
}

function isEmail(value: string): boolean {
  const at = value.split("@");
  if (at.length !== 2 || !at[0] || at[0].length > 64 || /\s/.test(at[0])) return false;
  const labels = at[1].split(".");
  return labels.length >= 2 && labels.every((l) => /^[A-Za-z0-9-]{1,63}$/.test(l));
}

const URL_LIKE = /^[a-z][a-z0-9+.-]{0,30}:\/\/|^(?:www\.)[a-z0-9-]+\./i;
/** Absolute, home, drive and UNC paths; relative ones of lower-case names (a base64 key has `/` too). */
const PATH_LIKE = /^(?:\/|\.{1,2}\/|~\/|[A-Za-z]:[\\/]|\\\\)|^[a-z0-9_.-]+\/[a-z0-9_./-]*$/;
/** printf and str.format fields, strftime directives, regular expression syntax. */
const FORMAT_TOKENS =
  /%(?:\([^)]{0,64}\))?[-#0 +]?\d*(?:\.\d+)?[diouxXeEfFgGcrsaYmdHMSjbBpyAIzZ%]|\{[A-Za-z0-9_.[\]]{0,64}(?::[^{}]{0,32})?\}/g;
const REGEX_TOKENS = /\\[dwsbDWSB]|\[\^?[^\]]{1,64}\]|\(\?[:=!<]|\.\*|\.\+|\^\(|\)\$/g;
const NUMBER_OR_DATE = /^[0-9\s.,:/+-]+$|^[0-9]{2,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}(?:[ T][0-9:.,]+Z?)?$/;

function classes(value: string): { lower: number; upper: number; digit: number; symbol: number; kinds: number } {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let symbol = 0;
  for (const c of value) {
    if (c >= "a" && c <= "z") lower++;
    else if (c >= "A" && c <= "Z") upper++;
    else if (c >= "0" && c <= "9") digit++;
    else if (c !== "_" && c !== "-" && c !== ".") symbol++;
  }
  const kinds = +!!lower + +!!upper + +!!digit + +!!symbol;
  return { lower, upper, digit, symbol, kinds };
}

/** Runs of digits that stand between letters (`s3cr3t` has two): how people turn a word into a password. */
function digitsInsideWords(value: string): number {
  let runs = 0;
  for (let i = 1; i < value.length - 1; i++) {
    const isDigit = (c: string) => c >= "0" && c <= "9";
    const isLetter = (c: string) => /[A-Za-z]/.test(c);
    if (isDigit(value[i]) && isLetter(value[i - 1])) {
      let j = i;
      while (j < value.length && isDigit(value[j])) j++;
      if (j < value.length && isLetter(value[j])) runs++;
      i = j;
    }
  }
  return runs;
}

/** Why a value does or does not look like a secret. */
export function secretValueEvidence(raw: string): SecretValueEvidence {
  if (raw.includes(FIELD)) {
    // Computed at run time in part: judge the longest constant piece (`f"{base}S3cr3t!"`).
    const longest = raw.split(FIELD).reduce((a, b) => (b.trim().length > a.length ? b.trim() : a), "");
    if (!longest) return { secret: false, because: "computed" };
    return secretValueEvidence(longest);
  }
  const value = raw.trim();
  if (!value) return { secret: false, because: "empty" };
  if (isPlaceholder(value)) return { secret: false, because: "placeholder" };
  const length = Array.from(value).length;
  if (length < MIN_SECRET_LENGTH) return { secret: false, because: "too short" };
  if (length > MAX_SECRET_LENGTH) return { secret: false, because: "too long" };
  if (/\s/.test(value) || /[:?]$/.test(value) || /^[¿¡]/.test(value))
    return { secret: false, because: "sentence or prompt" };
  if (URL_LIKE.test(value) || PATH_LIKE.test(value)) return { secret: false, because: "URL or path" };
  if (isEmail(value)) return { secret: false, because: "email address" };
  if (isEnvName(value)) return { secret: false, because: "environment variable name" };
  if (isIdentifier(value)) return { secret: false, because: "identifier or name" };
  if (NUMBER_OR_DATE.test(value)) return { secret: false, because: "number or date" };
  const formats = value.match(FORMAT_TOKENS)?.length ?? 0;
  const regex = value.match(REGEX_TOKENS)?.length ?? 0;
  // `anio=2022`, `fecha=%s`: a setting or a partition spec, not a password.
  if (formats || regex >= 2 || /^[A-Za-z_][A-Za-z0-9_]{0,64}=/.test(value))
    return { secret: false, because: "format or pattern" };
  const c = classes(value);
  if (!c.lower && !c.upper) return { secret: false, because: "no letters" };
  const distinct = new Set(value).size;
  if (distinct <= 3 || distinct * 3 < Math.min(length, 24)) return { secret: false, because: "repetitive" };
  const entropy = shannonEntropy(value);
  if (c.symbol && c.kinds >= 3 && entropy >= 2.5) return { secret: true, because: "symbols" };
  if (c.kinds >= 3 && length >= 8 && entropy >= 2.8) return { secret: true, because: "mixed classes" };
  if (length >= 16 && c.digit && (c.lower || c.upper) && entropy >= 3.3)
    return { secret: true, because: "long random" };
  if (length >= 8 && digitsInsideWords(value) >= 2) return { secret: true, because: "digits inside words" };
  return { secret: false, because: "too simple" };
}

/**
 * The value looks like a password, token or key (`Bancol2023*`, `S3cr3tPass`, a 32-character hex
 * key) and not like `fecha`, `id_cliente`, `LZ_IMPALA_PASSWORD`, `Ingrese su clave: `, a URL or
 * path without credentials, `%Y%m%d`, `{}` or `changeme`.
 */
export function looksLikeSecret(value: string): boolean {
  return secretValueEvidence(value).secret;
}
