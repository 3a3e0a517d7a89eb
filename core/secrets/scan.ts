/**
 * SEC001 and PTH001 decided on values (core/routine/secrets.ts turns these into the rules'
 * findings). The outcomes:
 *
 * - a credential of a known format (core/secrets/formats.ts) → SEC001, whatever the name;
 * - a name that suggests a secret (core/secrets/names.ts) bound to a value that looks like one
 *   (core/secrets/value.ts) → SEC001; with any other value → nothing;
 * - a hard-coded path or service account in the decoded value, or an account bound to a user name
 *   that is not a well-known one (core/secrets/paths.ts) → PTH001.
 *
 * Findings carry the rule's message arguments in today's shape (SEC001: kind, name or label,
 * length; PTH001: kind, path) and a file offset; never any character of a secret. The secrets
 * themselves are returned apart, for the redaction of the file's other findings.
 */
import { parseTree, Node as JsonNode } from "jsonc-parser";
import type { Node, Tree } from "web-tree-sitter";
import { DecodedString, decodeAnalyzerString, FIELD } from "./decode";
import { findKnownSecrets } from "./formats";
import { secretSuggestingName } from "./names";
import { findHardcodedPaths, hardcodedUserEvidence } from "./paths";
import { collectPythonValues, collectStringNodes, PythonValue } from "./python";
import { looksLikeSecret } from "./value";

export interface LiteralFinding {
  rule: "SEC001" | "PTH001";
  /** File offset the finding points at. */
  offset: number;
  /** SEC001: [kind, name or label, length of the secret]; PTH001: [kind, path] or [`user 'name'`, account]. */
  args: string[];
  /**
   * The name that made it a finding (a secret-suggesting name, or a user name for PTH001's account),
   * absent for a known format: the LZ team's allow-list tests names and paths, never values.
   */
  name?: string;
  /** PTH001: the hard-coded path (what the allow-list tests). */
  path?: string;
}

export interface LiteralScan {
  findings: LiteralFinding[];
  /** The credentials found (for redactSecrets; never printed). */
  secrets: string[];
}

export interface NamedValue {
  value: DecodedString;
  name?: string;
}

/** Kinds of PTH001 that are findings in configuration files (server folders belong there). */
const PERSONAL_KINDS: ReadonlySet<string> = new Set([
  "home folder",
  "Windows path",
  "HDFS user folder",
  "service account",
]);

const length = (s: string) => String(Array.from(s).length);

/** Collects findings over one file; one secret is reported once, however many expressions hold it. */
export class LiteralScanner {
  readonly findings: LiteralFinding[] = [];
  readonly secrets: string[] = [];
  private readonly reported = new Set<number>();

  constructor(private readonly options: { onlyPersonalPaths?: boolean } = {}) {}

  private secret(offset: number, secretStart: number, args: string[], secret: string, name?: string): void {
    if (this.reported.has(secretStart)) return;
    this.reported.add(secretStart);
    this.findings.push({ rule: "SEC001", offset, args, ...(name !== undefined ? { name } : {}) });
    this.secrets.push(secret);
  }

  /** One value and the name it is bound to (`formatsOnly`: known formats, no names or paths). */
  scan({ value: d, name }: NamedValue, formatsOnly = false): void {
    const v = d.value;
    let secretFound = false;
    for (const m of findKnownSecrets(v)) {
      const secret = v.slice(m.start, m.end);
      this.secret(
        d.offsets[m.at] ?? d.offsets[0],
        d.offsets[m.start] ?? d.offsets[0],
        [m.kind, m.label, length(secret)],
        secret,
      );
      secretFound = true;
    }
    if (!secretFound && name && secretSuggestingName(name) && looksLikeSecret(v)) {
      const first = Math.max(
        0,
        Array.from(v).findIndex((c) => c !== FIELD && c.trim() !== ""),
      );
      const constant = v.split(FIELD).filter((p) => p.trim().length >= 4);
      this.secret(
        d.offsets[first] ?? 0,
        d.offsets[first] ?? 0,
        ["credential", name, length(constant.join(""))],
        constant.join(""),
        name,
      );
      this.secrets.push(...constant.slice(1));
      secretFound = true;
    }
    if (secretFound || formatsOnly) return;
    if (name && hardcodedUserEvidence(name, v).user) {
      this.findings.push({ rule: "PTH001", offset: d.offsets[0] ?? 0, args: [`user '${name}'`, v.trim()], name });
      return;
    }
    for (const p of findHardcodedPaths(v)) {
      if (this.options.onlyPersonalPaths && !PERSONAL_KINDS.has(p.kind)) continue;
      this.findings.push({ rule: "PTH001", offset: d.offsets[p.start] ?? 0, args: [p.kind, p.path], path: p.path });
    }
  }

  result(): LiteralScan {
    const findings = [...this.findings].sort((a, b) => a.offset - b.offset);
    return { findings, secrets: this.secrets };
  }
}

/** A Python file's values (core/secrets/python.ts) checked. */
export function scanPythonValues(values: readonly PythonValue[]): LiteralScan {
  const scanner = new LiteralScanner();
  for (const v of values) scanner.scan(v);
  return scanner.result();
}

/** A Python file checked on the parse tree the analyzer made. */
export function scanPythonTree(tree: Tree, text: string, strings?: AnalyzerStrings): LiteralScan {
  let given: AnalyzerStrings;
  if (strings) given = strings;
  else {
    const nodes = collectStringNodes(tree);
    given = { nodes, ranges: nodes.flatMap((n) => [n.startIndex, n.endIndex]) };
  }
  return scanPythonValues(collectPythonValues(tree, text, mayMatter(text, given)));
}

/** The string nodes the Python analyzer met, their `[start, end)` flat (in the same order), its docstrings' starts. */
export interface AnalyzerStrings {
  nodes: readonly Node[];
  ranges: readonly number[];
  docstrings?: ReadonlySet<number>;
}

/**
 * Cheap tests on the source text before the expensive part (the climb in the parse tree, in wasm),
 * reading offsets from the analyzer's flat ranges (each node property is a call into wasm): most
 * strings can hold no finding. A string can when its source has what a known format or path needs
 * (`@`, `PWD`, `Password`, `/home/`, `C:\\`, `Bearer`, `AKIA`…: the piece that holds it is met, and the
 * climb folds the whole expression from there), or when a word that may be part of a secret or user
 * name is written on its line, or on the line before when the string starts its line (the name it
 * is bound to). An implicit concatenation is judged whole (it is folded from its first piece).
 * Docstrings are bound to nothing. Escapes that spell these characters (`\\x40` for `@`) are not
 * decoded here: the check is for everyday code, not for a routine hiding a credential on purpose.
 */
const MAY_HOLD_FORMAT_OR_PATH =
  /@|[A-Za-z]:\\|\/(?:home|avirtual|opt|srv|apps|u01|user)\b|pwd|passw|accountkey|sharedaccesskey|sig=|secret|authorization|basic|bearer|token|digest|negotiate|eyJ|glpat-|AIza|-----BEGIN|A3T|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA|gh[pousr]_|github_pat_|xox|xapp|slack|npm_|svc/i;
/** Every secret and user word of core/secrets/names.ts contains one of these. */
const MAY_NAME = /pass|pwd|pw|secret|token|key|cred|clave|contras|llave|bearer|user|usr|usuario|login|uid/i;

/** Only blanks, line continuations and a string prefix (`rb`, `f`) between `from` and `to`. */
function onlyGap(text: string, from: number, to: number): boolean {
  if (to < from || to - from > 64) return false;
  let letters = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 92) continue;
    if (/[rRbBuUfF]/.test(text[i]) && ++letters <= 2) continue;
    return false;
  }
  return true;
}

/** How far before a string its name may be written. */
const NAME_WINDOW = 240;

/**
 * Where the name a string is bound to may be written: its line up to it, and the line before when
 * it starts its line; never more than NAME_WINDOW characters (a generated file may be one long line:
 * a search for its start from every string would be quadratic).
 */
function nameWindow(text: string, start: number): string {
  const head = text.slice(Math.max(0, start - NAME_WINDOW), start);
  const newline = head.lastIndexOf("\n");
  if (newline === -1) return head;
  const line = head.slice(newline + 1);
  if (!/^[\s([{]*$/.test(line)) return line;
  return head.slice(head.lastIndexOf("\n", newline - 1) + 1);
}

function mayMatter(text: string, { nodes, ranges, docstrings }: AnalyzerStrings): Node[] {
  const kept: Node[] = [];
  // Each run of literals an implicit concatenation joins is judged once, whole (one pass: a generated
  // file can be one concatenation of thousands of pieces).
  for (let i = 0; i < nodes.length;) {
    const start = ranges[2 * i];
    let k = i + 1;
    while (k < nodes.length && onlyGap(text, ranges[2 * k - 1], ranges[2 * k])) k++;
    const end = ranges[2 * k - 1];
    if (
      !docstrings?.has(start) &&
      (MAY_HOLD_FORMAT_OR_PATH.test(text.slice(start, end)) || MAY_NAME.test(nameWindow(text, start)))
    )
      for (let j = i; j < k; j++) kept.push(nodes[j]);
    i = k;
  }
  return kept;
}

/**
 * A Python file checked on what the analyzer extracts today (its `strings` and `namedLiterals`),
 * each literal decoded on its own: no concatenation, formats, parameter defaults or dictionary
 * keys. The fallback when no tree is at hand, and the "decoding only" figure of the bench.
 */
export function scanAnalyzerLiterals(
  text: string,
  strings: ReadonlyArray<{ offset: number; content: string }>,
  named: ReadonlyArray<{ name: string; offset: number; content: string }>,
): LiteralScan {
  const scanner = new LiteralScanner();
  const bound = new Set<number>();
  for (const n of named) {
    const value = decodeAnalyzerString(text, n);
    if (!value) continue;
    bound.add(n.offset);
    scanner.scan({ value, name: n.name });
  }
  for (const s of strings) {
    if (bound.has(s.offset)) continue;
    const value = decodeAnalyzerString(text, s);
    if (value) scanner.scan({ value });
  }
  return scanner.result();
}

const CONFIG_EXTENSIONS = /\.(json|cfg|ini|properties|ya?ml|conf|toml|env)$/i;
const COMMENT = /^\s*(#|;|--|\/\/)/;

/** Text at `offset`: every character maps to its own offset (no escapes to undo). */
function plain(value: string, offset: number): DecodedString {
  return { value, offsets: Array.from({ length: value.length }, (_, i) => offset + i), exact: true };
}

/** A quoted scalar of a configuration line, unquoted (YAML/INI/shell: '…' and "…"). */
function unquote(raw: string, offset: number): DecodedString {
  const t = raw.trimEnd();
  const q = t[0];
  if ((q === '"' || q === "'") && t.length >= 2 && t.endsWith(q)) {
    const inner = t.slice(1, -1);
    if (q === '"' && inner.includes("\\")) {
      try {
        return { ...plain(JSON.parse(`"${inner}"`) as string, offset + 1), exact: false };
      } catch {
        /* not JSON-like escapes: kept as written */
      }
    }
    return plain(q === "'" ? inner.replace(/''/g, "'") : inner, offset + 1);
  }
  return plain(t, offset);
}

/** `key: value`, `key = value`, `export KEY=value`: the key and where the value starts. */
const KEY_VALUE = /^(\s*(?:export\s+|-\s+)?)["']?([A-Za-z0-9_.$-]{1,128})["']?\s*([:=])\s*/;

/** JSON: each string value with the key it sits under. */
function scanJson(scanner: LiteralScanner, text: string): boolean {
  const errors: unknown[] = [];
  const root = parseTree(text, errors as never[], { allowTrailingComma: true, disallowComments: false });
  if (!root || errors.length) return false;
  const visit = (node: JsonNode, key: string | undefined, depth: number) => {
    if (depth > 64) return;
    if (node.type === "property" && node.children?.length === 2) {
      visit(node.children[1], String(node.children[0].value), depth + 1);
      return;
    }
    if (node.type === "string") {
      const value = String(node.value);
      // Offsets inside the string: exact without escapes, on the right line always (JSON strings hold no newline).
      const offsets = Array.from({ length: value.length }, (_, i) => node.offset + 1 + Math.min(i, node.length - 2));
      scanner.scan({ value: { value, offsets, exact: true }, name: key });
      return;
    }
    for (const child of node.children ?? []) visit(child, key, depth + 1);
  };
  visit(root, undefined, 0);
  return true;
}

/**
 * A configuration, SQL or shell file. Configuration keys and shell variables are names (`password:
 * x`, `export IMPALA_PWD=x`); in SQL `clave = 'x'` is a comparison, so SQL gets the known formats
 * only. Known formats are looked for on every line, comments too (a credential in a comment is
 * out all the same); paths as today (not in comments; in configuration files only personal ones).
 */
export function scanTextFile(file: string, text: string): LiteralScan {
  const isConfig = CONFIG_EXTENSIONS.test(file);
  const isSql = /\.(sql|hql)$/i.test(file);
  const scanner = new LiteralScanner({ onlyPersonalPaths: isConfig });
  if (/\.json$/i.test(file) && scanJson(scanner, text)) return scanner.result();
  const lines = text.split("\n");
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, "");
    const start = offset;
    offset += lines[i].length + 1;
    const comment = COMMENT.test(raw);
    const kv = !isSql && !comment ? KEY_VALUE.exec(raw) : null;
    if (kv) {
      let valueText = raw.slice(kv[0].length);
      let valueStart = start + kv[0].length;
      if (/^[|>][-+]?\s*$/.test(valueText)) {
        // YAML block scalar: the more-indented lines that follow are the value.
        const indent = /^\s*/.exec(raw)![0].length;
        const block: string[] = [];
        let j = i + 1;
        let blockOffset = offset;
        valueStart = offset;
        for (; j < lines.length && (lines[j].trim() === "" || /^\s*/.exec(lines[j])![0].length > indent); j++) {
          block.push(lines[j].trim());
          blockOffset += lines[j].length + 1;
        }
        valueText = block.join("\n");
        const offsets: number[] = [];
        let o = valueStart;
        for (let k = i + 1; k < j; k++) {
          const lead = /^\s*/.exec(lines[k])![0].length;
          for (let c = 0; c <= lines[k].trim().length; c++) offsets.push(o + lead + c);
          o += lines[k].length + 1;
        }
        scanner.scan({ value: { value: valueText, offsets, exact: true }, name: kv[2] });
        i = j - 1;
        offset = blockOffset;
        continue;
      }
      valueText = valueText.replace(/\s+#.*$/, "");
      scanner.scan({ value: unquote(valueText, valueStart), name: kv[2].replace(/^\$/, "") });
      // The whole line (a command, a URL beside the key) for known formats.
      scanner.scan({ value: plain(raw, start) }, true);
      continue;
    }
    scanner.scan({ value: plain(raw, start) }, comment);
  }
  return scanner.result();
}
