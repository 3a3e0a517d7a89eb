/**
 * What a rule is: its stable code (tests, SARIF consumers and `.lzvalidator.json` files rely on it),
 * severity, texts in both languages, why it matters and an example. Each family keeps its rules next
 * to its checks (core/<family>/rules.ts); core/validator/registry.ts lists every family, and
 * docs/rules/ is generated from them by `npm run docs`, so a rule cannot exist without its page.
 */
import type { RuleCode } from "./ruleCodes";
import type { Lang, Severity } from "./types";

export type { RuleCode };

export interface RuleText {
  en: string;
  es: string;
}

export interface Rule {
  code: RuleCode;
  name: string;
  severity: Severity;
  /** Which part of the routine it looks at, for the catalogue. */
  category:
    | "python"
    | "paths-and-secrets"
    | "configuration"
    | "packaging"
    | "files"
    | "validator"
    | "sql"
    | "environment"
    | "logs"
    | "api";
  /** One line: what it checks. */
  title: RuleText;
  /** The finding's message; `%s` placeholders take the analyzer's arguments in order. */
  message: RuleText;
  fix: RuleText;
  /** Why it matters (the page's second section). */
  why: string;
  example?: { bad: string; good: string; language: string };
  /**
   * What the rule lets through by design (markdown lines for the page's "What is not a finding"):
   * the outcomes and the allowed patterns.
   */
  allowed?: string[];
  /** The LZ team's project-wide allow-list of names and paths applies (task input allowedNamesAndPaths). */
  allowList?: boolean;
  /** The run-log patterns the LZ team configures (task inputs logToleratedPatterns, logRetryPatterns). */
  logPatterns?: boolean;
  /**
   * It stops what breaks production (credentials, code that fails on the server's Python, a dev dsn):
   * the routine cannot silence it, neither in its .lzvalidator.json nor with `# lz: ignore`.
   */
  protectsProduction?: boolean;
}

export function ruleText(text: RuleText, lang: Lang): string {
  return text[lang];
}

/** Where the rule's page lives, relative to the repository root. */
export function rulePage(code: string): string {
  return `docs/rules/${code}.md`;
}
