/** A fake /avirtual tree as Deploy DEV leaves it: <base>/<zona>/<repo>/{version.txt, venv/...}. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface Layout {
  base: string;
  environment: string;
  sitePackage: string;
}

export function makeEnvironment(
  opts: {
    zona?: string;
    folder?: string;
    sitePackage?: string;
    version?: string;
    python?: string;
    files?: Record<string, string>;
  } = {},
): Layout {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "lz-avirtual-"));
  const environment = path.join(base, opts.zona ?? "proceso_x", opts.folder ?? "alm-bana-fco2");
  const venv = path.join(environment, "venv");
  const sitePackage = path.join(
    venv,
    "lib",
    opts.python ?? "python3.5",
    "site-packages",
    opts.sitePackage ?? "alm_bana_fco2",
  );
  fs.mkdirSync(sitePackage, { recursive: true });
  fs.writeFileSync(path.join(venv, "pyvenv.cfg"), "home = /usr/bin\n");
  fs.mkdirSync(path.join(venv, "lib", opts.python ?? "python3.5", "site-packages", "pandas"), { recursive: true });
  if (opts.version !== undefined) fs.writeFileSync(path.join(environment, "version.txt"), opts.version);
  for (const [rel, content] of Object.entries(
    opts.files ?? { "__init__.py": "", "static/config/config.json": '{"dsn": "impala-virtual-prd"}' },
  )) {
    fs.mkdirSync(path.dirname(path.join(sitePackage, rel)), { recursive: true });
    fs.writeFileSync(path.join(sitePackage, rel), content);
  }
  return { base, environment, sitePackage };
}
