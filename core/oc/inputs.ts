/**
 * CreateOCVars' inputs (the task's or `lz oc-vars`' flags) and the release variables they name (the
 * agent's variables, or the CLI's `--var`s) → what prepareOcVariables decides on.
 */
import type { InputGetter } from "../inputs";
import { loadDependencyMapping } from "./dependencyMap";
import type { OcInput } from "./ocVariables";
import { DEFAULT_VARIABLE_NAMES, RELEASE_FIELDS, ReleaseField, VARIABLE_INPUTS } from "./releaseFields";

/** A release variable's value by its name; undefined when the release does not define it. */
export type VariableGetter = (name: string) => string | undefined;

export function ocInputFromInputs(get: InputGetter, variable: VariableGetter): OcInput {
  const input = (name: string) => get(name)?.trim() || undefined;
  const variableNames = {} as Record<ReleaseField, string>;
  const values: OcInput["values"] = {};
  for (const field of RELEASE_FIELDS) {
    variableNames[field] = input(VARIABLE_INPUTS[field]) ?? DEFAULT_VARIABLE_NAMES[field];
    values[field] = variable(variableNames[field]);
  }
  const descriptionVariable = input("descriptionVariable") ?? "Release.ReleaseDescription";
  return {
    variableNames,
    values,
    descriptionVariable,
    description: variable(descriptionVariable),
    // In a release the input is $(Build.BuildNumber), expanded by the agent; the CLI reads the variable.
    artifactVersion: get("artifactVersion") ?? variable("Build.BuildNumber"),
    dependencies: loadDependencyMapping(get("dependencyMapping") ?? "", input("dependencyMappingFile")),
  };
}
