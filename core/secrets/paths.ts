/**
 * Hard-coded paths and accounts (PTH001) in a literal's decoded value (core/secrets/decode.ts): the
 * same kinds PTH001 reported before issue #20, read from what
 * Python builds instead of the source text. So `'%s:\n'` holds `s:` and a newline, not a drive, and a
 * format placeholder is never part of a path: a drive letter preceded by `%` or `{` is a field.
 *
 * The patterns have no nested quantifiers: linear in the value's length.
 */
import { FIELD } from "./decode";
import { userSuggestingName } from "./names";
import { isPlaceholder } from "./value";

export interface PathMatch {
  /** "home folder", "server path", "Windows path", "HDFS user folder", "service account". */
  kind: string;
  /** The path as written in the value (shown in the finding: a path is no secret). */
  path: string;
  start: number;
  end: number;
}

/**
 * Accounts that belong to no person (the issue's `anonymous`, `guest`, `nobody`, and the Hadoop
 * services whose HDFS folders every cluster has, such as `/user/hive/warehouse`).
 */
const WELL_KNOWN_ACCOUNTS: ReadonlySet<string> = new Set([
  "anonymous",
  "anon",
  "anonimo",
  "guest",
  "invitado",
  "nobody",
  "public",
  "publico",
  "hive",
  "impala",
  "hdfs",
  "spark",
  "yarn",
  "hue",
  "oozie",
  "mapred",
  "history",
  "sqoop",
  "kafka",
  "hbase",
  "solr",
]);

/** A well-known account that is nobody's own: `anonymous`, `guest`, `nobody`, `hive`… */
export function isWellKnownAccount(name: string): boolean {
  return WELL_KNOWN_ACCOUNTS.has(
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase(),
  );
}

interface PathPattern {
  kind: string;
  re: RegExp;
  /** The account named by the match, when the kind is tied to one (checked against the well-known list). */
  account?: (m: RegExpExecArray) => string;
}

const PATH_PATTERNS: PathPattern[] = [
  { kind: "home folder", re: /(?<![\w$])\/home\/([A-Za-z0-9._-]+)/g, account: (m) => m[1] },
  {
    kind: "server path",
    re: /(?<![\w$])\/(?:avirtual|opt|srv|apps|u01)\/[A-Za-z0-9._-]+[^\s'",;)\uFFFC]*/g,
  },
  // One backslash: the value is decoded. Not after `%`, `{` or a word: `%s:\…` and `{0}:\…` are fields.
  { kind: "Windows path", re: /(?<![\w%{}])[A-Za-z]:\\[A-Za-z0-9_ .-]+[^\s'",;)\uFFFC]*/g },
  {
    kind: "HDFS user folder",
    re: /hdfs:\/\/[^\s'"/\uFFFC]{0,256}\/user\/([A-Za-z0-9._-]+)|(?<![\w$.])\/user\/([A-Za-z0-9._-]+)/g,
    account: (m) => m[1] ?? m[2],
  },
  { kind: "service account", re: /(?<![\w$])svc[a-z]{2,}[0-9]{1,3}(?![\w])/gi },
];

/** Cheap test first: most values hold nothing any pattern could match. */
const MAY_HOLD_PATH = /[/\\]|svc/i;

/** The hard-coded paths and service accounts in a decoded value. */
export function findHardcodedPaths(value: string): PathMatch[] {
  if (!MAY_HOLD_PATH.test(value)) return [];
  const found: PathMatch[] = [];
  for (const { kind, re, account } of PATH_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(value); m; m = re.exec(value)) {
      if (account && isWellKnownAccount(account(m))) continue;
      found.push({ kind, path: m[0], start: m.index, end: m.index + m[0].length });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** What PTH001 needs to say a name holds a hard-coded account, or why it does not. */
export type UserEvidence =
  { user: true } | { user: false; because: "name" | "placeholder" | "well-known account" | "not an account" };

/**
 * `usuario = "dvaron"`, `db_user = "svcimpala01"`: a hard-coded account. Not when the name holds
 * something else (`COLUMNA_USUARIO = "usuario"`, `USER_ENV_VAR = "LZ_USER"`), the value is a
 * placeholder, a well-known account (`anonymous`), or no account name (a prompt, a sentence, a
 * computed value, an environment variable's name, a name of a kind of user such as `posix_user`).
 */
export function hardcodedUserEvidence(name: string, value: string): UserEvidence {
  if (!userSuggestingName(name)) return { user: false, because: "name" };
  const v = value.trim();
  if (isPlaceholder(v) || v.includes(FIELD)) return { user: false, because: "placeholder" };
  if (isWellKnownAccount(v)) return { user: false, because: "well-known account" };
  const envName = v.includes("_") && v.split("_").every((p) => /^[A-Z0-9]+$/.test(p));
  if (!/^[A-Za-z0-9._@\\-]{2,64}$/.test(v) || envName || /(^|[_.-])(user|username|usuario|usr|login)($|[_.-])/i.test(v))
    return { user: false, because: "not an account" };
  return { user: true };
}
