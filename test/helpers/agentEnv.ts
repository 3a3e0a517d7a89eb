/**
 * How the agent hands a task its inputs and public variables: environment variables named like
 * `INPUT_PMOVARIABLE` and `RELEASE_RELEASENAME` ('.' and ' ' become '_'); task-lib reads exactly those.
 */
export const variableEnvName = (name: string): string => name.replace(/[. ]/g, "_").toUpperCase();
export const inputEnvName = (name: string): string => `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;

export function agentEnv(inputs: Record<string, string>, variables: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(inputs)) env[inputEnvName(name)] = value;
  for (const [name, value] of Object.entries(variables)) env[variableEnvName(name)] = value;
  return env;
}
