/**
 * The child script MockTestRunner starts (azure-pipelines-tasks' L0<Case>.ts, made generic): it
 * reads the scenario from LZ_SCENARIO, sets inputs and variables the way the agent does, and
 * runs the task's shipped bundle with the real task-lib (noMockTask: the bundle inlines task-lib).
 */
import { TaskMockRunner } from "azure-pipelines-task-lib/mock-run";
import { variableEnvName } from "./agentEnv";

interface Scenario {
  taskPath: string;
  inputs: Record<string, string>;
  variables: Record<string, string>;
  secrets: Record<string, string>;
  /** Task-instance variables (tl.setTaskVariable of an earlier step, e.g. for a post-job entry). */
  taskVariables: Record<string, string>;
}

const scenario = JSON.parse(process.env.LZ_SCENARIO ?? "{}") as Scenario;
const runner = new TaskMockRunner(scenario.taskPath);
for (const [name, value] of Object.entries(scenario.inputs)) runner.setInput(name, value);
for (const [name, value] of Object.entries(scenario.variables)) process.env[variableEnvName(name)] = value;
for (const [name, value] of Object.entries(scenario.secrets)) runner.setVariableName(name, value, true);
for (const [name, value] of Object.entries(scenario.taskVariables ?? {})) runner.setVariableName(name, value);
runner.run(true);
