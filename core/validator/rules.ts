/**
 * The rule catalogue: every rule the validator can report, as data. Codes are stable (tests,
 * SARIF consumers and `.lzvalidator.json` files rely on them). docs/rules/ is generated from
 * this table by `npm run docs`, so a rule cannot exist without its page.
 */
import type { Lang, Severity } from "./types";

export interface RuleText {
  en: string;
  es: string;
}

export interface Rule {
  code: string;
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
   * It stops what breaks production (credentials, code that fails on the server's Python, a dev dsn):
   * the routine cannot silence it, neither in its .lzvalidator.json nor with `# lz: ignore`.
   */
  protectsProduction?: boolean;
}

const rules: Rule[] = [];
const byCode = new Map<string, Rule>();

export function registerRules(list: Rule[]): void {
  for (const rule of list) {
    if (byCode.has(rule.code)) throw new Error(`rule ${rule.code} is registered twice`);
    rules.push(rule);
    byCode.set(rule.code, rule);
  }
}

export function allRules(): readonly Rule[] {
  return rules;
}

export function ruleByCode(code: string): Rule | undefined {
  return byCode.get(code);
}

export function ruleText(text: RuleText, lang: Lang): string {
  return text[lang];
}

/** Where the rule's page lives, relative to the repository root. */
export function rulePage(code: string): string {
  return `docs/rules/${code}.md`;
}
