/**
 * Credentials in a known format: a finding whatever the name that holds them. Connection strings
 * with `PWD=`/`Password=` (ODBC, JDBC, Azure's `AccountKey=`), URLs with `user:password@`,
 * `Authorization: Basic|Bearer …`, JWTs, GitLab and Google API tokens, Azure SAS signatures (written
 * here), and AWS, GitHub, Slack, npm tokens and private-key blocks (secretlint's rules).
 *
 * Each detector returns where the secret is in the value and a label that names the construct
 * without any character of the secret. Patterns have no nested quantifiers and bounded repeats:
 * linear in the value's length (the bench runs them on long adversarial inputs).
 */
import { FIELD } from "./decode";
import { SECRETLINT_KINDS, secretlintMatches } from "./secretlint";
import { isPlaceholder, looksLikeSecret } from "./value";

export interface SecretMatch {
  /** What holds the secret: "password in a connection string", "JWT", "GitHub token"… */
  kind: string;
  /** Names the construct, never the secret: `PWD`, `impala://etl_user:…@`, `Authorization: Bearer …`. */
  label: string;
  /** Where the construct starts in the value (the finding points there). */
  at: number;
  /** The secret's range in the value. */
  start: number;
  end: number;
}

/** A value that only refers to a secret kept elsewhere: `${X}`, `$X`, `%X%`, `{clave}`, `<clave>`, `*****`, a path. */
function isReference(v: string): boolean {
  return !v || v.includes(FIELD) || /^[$%<{[*~./\\]/.test(v) || isPlaceholder(v);
}

const CONNECTION_PASSWORD =
  /(^|[;\s"'{(,&?])(PWD|Password|Passwd|AccountKey|SharedAccessKey)\s{0,8}=\s{0,8}(\{[^}\n\uFFFC]{1,256}\}|[^;\s'"&,)\uFFFC]{1,256})/gi;
// The password may hold `#` or `?` (written unencoded, as people do); never `/`, so `host:8080/x@y` is no user.
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]{0,30}):\/\/([^\s:@/'"?#\uFFFC]{1,256}):([^\s@/'"\uFFFC]{1,256})@/gi;
const AUTHORIZATION =
  /\bAuthorization["']?\s{0,8}[:=]\s{0,8}["']?(Basic|Bearer|Token|Digest|Negotiate)\s{1,8}([A-Za-z0-9+/=._~-]{8,4096})/gi;
const HEADER_VALUE = /^\s{0,8}(Basic|Bearer|Token)\s{1,8}([A-Za-z0-9+/=._~-]{8,4096})\s{0,8}$/i;
const JWT = /\beyJ[A-Za-z0-9_-]{4,2048}\.eyJ[A-Za-z0-9_-]{4,8192}\.[A-Za-z0-9_-]{8,2048}/g;
const GITLAB = /\bglpat-[0-9A-Za-z_-]{20}(?![0-9A-Za-z_-])/g;
const GOOGLE_API_KEY = /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g;
const AZURE_SAS = /[?&]sig=([A-Za-z0-9%+/=]{20,512})/g;
/** Cheap test first: most values hold none of these. */
const MAY_HOLD =
  /[=@]|Basic|Bearer|Token|eyJ|glpat-|AIza|-----BEGIN|A3T|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA|gh[pousr]_|github_pat_|xox|xapp|hooks\.slack|npm_/i;

/** `Basic` credentials are base64 of `user:password`. */
function isBasicCredential(token: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token) || token.length % 4 === 1) return false;
  const text = Buffer.from(token, "base64").toString("latin1");
  return /^[\x20-\x7e]{1,256}:[\x20-\x7e]{1,256}$/.test(text);
}

const WHOLE_JWT = new RegExp(`^${JWT.source}$`);

function bearerEvidence(token: string): boolean {
  return WHOLE_JWT.test(token) || looksLikeSecret(token);
}

/** Every credential of a known format in a value, in order, without overlaps. */
export function findKnownSecrets(value: string): SecretMatch[] {
  if (!MAY_HOLD.test(value)) return [];
  const found: SecretMatch[] = [];
  const each = (re: RegExp, on: (m: RegExpExecArray) => void) => {
    re.lastIndex = 0;
    for (let m = re.exec(value); m; m = re.exec(value)) {
      on(m);
      if (m[0] === "") re.lastIndex++;
    }
  };
  each(CONNECTION_PASSWORD, (m) => {
    // ODBC quotes a value in braces (`PWD={a;b}`); `{clave}` is a format field all the same.
    const braced = m[3].startsWith("{");
    const secret = braced ? m[3].slice(1, -1) : m[3];
    if (isReference(secret) || (!braced && isReference(m[3])) || isPlaceholder(m[3]) || secret.length < 3) return;
    const at = m.index + m[1].length;
    const start = value.indexOf(m[3], at + m[2].length) + (m[3].startsWith("{") ? 1 : 0);
    found.push({ kind: "password in a connection string", label: m[2], at, start, end: start + secret.length });
  });
  each(URL_PASSWORD, (m) => {
    if (isReference(m[3]) || isReference(m[2])) return;
    const start = m.index + m[0].length - 1 - m[3].length;
    found.push({
      kind: "password in a URL",
      label: `${m[1]}://${m[2]}:…@`,
      at: m.index,
      start,
      end: start + m[3].length,
    });
  });
  each(AUTHORIZATION, (m) => {
    const start = m.index + m[0].length - m[2].length;
    if (isReference(m[2])) return;
    found.push({
      kind: "credential in an Authorization header",
      label: `Authorization: ${m[1]} …`,
      at: m.index,
      start,
      end: start + m[2].length,
    });
  });
  const header = HEADER_VALUE.exec(value);
  if (header) {
    const scheme = header[1].toLowerCase();
    const token = header[2];
    if (scheme === "basic" ? isBasicCredential(token) : bearerEvidence(token)) {
      const start = value.lastIndexOf(token);
      found.push({
        kind: "credential in an Authorization header",
        label: `${header[1]} …`,
        at: value.indexOf(header[1]),
        start,
        end: start + token.length,
      });
    }
  }
  each(JWT, (m) => found.push({ kind: "JWT", label: "JWT", at: m.index, start: m.index, end: m.index + m[0].length }));
  // The fixed prefix names the format; the secret is what follows it.
  each(GITLAB, (m) =>
    found.push({ kind: "GitLab token", label: "glpat-…", at: m.index, start: m.index + 6, end: m.index + m[0].length }),
  );
  each(GOOGLE_API_KEY, (m) =>
    found.push({ kind: "Google API key", label: "AIza…", at: m.index, start: m.index + 4, end: m.index + m[0].length }),
  );
  each(AZURE_SAS, (m) => {
    const start = m.index + m[0].length - m[1].length;
    found.push({ kind: "Azure SAS signature", label: "sig=…", at: m.index, start, end: start + m[1].length });
  });
  for (const r of secretlintMatches(value)) {
    const kind = SECRETLINT_KINDS[r.messageId];
    const label = r.messageId === "PrivateKey" ? "-----BEGIN … PRIVATE KEY-----" : kind;
    found.push({ kind, label, at: r.start, start: r.start, end: r.end });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: SecretMatch[] = [];
  for (const f of found) {
    const last = kept[kept.length - 1];
    if (last && f.start < last.end) continue;
    kept.push(f);
  }
  return kept;
}
