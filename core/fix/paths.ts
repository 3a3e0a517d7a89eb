/**
 * Where a fixed file goes. Patches are for the pull request, so their paths are the repository's:
 * a routine validated as the installed site-package
 * (`/avirtual/<zona>/<repo>/venv/lib/python3.5/site-packages/<package>/…`, what VerifyRoutineEnv finds)
 * maps to `src/<package>/…` (or wherever the checkout keeps the package), and the installed copy is
 * never written: writing needs the checkout. A routine inside a checkout maps to its path from the
 * repository's root (the folder holding `.git`).
 */
import * as fs from "fs";
import * as path from "path";
import { sourcePackageFolder } from "../env/verifyEnv";

export interface RoutineLayout {
  /** The routine's file (relative to it, `/` separators) → its path in the repository. */
  repoPath(file: string): string;
  /** The folder the repository paths are relative to, when the files can be written there. */
  writeRoot?: string;
  /** The routine is an installed site-package. */
  installed: boolean;
  /** `venv/bin/python` of the environment holding the site-package, when it exists. */
  venvPython?: string;
}

const SITE_PACKAGE = /^(.*)[\\/]venv[\\/]lib[\\/]python3[^\\/]*[\\/]site-packages[\\/]([^\\/]+)((?:[\\/].*)?)$/;

const slash = (p: string) => p.split(path.sep).join("/");

export function routineLayout(routineRoot: string, sourceCheckout?: string): RoutineLayout {
  const abs = path.resolve(routineRoot);
  const site = SITE_PACKAGE.exec(abs);
  if (site) {
    const [, environment, pkg, inner] = site;
    const python = path.join(environment, "venv", "bin", "python");
    const source = sourceCheckout && path.resolve(sourceCheckout);
    const folder = source ? sourcePackageFolder(source, [pkg]) : undefined;
    const base = source && folder && folder !== source ? slash(path.relative(source, folder)) : `src/${pkg}`;
    const prefix = [base, ...slash(inner).split("/").filter(Boolean)].join("/");
    // Never the installed copy: a checkout whose package folder is itself in a site-packages is not written.
    const writable = source && !/[\\/]site-packages([\\/]|$)/.test(path.join(source, prefix));
    return {
      repoPath: (file) => `${prefix}/${file}`,
      writeRoot: writable ? source : undefined,
      installed: true,
      venvPython: fs.existsSync(python) ? python : undefined,
    };
  }
  let repo: string | undefined;
  for (let dir = abs; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, ".git"))) {
      repo = dir;
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  const root = sourceCheckout ? path.resolve(sourceCheckout) : (repo ?? abs);
  const prefix = slash(path.relative(root, abs));
  return {
    repoPath: (file) => (prefix && !prefix.startsWith("..") ? `${prefix}/${file}` : file),
    writeRoot: prefix.startsWith("..") ? abs : root,
    installed: false,
  };
}
