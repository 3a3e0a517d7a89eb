/** One command of `lz`, run with the convention every command shares: --help, exit codes, usage errors. */
import type { CommandResult } from "./command";
import { TaskDefinition, UsageError, usageOf } from "./taskInputs";

export interface Command {
  summary: string;
  task: TaskDefinition;
  extraHelp: string[];
  run(argv: string[]): CommandResult | Promise<CommandResult>;
}

export async function runOne(name: string, command: Command, rest: string[]): Promise<number> {
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(usageOf(name, command.task, command.extraHelp) + "\n");
    return 0;
  }
  try {
    const { output, exitCode } = await command.run(rest);
    process.stdout.write(output + "\n");
    return exitCode;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`lz ${name}: ${err.message}\n\n${usageOf(name, command.task, command.extraHelp)}\n`);
      return 2;
    }
    throw err;
  }
}
