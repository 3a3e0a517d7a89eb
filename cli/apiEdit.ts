/**
 * `lz api add-table | add-coordinator` on their own: bin/lz.js loads this small bundle for them (the
 * whole CLI carries the SQL grammar and the Python parser: a third of a second to load when it was split). The same
 * commands are in the whole CLI's list (cli/lz.ts), for `lz help`.
 */
import { API_EDIT_COMMANDS } from "./commands/apiEdit";
import { runCommandLine } from "./dispatch";

/** `argv` as bin/lz.js gets it: `api add-table …`. */
export function main(argv: string[]): Promise<number> {
  return runCommandLine(API_EDIT_COMMANDS, argv);
}
