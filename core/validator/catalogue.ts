/** Everything registered, for the docs generator and the tests: import this to see every rule. */
import "./python/rules";
import "./routine/rules";
import "./analyzers";
import "../env/rules";
import "../logs/rules";
import "../run/rules";
import "../api/rules";
export { allRules, rulePage } from "./rules";
export { VALIDATOR_CONFIG_SCHEMA } from "./options";
export { VALIDATE_REPORT_SCHEMA } from "./reportSchema";
