/** `lz oc-vars`: CreateOCVars outside a pipeline. Release variables come as repeatable `--var "Name=value"`. */
import taskJson from "../../tasks/CreateOCVarsV1/task.json";
import { loadDependencyMapping } from "../../core/oc/dependencyMap";
import { prepareOcVariables } from "../../core/oc/ocVariables";
import { DEFAULT_VARIABLE_NAMES, RELEASE_FIELDS, ReleaseField, VARIABLE_INPUTS } from "../../core/oc/releaseFields";
import { buildReport } from "../../core/report";
import { CommandResult, reportAsText } from "../command";
import { parseTaskCommand, UsageError } from "../taskInputs";
import { cliLocalizer } from "../taskStrings";

export const ocVarsHelp = [
  '--var "Name=value"   a release variable (repeatable), e.g. --var "Nombre Celula=DAIA15 - DRACARYS"',
  '                     the description is --var "Release.ReleaseDescription=$(cat description.txt)"',
];

/** Release variable names compare like the agent does: case-insensitive, '.' and ' ' as '_'. */
function variableKey(name: string): string {
  return name.replace(/[. ]/g, "_").toUpperCase();
}

export function ocVars(argv: string[]): CommandResult {
  const { inputs, options } = parseTaskCommand(taskJson, argv, { var: { type: "string", multiple: true } });
  const variables = new Map<string, string>();
  for (const pair of (options.var as string[] | undefined) ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`--var expects "Name=value", got '${pair}'`);
    variables.set(variableKey(pair.slice(0, eq).trim()), pair.slice(eq + 1));
  }
  const read = (name: string) => variables.get(variableKey(name));

  const variableNames = {} as Record<ReleaseField, string>;
  const values: Partial<Record<ReleaseField, string | undefined>> = {};
  for (const field of RELEASE_FIELDS) {
    variableNames[field] = inputs[VARIABLE_INPUTS[field]] || DEFAULT_VARIABLE_NAMES[field];
    values[field] = read(variableNames[field]);
  }
  const dependencies = loadDependencyMapping(inputs.dependencyMapping ?? "", inputs.dependencyMappingFile || undefined);

  const descriptionVariable = inputs.descriptionVariable || "Release.ReleaseDescription";
  const result = prepareOcVariables({
    variableNames,
    values,
    descriptionVariable,
    description: read(descriptionVariable),
    artifactVersion: inputs.artifactVersion ?? read("Build.BuildNumber"),
    dependencies,
  });
  const loc = cliLocalizer(options.lang);
  const report = buildReport("CreateOCVars", result.problems, result.variables, loc);
  const output = options.format === "json" ? JSON.stringify(report, null, 2) : reportAsText(report);
  return { output, exitCode: result.ok ? 0 : 1 };
}
