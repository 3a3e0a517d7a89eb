/**
 * MAN001: a repository checkout whose packaging files exist must ship the package's static
 * files (config.json, SQL): MANIFEST.in + include_package_data, or package_data naming them.
 * Runs only where setup.py / setup.cfg / pyproject.toml exist (an installed site-package has none).
 */
import type { SourceFile } from "../files/walk";
import type { RawFinding } from "../findings/types";

export function checkManifest(files: SourceFile[], allPaths: string[]): RawFinding[] {
  const byName = (name: string) => files.find((f) => f.path === name);
  const setupPy = byName("setup.py");
  const setupCfg = byName("setup.cfg");
  const pyproject = byName("pyproject.toml");
  if (!setupPy && !setupCfg && !pyproject) return [];
  const staticFiles = allPaths.filter(
    (p) => /(^|\/)static\//.test(p) && !p.startsWith("tests/") && !p.startsWith("test/"),
  );
  if (!staticFiles.length) return [];
  const staticDir = staticFiles[0].slice(0, staticFiles[0].indexOf("static/") + "static".length);
  const manifestIn = byName("MANIFEST.in");
  const packaging = [setupPy, setupCfg, pyproject].filter(Boolean).map((f) => f!.path);

  const includesData = [setupPy, setupCfg, pyproject].some(
    (f) => f && /include_package_data\s*[=:]\s*(True|true)/.test(f.text),
  );
  const manifestShips = !!manifestIn && /^\s*(recursive-include|include|graft)\s+[^\n]*static/m.test(manifestIn.text);
  const packageData = [setupPy, setupCfg, pyproject].some(
    (f) => f && /package_data|package-data/.test(f.text) && /static|\*\.json|\*\*\/\*/.test(f.text),
  );
  if ((includesData && manifestShips) || packageData) return [];
  const pointAt = manifestIn ?? setupPy ?? setupCfg ?? pyproject!;
  return [
    {
      rule: "MAN001",
      file: pointAt.path,
      line: 1,
      column: 1,
      args: [staticDir, [...packaging, ...(manifestIn ? ["MANIFEST.in"] : [])].join(", ")],
    },
  ];
}
