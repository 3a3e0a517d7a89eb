/**
 * Printing text that did not come from the task itself (a routine's output, file and attachment
 * names, HU titles, log lines) into a pipeline log without letting it drive the agent.
 *
 * The agent reads every line a task prints on stdout or stderr and, when it finds `##vso[` anywhere
 * in it (an ordinal, case-sensitive search), runs the logging command that follows: set a variable,
 * upload a file, complete the task… It splits lines on `\n`, `\r\n` and a lone `\r`. The web log
 * viewer also formats a line that starts with `##[` (`##[error]`, `##[group]`, `##[section]`…).
 *
 * The scheme, one for the whole product: a ZERO WIDTH SPACE (U+200B) goes between the two `#`.
 *   `##vso[` anywhere → `#\u200b#vso[`   (any letter case: `##VSO[` too, as the agent's own neutraliser does)
 *   `##[` at the start of a line, after optional blanks → `#\u200b#[`
 * The line still reads the same in the log (the marker is invisible) and no longer holds the prefix
 * the agent looks for. Nothing else changes: the text is not escaped, cut or trimmed.
 */

/** The marker put between the two `#` of a neutralized prefix. */
export const AGENT_COMMAND_BREAK = "\u200b";

const VSO_ANYWHERE = /#(#vso\[)/gi;
const FORMAT_AT_LINE_START = /(^|[\r\n])([ \t]*)#(#\[)/g;

/**
 * `line` with every agent logging command (`##vso[` anywhere) and log formatting command (`##[` at
 * the start of a line) broken by a zero-width space, so that printing it cannot make the agent do
 * anything. Meant for one line; text that still holds `\r` or `\n` is treated line by line (each line
 * start is checked), so splitting first is not needed for safety, only for readability.
 */
export function neutralizeAgentCommands(line: string): string {
  if (!line.includes("#")) return line;
  return line
    .replace(VSO_ANYWHERE, `#${AGENT_COMMAND_BREAK}$1`)
    .replace(FORMAT_AT_LINE_START, `$1$2#${AGENT_COMMAND_BREAK}$3`);
}

/** Whether the agent would take `line` (or a line within it) as a command: what neutralizing prevents. */
export function holdsAgentCommand(line: string): boolean {
  return /##vso\[/i.test(line) || /(^|[\r\n])[ \t]*##\[/.test(line);
}
