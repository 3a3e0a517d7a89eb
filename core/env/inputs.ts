/** VerifyRoutineEnv's and SwitchRoutineDsn's inputs (the tasks' or `lz verify-env` / `lz switch-dsn` flags). */
import * as path from "path";
import { type FailOn, type InputGetter, InputReader } from "../inputs";
import { problem, type Problem } from "../problem";
import { parseReadLimits } from "../files/limits";
import type { VerifyEnvInput } from "./verifyEnv";

export interface VerifyRequest {
  check: Omit<VerifyEnvInput, "now">;
  failOn: FailOn;
  reportDirectory?: string;
}

export function verifyRequestFromInputs(get: InputGetter): { request: VerifyRequest; problems: Problem[] } {
  const r = new InputReader(get);
  const baseDirectory = r.required("baseDirectory");
  const zona = r.required("zona");
  const repositoryName = r.optional("repositoryName");
  const packageName = r.optional("packageName");
  if (!repositoryName && !packageName)
    r.problems.push(
      problem("InputMissing", "error", "repositoryName", "repositoryName", r.text("repositoryName") ?? ""),
    );
  const depth = parseReadLimits((name) => (name === "maxFolderDepth" ? r.text(name) : undefined));
  r.problems.push(...depth.problems);
  const request: VerifyRequest = {
    check: {
      baseDirectory,
      zona,
      repositoryName,
      packageName,
      sitePackageName: r.optional("sitePackageName"),
      artifactVersion: r.optional("artifactVersion"),
      maxAgeHours: r.number("maxAgeHours", 24, "MaxAgeInvalid"),
      sourcePath: r.optional("sourcePath"),
      maxFolderDepth: depth.limits.maxFolderDepth,
    },
    failOn: r.failOn(),
    reportDirectory: r.optional("reportDirectory"),
  };
  return { request, problems: r.problems };
}

export interface SwitchRequest {
  mode: "switch" | "restore";
  /** The config.json to switch: configPath, else the site-package's static/config/config.json. */
  config: string;
  from: string;
  to: string;
  allowReadOnly: boolean;
}

export function switchRequestFromInputs(get: InputGetter): { request: SwitchRequest; problems: Problem[] } {
  const r = new InputReader(get);
  const mode = r.pick("mode", ["switch", "restore"] as const);
  const explicit = r.optional("configPath");
  const site = r.optional("sitePackagePath");
  if (!explicit && !site)
    r.problems.push(problem("ConfigPathMissing", "error", "sitePackagePath", r.text("sitePackagePath") ?? ""));
  const request: SwitchRequest = {
    mode,
    config: explicit ?? (site ? path.join(site, "static", "config", "config.json") : ""),
    from: mode === "switch" ? r.required("from") : (r.text("from") ?? ""),
    to: mode === "switch" ? r.required("to") : (r.text("to") ?? ""),
    allowReadOnly: r.boolean("allowReadOnly"),
  };
  return { request, problems: r.problems };
}
