/**
 * Hard-coded users, paths (PTH001) and credentials (SEC001): in Python string literals and
 * named literals, and in the lines of configuration and script files.
 */
import type { RawFinding } from "../findings/types";
import { LineIndex } from "../findings/positions";
import type { RuleCode } from "../findings/ruleCodes";
import { msg, type MessageArg, type MessageKey } from "../i18n/catalogue";
import type { PythonNamedLiteral, PythonString } from "../python/analyzer";

interface PathPattern {
  kind: MessageKey;
  re: RegExp;
}

/** Each pattern finds a path (or account) that only exists on one machine or for one user. */
const PATH_PATTERNS: PathPattern[] = [
  { kind: "TermHomeFolder", re: /(?<![\w$])\/home\/[A-Za-z0-9._-]+/g },
  { kind: "TermServerPath", re: /(?<![\w$])\/(?:avirtual|opt|srv|apps|u01)\/[A-Za-z0-9._-]+[^\s'",;)]*/g },
  { kind: "TermWindowsPath", re: /(?<![\w])[A-Za-z]:\\{1,2}[A-Za-z0-9_ .-]+[^\s'",;)]*/g },
  { kind: "TermHdfsUserFolder", re: /hdfs:\/\/[^\s'"/]*\/user\/[A-Za-z0-9._-]+|(?<![\w$.])\/user\/[A-Za-z0-9._-]+/g },
  { kind: "TermServiceAccount", re: /(?<![\w$])svc[a-z]{2,}[0-9]{1,3}(?![\w])/gi },
];

/** Names that hold a credential when a literal is assigned to them. */
const SECRET_NAME =
  /^(.*_)?(pass(word|wd)?|pwd|secret|token|api_?key|access_?key|private_?key|clave|contrase(n|ñ)a)(_.*)?$/i;
const USER_NAME = /^(.*_)?(user(name)?|usuario|usr)$/i;
/** Values that are references to a secret, not the secret: placeholders, lookups, empty. */
const PLACEHOLDER = /^\s*$|^\$\{|^\$\(|^\{\{|^%\(|^<.*>$|^\*+$|^x+$|^(none|null|changeme|\{\}|%s)$/i;

interface SecretPattern {
  kind: MessageKey;
  re: RegExp;
  /** Which capture holds the value (checked against PLACEHOLDER; 0: the whole match). */
  group: number;
  /** What the finding names instead of the value: a key or the URL's scheme and host, never the secret. */
  label(m: RegExpExecArray): string;
}

const SECRET_PATTERNS: SecretPattern[] = [
  {
    kind: "TermPasswordInConnectionString",
    re: /\b(PWD|Password)\s*=\s*([^;'"\s]+)/gi,
    group: 2,
    label: (m) => m[1],
  },
  {
    kind: "TermPasswordInUrl",
    // One scan forward, no nested quantifier over the same characters: linear on any input.
    re: /\b([a-z][a-z0-9+.-]{0,30}):\/\/([^/\s:@'"]{1,256}):([^@\s/'"]{1,256})@/gi,
    group: 3,
    label: (m) => `${m[1]}://${m[2]}:…@`,
  },
  {
    kind: "TermPrivateKey",
    re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH )?PRIVATE KEY-----/g,
    group: 0,
    label: () => "-----BEGIN PRIVATE KEY-----",
  },
  { kind: "TermAwsAccessKey", re: /\b(AKIA[0-9A-Z]{16})\b/g, group: 1, label: () => "AKIA…" },
];

/** `password: x`, `"token" = "x"`, `clave=x` in configuration and shell files. */
const KEY_VALUE =
  /(?:^|[\s{,"'])((?:[A-Za-z0-9_.-]*_)?(?:pass(?:word|wd)?|pwd|secret|token|api_?key|access_?key|clave|contrase(?:n|ñ)a))["']?\s*[:=]\s*["']?([^"'\s,;}#]*)/gi;

/** Cheap tests first: most literals contain nothing any pattern could match. */
const MAY_HOLD_PATH = /[/\\]|svc/i;
const MAY_HOLD_SECRET = /[=@]|-----BEGIN|AKIA/;

function scanPaths(text: string, emit: (offset: number, args: MessageArg[], kind: MessageKey) => void): void {
  if (!MAY_HOLD_PATH.test(text)) return;
  for (const { kind, re } of PATH_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) emit(m.index, [msg(kind), m[0]], kind);
  }
}

function scanSecrets(text: string, emit: (offset: number, args: MessageArg[], secret: string) => void): void {
  if (!MAY_HOLD_SECRET.test(text)) return;
  for (const { kind, re, group, label } of SECRET_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (group && PLACEHOLDER.test(m[group] ?? "")) continue;
      const secret = m[group] || m[0];
      emit(m.index, secretArgs(kind, label(m), secret), secret);
    }
  }
}

/**
 * A SEC001 finding says what holds the credential and where, never any character of it: its
 * arguments are the kind, the name (variable, key, or the pattern's own label) and the length.
 * The finding is printed in logs, reports and on the HU, which everyone who reads it sees.
 */
function secretArgs(kind: MessageKey, name: string, secret: string): MessageArg[] {
  return [msg(kind), name, String(Array.from(secret).length)];
}

/** Findings, and the credential values they are about (for redactSecrets; never printed). */
export interface PathsAndSecrets {
  findings: RawFinding[];
  secrets: string[];
}

export function pythonPathsAndSecrets(
  file: string,
  text: string,
  strings: PythonString[],
  named: PythonNamedLiteral[],
): PathsAndSecrets {
  const lines = new LineIndex(text);
  const out: RawFinding[] = [];
  const secrets: string[] = [];
  const push = (rule: RuleCode, offset: number, args: MessageArg[]) => {
    const { line, column } = lines.position(offset);
    out.push({ rule, file, line, column, args });
  };
  // A literal reported through its name (usuario = "svcdemo01") is not reported again by content.
  const reported = new Set<number>();
  for (const n of named) {
    if (SECRET_NAME.test(n.name) && !PLACEHOLDER.test(n.content)) {
      push("SEC001", n.offset, secretArgs("TermCredential", n.name, n.content));
      secrets.push(n.content);
      reported.add(n.offset);
    } else if (USER_NAME.test(n.name) && !PLACEHOLDER.test(n.content)) {
      push("PTH001", n.offset, [msg("TermUser", n.name), n.content]);
      reported.add(n.offset);
    }
  }
  for (const s of strings) {
    if (reported.has(s.offset)) continue;
    scanPaths(s.content, (o, args) => push("PTH001", s.offset + o, args));
    scanSecrets(s.content, (o, args, secret) => {
      push("SEC001", s.offset + o, args);
      secrets.push(secret);
    });
  }
  return { findings: out, secrets };
}

/**
 * Server folders belong in configuration (that is where the fix hint sends them): in config
 * files only paths tied to one person or machine are findings.
 */
const CONFIG_EXTENSIONS = /\.(json|cfg|ini|properties|ya?ml|conf|toml)$/i;
const PERSONAL_KINDS: ReadonlySet<MessageKey> = new Set<MessageKey>([
  "TermHomeFolder",
  "TermWindowsPath",
  "TermHdfsUserFolder",
  "TermServiceAccount",
]);

/** Configuration, SQL and shell files: every line except comments. */
export function textPathsAndSecrets(file: string, text: string): PathsAndSecrets {
  const isConfig = CONFIG_EXTENSIONS.test(file);
  const out: RawFinding[] = [];
  const secrets: string[] = [];
  const lines = text.split("\n");
  lines.forEach((raw, index) => {
    const trimmed = raw.trim();
    if (
      !trimmed ||
      trimmed.startsWith("#") ||
      trimmed.startsWith("--") ||
      trimmed.startsWith(";") ||
      trimmed.startsWith("//")
    )
      return;
    const column = (o: number) => Array.from(raw.slice(0, o)).length + 1;
    scanPaths(raw, (o, args, kind) => {
      if (!isConfig || PERSONAL_KINDS.has(kind))
        out.push({ rule: "PTH001", file, line: index + 1, column: column(o), args });
    });
    scanSecrets(raw, (o, args, secret) => {
      out.push({ rule: "SEC001", file, line: index + 1, column: column(o), args });
      secrets.push(secret);
    });
    KEY_VALUE.lastIndex = 0;
    for (let m = KEY_VALUE.exec(raw); m; m = KEY_VALUE.exec(raw)) {
      if (PLACEHOLDER.test(m[2]) || /^(os\.environ|getenv|env\.)/.test(m[2])) continue;
      const offset = m.index + m[0].indexOf(m[1]);
      out.push({
        rule: "SEC001",
        file,
        line: index + 1,
        column: column(offset),
        args: secretArgs("TermCredential", m[1], m[2]),
      });
      secrets.push(m[2]);
    }
  });
  return { findings: out, secrets };
}

/** Shortest piece of a credential that must not appear in any finding of its file. */
const SECRET_PIECE = 4;

/**
 * Defense in depth for the findings of one file: any other rule that quotes the source (a syntax
 * error's token, an SQL statement, a path) must not carry a credential SEC001 found there. Every run
 * of characters that contains a 4-character piece of a found secret is replaced by "…".
 */
export function redactSecrets(findings: RawFinding[], secrets: string[]): RawFinding[] {
  const pieces = new Set<string>();
  for (const secret of secrets) {
    for (let i = 0; i + SECRET_PIECE <= secret.length; i++) pieces.add(secret.slice(i, i + SECRET_PIECE));
  }
  if (!pieces.size) return findings;
  const redact = (text: string): string => {
    const hidden = new Uint8Array(text.length);
    let any = false;
    for (let i = 0; i + SECRET_PIECE <= text.length; i++) {
      if (pieces.has(text.slice(i, i + SECRET_PIECE))) {
        hidden.fill(1, i, i + SECRET_PIECE);
        any = true;
      }
    }
    if (!any) return text;
    let out = "";
    for (let i = 0; i < text.length; i++) {
      if (!hidden[i]) out += text[i];
      else if (!hidden[i - 1] || i === 0) out += "…";
    }
    return out;
  };
  return findings.map((f) => ({ ...f, args: f.args.map((a) => (typeof a === "string" ? redact(a) : a)) }));
}

export const PATH_AND_SECRET_EXTENSIONS = new Set([
  ".json",
  ".sql",
  ".hql",
  ".sh",
  ".cfg",
  ".ini",
  ".properties",
  ".yaml",
  ".yml",
  ".conf",
  ".toml",
]);
