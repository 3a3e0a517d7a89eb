/**
 * Cloud and Git provider token formats and private-key blocks, found by secretlint's own rules
 * (pinned at 12.0.0, the last release whose engines include Node 20; only the rules below, not the
 * recommended preset, which brings node-forge for GCP .p12 files).
 *
 * The rules run in-process and synchronously through their published creator interface
 * (`creator.create(context, options).file(source)`, @secretlint/types): no @secretlint/core, no
 * promise. Only the rule's message id and match range are kept. Its messages quote the secret, so
 * the translator handed to the rules never formats them: nothing that holds the value is built.
 */
import type {
  SecretLintRuleContext,
  SecretLintRuleCreator,
  SecretLintRuleReportHandler,
  SecretLintSourceCode,
} from "@secretlint/types";
import { creator as aws } from "@secretlint/secretlint-rule-aws";
import { creator as github } from "@secretlint/secretlint-rule-github";
import { creator as npm } from "@secretlint/secretlint-rule-npm";
import { creator as privateKey } from "@secretlint/secretlint-rule-privatekey";
import { creator as slack } from "@secretlint/secretlint-rule-slack";

export interface SecretlintMatch {
  /** secretlint's message id: AWSAccessKeyID, AWSSecretAccessKey, GITHUB_TOKEN, SLACK_TOKEN, IncomingWebhook, NPM_ACCESS_TOKEN, PrivateKey. */
  messageId: string;
  start: number;
  end: number;
}

/** What each message id is, in our words (the finding's kind). */
export const SECRETLINT_KINDS: Record<string, string> = {
  AWSAccessKeyID: "AWS access key",
  AWSSecretAccessKey: "AWS secret access key",
  GITHUB_TOKEN: "GitHub token",
  SLACK_TOKEN: "Slack token",
  IncomingWebhook: "Slack webhook URL",
  NPM_ACCESS_TOKEN: "npm access token",
  PrivateKey: "private key",
};

let reports: SecretlintMatch[] = [];

const context: SecretLintRuleContext = {
  sharedOptions: {},
  createTranslator: () => (messageId) => ({ message: "", messageId: String(messageId), data: undefined }),
  report: (d) => {
    reports.push({ messageId: (d.message as { messageId: string }).messageId, start: d.range[0], end: d.range[1] });
  },
  ignore: () => undefined,
};

const creators: Array<[SecretLintRuleCreator<Record<string, unknown>>, Record<string, unknown>]> = [
  // The access key id scan is off by default in the rule; the account id it also scans is not a secret (dropped below).
  [aws as SecretLintRuleCreator<Record<string, unknown>>, { enableIDScanRule: true }],
  [github as SecretLintRuleCreator<Record<string, unknown>>, {}],
  [slack as SecretLintRuleCreator<Record<string, unknown>>, {}],
  [npm as SecretLintRuleCreator<Record<string, unknown>>, {}],
  [privateKey as SecretLintRuleCreator<Record<string, unknown>>, {}],
];
let handlers: SecretLintRuleReportHandler[] | undefined;

function sourceOf(content: string): SecretLintSourceCode {
  const unsupported = () => {
    throw new Error("positions are computed by the caller");
  };
  return {
    hasBOM: false,
    content,
    filePath: undefined,
    physicalFilePath: undefined,
    contentType: "text",
    ext: "",
    getFilePath: () => undefined,
    getPhysicalFilePath: () => undefined,
    locationToRange: unsupported,
    rangeToLocation: unsupported,
    positionToIndex: unsupported,
    indexToPosition: unsupported,
  };
}

/** Ranges of the provider tokens and private keys that secretlint's rules find in `value`. */
export function secretlintMatches(value: string): SecretlintMatch[] {
  handlers ??= creators.map(([c, options]) => c.create(context, options));
  reports = [];
  const source = sourceOf(value);
  for (const h of handlers) void h.file?.(source);
  const found = reports.filter((r) => SECRETLINT_KINDS[r.messageId]);
  reports = [];
  return found.map((r) => (r.messageId === "AWSSecretAccessKey" ? awsSecretRange(value, r) : r));
}

/**
 * The AWS rule reports a secret access key with the match's start and the key's length (the range
 * starts at the variable's name): the range is moved onto the 40-character key after `=` or `:`.
 */
function awsSecretRange(value: string, r: SecretlintMatch): SecretlintMatch {
  const window = value.slice(r.start, r.start + 200);
  const m = /[:=]\s*["']?([A-Za-z0-9/+=]{40})/.exec(window);
  if (!m) return r;
  const start = r.start + m.index + m[0].length - 40;
  return { ...r, start, end: start + 40 };
}
