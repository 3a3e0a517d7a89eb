/** Terminal colours for severities, and whether the terminal wants them. */
import { createColors } from "picocolors";
import type { Severity } from "../core/problem";

const colours = createColors(true);
const BY_SEVERITY: Record<Severity, (text: string) => string> = {
  error: (t) => colours.bold(colours.red(t)),
  warning: colours.yellow,
  info: colours.cyan,
};

export function severityPainter(severity: Severity, text: string): string {
  return BY_SEVERITY[severity](text);
}

/**
 * Colour only where a person reads it: stdout a terminal, TERM not dumb, and never with NO_COLOR
 * (https://no-color.org: any non-empty value).
 */
export function colourWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return !!stream.isTTY && !env.NO_COLOR && env.TERM !== "dumb";
}
