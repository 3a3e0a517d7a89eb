/** RunRoutine's inputs (the task's or `lz run`'s flags) → what to run and how. */
import { type FailOn, type InputGetter, InputReader } from "../inputs";
import { problem, type Problem } from "../problem";
import { unresolvedVariables } from "../text";
import { expectedErrorPatternsInput } from "./runRoutine";

export interface RunRequest {
  command: string;
  /** Where the command runs; each surface has its own default (the agent's working folder, the CLI's). */
  workingDirectory?: string;
  timeoutMinutes: number;
  expectedErrorPatterns: string[];
  logsPath?: string;
  maxLineKB: number;
  failOn: FailOn;
  reportDirectory?: string;
}

export function runRequestFromInputs(get: InputGetter): { request: RunRequest; problems: Problem[] } {
  const r = new InputReader(get);
  const command = r.text("command") ?? "";
  if (!command) r.problems.push(problem("CommandMissing", "error", "command"));
  const missing = unresolvedVariables(command);
  if (missing.length) r.problems.push(problem("VariablesUndefined", "error", "command", missing.join(", ")));
  const expectedErrorPatterns = expectedErrorPatternsInput(r);
  const request: RunRequest = {
    command,
    workingDirectory: r.optional("workingDirectory"),
    timeoutMinutes: r.number("timeoutMinutes", 60, "TimeoutInvalid"),
    expectedErrorPatterns,
    logsPath: r.optional("logsPath"),
    maxLineKB: r.number("maxLineKB", 1024, "MaxLineInvalid", { integer: true, min: 1, max: 65536 }),
    failOn: r.failOn(),
    reportDirectory: r.optional("reportDirectory"),
  };
  return { request, problems: r.problems };
}
