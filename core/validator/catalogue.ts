/** What the docs generator and the tests read: every rule (from the registry), their pages, the schemas. */
export { allRules, RULE_FAMILIES } from "./registry";
export { rulePage } from "../findings/rule";
export { VALIDATOR_CONFIG_SCHEMA } from "./options";
export { VALIDATE_REPORT_SCHEMA } from "../findings/reportSchema";
