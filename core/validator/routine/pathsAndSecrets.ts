/**
 * Hard-coded users, paths (PTH001) and credentials (SEC001): in Python string literals and
 * named literals, and in the lines of configuration and script files.
 */
import type { RawFinding } from "../types";
import { LineIndex } from "../positions";
import type { PythonNamedLiteral, PythonString } from "../python/analyzer";

interface PathPattern {
  kind: string;
  re: RegExp;
}

/** Each pattern finds a path (or account) that only exists on one machine or for one user. */
const PATH_PATTERNS: PathPattern[] = [
  { kind: "home folder", re: /(?<![\w$])\/home\/[A-Za-z0-9._-]+/g },
  { kind: "server path", re: /(?<![\w$])\/(?:avirtual|opt|srv|apps|u01)\/[A-Za-z0-9._-]+[^\s'",;)]*/g },
  { kind: "Windows path", re: /(?<![\w])[A-Za-z]:\\{1,2}[A-Za-z0-9_ .-]+[^\s'",;)]*/g },
  { kind: "HDFS user folder", re: /hdfs:\/\/[^\s'"/]*\/user\/[A-Za-z0-9._-]+|(?<![\w$.])\/user\/[A-Za-z0-9._-]+/g },
  { kind: "service account", re: /(?<![\w$])svc[a-z]{2,}[0-9]{1,3}(?![\w])/gi },
];

/** Names that hold a credential when a literal is assigned to them. */
const SECRET_NAME =
  /^(.*_)?(pass(word|wd)?|pwd|secret|token|api_?key|access_?key|private_?key|clave|contrase(n|ñ)a)(_.*)?$/i;
const USER_NAME = /^(.*_)?(user(name)?|usuario|usr)$/i;
/** Values that are references to a secret, not the secret: placeholders, lookups, empty. */
const PLACEHOLDER = /^\s*$|^\$\{|^\$\(|^\{\{|^%\(|^<.*>$|^\*+$|^x+$|^(none|null|changeme|\{\}|%s)$/i;

interface SecretPattern {
  kind: string;
  re: RegExp;
  /** Which capture holds the value (checked against PLACEHOLDER). */
  group: number;
}

const SECRET_PATTERNS: SecretPattern[] = [
  { kind: "password in a connection string", re: /\b(?:PWD|Password)\s*=\s*([^;'"\s]+)/gi, group: 1 },
  { kind: "password in a URL", re: /[a-z][a-z0-9+.-]*:\/\/[^/\s:@'"]+:([^@\s/'"]+)@/gi, group: 1 },
  { kind: "private key", re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH )?PRIVATE KEY-----()/g, group: 0 },
  { kind: "AWS access key", re: /\b(AKIA[0-9A-Z]{16})\b/g, group: 1 },
];

/** `password: x`, `"token" = "x"`, `clave=x` in configuration and shell files. */
const KEY_VALUE =
  /(?:^|[\s{,"'])((?:[A-Za-z0-9_.-]*_)?(?:pass(?:word|wd)?|pwd|secret|token|api_?key|access_?key|clave|contrase(?:n|ñ)a))["']?\s*[:=]\s*["']?([^"'\s,;}#]*)/gi;

/** Cheap tests first: most literals contain nothing any pattern could match. */
const MAY_HOLD_PATH = /[/\\]|svc/i;
const MAY_HOLD_SECRET = /[=@]|-----BEGIN|AKIA/;

function scanPaths(text: string, emit: (offset: number, args: string[]) => void): void {
  if (!MAY_HOLD_PATH.test(text)) return;
  for (const { kind, re } of PATH_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) emit(m.index, [kind, m[0]]);
  }
}

function scanSecrets(text: string, emit: (offset: number, args: string[]) => void): void {
  if (!MAY_HOLD_SECRET.test(text)) return;
  for (const { kind, re, group } of SECRET_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (group && PLACEHOLDER.test(m[group] ?? "")) continue;
      emit(m.index, [kind, mask(m[0])]);
    }
  }
}

/** Never print a secret in a finding: keep its first characters only. */
export function mask(text: string): string {
  return text.length <= 12 ? `${text.slice(0, 4)}…` : `${text.slice(0, 10)}…`;
}

export function pythonPathsAndSecrets(
  file: string,
  text: string,
  strings: PythonString[],
  named: PythonNamedLiteral[],
): RawFinding[] {
  const lines = new LineIndex(text);
  const out: RawFinding[] = [];
  const push = (rule: string, offset: number, args: string[]) => {
    const { line, column } = lines.position(offset);
    out.push({ rule, file, line, column, args });
  };
  // A literal reported through its name (usuario = "svcdemo01") is not reported again by content.
  const reported = new Set<number>();
  for (const n of named) {
    if (SECRET_NAME.test(n.name) && !PLACEHOLDER.test(n.content)) {
      push("SEC001", n.offset, [`credential '${n.name}'`, `${n.name} = ${mask(n.content)}`]);
      reported.add(n.offset);
    } else if (USER_NAME.test(n.name) && !PLACEHOLDER.test(n.content)) {
      push("PTH001", n.offset, [`user '${n.name}'`, n.content]);
      reported.add(n.offset);
    }
  }
  for (const s of strings) {
    if (reported.has(s.offset)) continue;
    scanPaths(s.content, (o, args) => push("PTH001", s.offset + o, args));
    scanSecrets(s.content, (o, args) => push("SEC001", s.offset + o, args));
  }
  return out;
}

/**
 * Server folders belong in configuration (that is where the fix hint sends them): in config
 * files only paths tied to one person or machine are findings.
 */
const CONFIG_EXTENSIONS = /\.(json|cfg|ini|properties|ya?ml|conf|toml)$/i;
const PERSONAL_KINDS = new Set(["home folder", "Windows path", "HDFS user folder", "service account"]);

/** Configuration, SQL and shell files: every line except comments. */
export function textPathsAndSecrets(file: string, text: string): RawFinding[] {
  const isConfig = CONFIG_EXTENSIONS.test(file);
  const out: RawFinding[] = [];
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
    scanPaths(raw, (o, args) => {
      if (!isConfig || PERSONAL_KINDS.has(args[0]))
        out.push({ rule: "PTH001", file, line: index + 1, column: column(o), args });
    });
    scanSecrets(raw, (o, args) => out.push({ rule: "SEC001", file, line: index + 1, column: column(o), args }));
    KEY_VALUE.lastIndex = 0;
    for (let m = KEY_VALUE.exec(raw); m; m = KEY_VALUE.exec(raw)) {
      if (PLACEHOLDER.test(m[2]) || /^(os\.environ|getenv|env\.)/.test(m[2])) continue;
      const offset = m.index + m[0].indexOf(m[1]);
      out.push({
        rule: "SEC001",
        file,
        line: index + 1,
        column: column(offset),
        args: [`credential '${m[1]}'`, `${m[1]} = ${mask(m[2])}`],
      });
    }
  });
  return out;
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
