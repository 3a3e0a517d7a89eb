/** ValidateRoutine's inputs (the task's or `lz validate`'s flags) → what to validate and with which settings. */
import { parseReadLimits } from "../files/limits";
import { type InputGetter, InputReader } from "../inputs";
import { problem, type Problem } from "../problem";
import { isUnresolvedMacro } from "../text";
import type { OptionInputs } from "./options";

export interface ValidateRequest {
  /** The routine folder (the CLI may give it as its argument instead). */
  routinePath?: string;
  /** The engine's settings; the language is the surface's, not an input. */
  options: Omit<OptionInputs, "lang">;
  reportDirectory?: string;
  rulesDocsUrl?: string;
  /** The HU to comment on (pipelines only: it needs the job's token). */
  workItemId?: string;
  logsFromWorkItem: boolean;
  /** The target version's interpreter for the fixes' compile check (core/fix/compile.ts). */
  python?: string;
}

export function validateRequestFromInputs(get: InputGetter): { request: ValidateRequest; problems: Problem[] } {
  const r = new InputReader(get);
  const routinePath = r.text("routinePath");
  if (routinePath && isUnresolvedMacro(routinePath))
    r.problems.push(problem("RoutinePathUnresolved", "error", "routinePath", routinePath));
  const limits = parseReadLimits((name) => r.text(name));
  r.problems.push(...limits.problems);
  const request: ValidateRequest = {
    routinePath: routinePath && !isUnresolvedMacro(routinePath) ? routinePath : undefined,
    options: {
      pythonVersion: r.text("pythonVersion"),
      expectedDsn: r.text("expectedDsn"),
      zona: r.optional("zona"),
      artifactVersion: r.optional("artifactVersion"),
      versionFile: r.optional("versionFile"),
      configFile: r.optional("configFile"),
      ruleSeverities: r.text("ruleSeverities"),
      protectedRules: r.text("protectedRules"),
      allowedNamesAndPaths: r.text("allowedNamesAndPaths"),
      logToleratedPatterns: r.text("logToleratedPatterns"),
      logRetryPatterns: r.text("logRetryPatterns"),
      failOn: r.failOn(),
      logsPath: r.optional("logsPath"),
      ...limits.limits,
    },
    reportDirectory: r.optional("reportDirectory"),
    rulesDocsUrl: r.optional("rulesDocsUrl"),
    workItemId: r.optional("workItemId"),
    logsFromWorkItem: r.boolean("logsFromWorkItem"),
    python: r.optional("python"),
  };
  return { request, problems: r.problems };
}
