/**
 * `lz api add-table | add-coordinator` on their own: bin/lz.js loads this small bundle for them (the
 * whole CLI carries the SQL grammar and the Python parser, a third of a second to load). The same
 * commands are in the whole CLI's table, for `lz --help`.
 */
import { addCoordinatorCommand, addCoordinatorHelp, addCoordinatorTask } from "./commands/apiEdit";
import { addTableCommand, addTableHelp, addTableTask } from "./commands/apiEdit";
import { Command, runOne } from "./runOne";

export const API_EDIT_COMMANDS: Record<string, Command> = {
  "api add-table": {
    summary: "add a DynamoDB table and all its pieces to an API's template and params files, in place",
    task: addTableTask,
    extraHelp: addTableHelp,
    run: addTableCommand,
  },
  "api add-coordinator": {
    summary: "create a table's coordinator cfg from another table's, and TMP_FILES/logs/test.txt",
    task: addCoordinatorTask,
    extraHelp: addCoordinatorHelp,
    run: addCoordinatorCommand,
  },
};

/** `argv` as bin/lz.js gets it: `api add-table …`. Unknown subcommands are the whole CLI's (bin/lz.js). */
export function main(argv: string[]): Promise<number> {
  const name = `${argv[0]} ${argv[1]}`;
  return runOne(name, API_EDIT_COMMANDS[name], argv.slice(2));
}
