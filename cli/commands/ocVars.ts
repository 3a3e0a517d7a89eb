/** `lz oc-vars`: CreateOCVars outside a pipeline. Release variables come as repeatable `--var "Name=value"`. */
import taskJson from "../../tasks/CreateOCVarsV1/task.json";
import spanish from "../../tasks/CreateOCVarsV1/Strings/resources.resjson/es-ES/resources.resjson";
import { ocInputFromInputs } from "../../core/oc/inputs";
import { prepareOcVariables } from "../../core/oc/ocVariables";
import { buildReport } from "../../core/report";
import { type CommandSpec, reportAsText, UsageError } from "../command";
import { flagInputs } from "../taskInputs";

/** Release variable names compare like the agent does: case-insensitive, '.' and ' ' as '_'. */
function variableKey(name: string): string {
  return name.replace(/[. ]/g, "_").toUpperCase();
}

export const ocVarsCommand: CommandSpec = {
  name: "oc-vars",
  summary: "CliSummaryOcVars",
  task: taskJson,
  spanish,
  flags: { var: { type: "string", multiple: true, value: '"Name=value"', text: "CliFlagVar" } },
  run({ inputs, options, loc }) {
    const variables = new Map<string, string>();
    for (const pair of (options.var as string[] | undefined) ?? []) {
      const eq = pair.indexOf("=");
      if (eq <= 0) throw new UsageError(loc("CliVarPair", pair));
      variables.set(variableKey(pair.slice(0, eq).trim()), pair.slice(eq + 1));
    }
    const result = prepareOcVariables(
      ocInputFromInputs(flagInputs(inputs), (name) => variables.get(variableKey(name))),
    );
    const report = buildReport("CreateOCVars", result.problems, result.variables, loc);
    const output = options.format === "json" ? JSON.stringify(report, null, 2) : reportAsText(report, loc);
    return { output, exitCode: result.ok ? 0 : 1 };
  },
};
