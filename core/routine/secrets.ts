/**
 * PTH001 (hard-coded users and paths) and SEC001 (credentials) as the gate reports them: the
 * value-based detectors of core/secrets (issue #20) turned into findings with a line and column,
 * their message pieces in the report's language, each with the name or path the LZ team's allow-list
 * tests (core/routine/allowList.ts, applied by the engine).
 *
 * A SEC001 finding says what holds the credential and where, never any character of it (kind, name
 * or the format's own label, length); the credentials found are returned apart so that the file's
 * other findings can be redacted (redactSecrets).
 */
import type { Tree } from "web-tree-sitter";
import type { RawFinding } from "../findings/types";
import { LineIndex } from "../findings/positions";
import { msg, type MessageArg, type MessageKey } from "../i18n/catalogue";
import {
  type AnalyzerStrings,
  type LiteralFinding,
  type LiteralScan,
  scanPythonTree,
  scanTextFile,
} from "../secrets/scan";

/** The detectors' kinds (stable English words, also in test/fixtures/corpora/stdlib-findings.json) → catalogue terms. */
const KIND_TERMS: Record<string, MessageKey> = {
  "home folder": "TermHomeFolder",
  "server path": "TermServerPath",
  "Windows path": "TermWindowsPath",
  "HDFS user folder": "TermHdfsUserFolder",
  "service account": "TermServiceAccount",
  "password in a connection string": "TermPasswordInConnectionString",
  "password in a URL": "TermPasswordInUrl",
  "private key": "TermPrivateKey",
  "AWS access key": "TermAwsAccessKey",
  "AWS secret access key": "TermAwsSecretAccessKey",
  "credential in an Authorization header": "TermAuthorizationHeader",
  JWT: "TermJwt",
  "GitLab token": "TermGitLabToken",
  "Google API key": "TermGoogleApiKey",
  "Azure SAS signature": "TermAzureSas",
  "GitHub token": "TermGitHubToken",
  "Slack token": "TermSlackToken",
  "Slack webhook URL": "TermSlackWebhook",
  "npm access token": "TermNpmToken",
  credential: "TermCredential",
};

const term = (kind: string): MessageArg => (KIND_TERMS[kind] ? msg(KIND_TERMS[kind]) : kind);

/** A detector's finding in the rule's message shape (SEC001: kind, name or label, length; PTH001: kind, path). */
function argsOf(f: LiteralFinding): MessageArg[] {
  if (f.rule === "PTH001" && f.name !== undefined) return [msg("TermUser", f.name), f.args[1]];
  const [kind, ...rest] = f.args;
  // A label that is the kind itself (secretlint's formats) is translated with it.
  if (f.rule === "SEC001" && rest[0] === kind) return [term(kind), term(kind), rest[1]];
  return [term(kind), ...rest];
}

/** Findings, and the credential values they are about (for redactSecrets; never printed). */
export interface PathsAndSecrets {
  findings: RawFinding[];
  secrets: string[];
}

function toFindings(file: string, text: string, scan: LiteralScan): PathsAndSecrets {
  const lines = new LineIndex(text);
  const findings: RawFinding[] = [];
  for (const f of scan.findings) {
    const { line, column } = lines.position(f.offset);
    // The allow-list runs in the engine (core/routine/allowList.ts): its pattern engine stays out of the workers.
    const allowKey = f.path ?? f.name;
    findings.push({
      rule: f.rule,
      file,
      line,
      column,
      args: argsOf(f),
      ...(allowKey !== undefined ? { allowKey } : {}),
    });
  }
  // Values an allow-list lets through stay in the redaction list: no other finding quotes them.
  return { findings, secrets: scan.secrets };
}

/** A Python file, on the parse tree the analyzer made and the string nodes its query met. */
export function pythonPathsAndSecrets(
  file: string,
  text: string,
  tree: Tree,
  strings: AnalyzerStrings,
): PathsAndSecrets {
  return toFindings(file, text, scanPythonTree(tree, text, strings));
}

/** A configuration, SQL or shell file. */
export function textPathsAndSecrets(file: string, text: string): PathsAndSecrets {
  return toFindings(file, text, scanTextFile(file, text));
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
