/** A severity as the reports print it, in the reader's language. */
import type { MessageKey } from "./catalogue";
import type { Severity } from "../problem";

export const SEVERITY_KEY: Record<Severity, MessageKey> = {
  error: "SeverityError",
  warning: "SeverityWarning",
  info: "SeverityInfo",
};
