/**
 * Every rule family the validator knows, listed once. Adding a rule touches its family folder
 * (core/<family>/rules.ts, next to its check) and, for a new family, this list. Nothing registers
 * itself on import: what is not listed here does not exist.
 */
import { API_RULES } from "../api/rules";
import { ENV_RULES } from "../env/rules";
import type { Rule } from "../findings/rule";
import { LOG_RULES } from "../logs/rules";
import { PYTHON_RULES } from "../python/rules";
import { ROUTINE_RULES } from "../routine/rules";
import { RUN_RULES } from "../run/rules";
import { SQL_RULES } from "../sql/rules";
import { VALIDATOR_RULES } from "./rules";

export const RULE_FAMILIES = {
  python: PYTHON_RULES,
  sql: SQL_RULES,
  routine: ROUTINE_RULES,
  logs: LOG_RULES,
  env: ENV_RULES,
  run: RUN_RULES,
  api: API_RULES,
  validator: VALIDATOR_RULES,
} as const;

export const ALL_RULES: readonly Rule[] = Object.values(RULE_FAMILIES).flat();

const byCode = new Map<string, Rule>(ALL_RULES.map((r) => [r.code, r]));
if (byCode.size !== ALL_RULES.length) throw new Error("two rules share a code");

export function allRules(): readonly Rule[] {
  return ALL_RULES;
}

export function ruleByCode(code: string): Rule | undefined {
  return byCode.get(code);
}
