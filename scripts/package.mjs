// Packages the extension: build, check every task.json, stage exactly what ships under
// build/vsix/, then `tfx extension create` (offline) into dist/<publisher>.<id>-<version>.vsix.
//   node scripts/package.mjs [--publisher ID] [--repository URL] [--output-dir DIR] [--no-build]
// The publisher defaults to vss-extension.json's; LZ_PUBLISHER or --publisher override it,
// since every bank publishes under its own id. The listing's links and each task's "Learn more"
// point at the repository (package.json's); LZ_REPOSITORY_URL or --repository point them at your copy.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import { readJson, root, taskFolders } from "./tasks.mjs";
import { extensionProblems, taskProblems } from "./validate-tasks.mjs";

const require = createRequire(import.meta.url);
const { values } = parseArgs({
  options: {
    publisher: { type: "string" },
    repository: { type: "string" },
    "output-dir": { type: "string" },
    "no-build": { type: "boolean" },
  },
});

const manifest = readJson(path.join(root, "vss-extension.json"));
const pkg = readJson(path.join(root, "package.json"));
const publisher = values.publisher || process.env.LZ_PUBLISHER || manifest.publisher;
if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(publisher)) {
  console.error(`package: '${publisher}' is not a valid publisher id (letters, digits and '-')`);
  process.exit(2);
}

const DEFAULT_REPOSITORY = pkg.repository.url;
const repository = (values.repository || process.env.LZ_REPOSITORY_URL || DEFAULT_REPOSITORY).replace(/\/+$/, "");
if (!/^https:\/\/[^\s?#]+$/.test(repository)) {
  console.error(`package: '${repository}' is not an https URL without query or fragment (the repository)`);
  process.exit(2);
}
/** The staged text that names the repository (listing links, task help) points at `repository`. */
const pointAtRepository = (text) => text.split(DEFAULT_REPOSITORY).join(repository);

if (!values["no-build"])
  execFileSync(process.execPath, [path.join(root, "scripts", "build.mjs"), "--no-tsc"], { stdio: "inherit" });

const stage = path.join(root, "build", "vsix");
fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(stage, { recursive: true });

// The manifest ships with the package.json version, so there is one version to bump.
manifest.version = pkg.version;
manifest.publisher = publisher;
fs.writeFileSync(path.join(stage, "vss-extension.json"), pointAtRepository(JSON.stringify(manifest, null, 2)));
for (const file of ["overview.md", "LICENSE", "CHANGELOG.md"]) {
  if (fs.existsSync(path.join(root, file))) fs.copyFileSync(path.join(root, file), path.join(stage, file));
}
fs.cpSync(path.join(root, "images"), path.join(stage, "images"), { recursive: true });

const built = [];
for (const { name } of taskFolders()) {
  const from = path.join(root, "build", "tasks", name);
  if (!fs.existsSync(path.join(from, "index.js"))) {
    console.error(`package: ${name} is not built: run npm run build`);
    process.exit(1);
  }
  const to = path.join(stage, "tasks", name);
  fs.cpSync(from, to, { recursive: true });
  for (const file of fs.readdirSync(to, { recursive: true }).map(String)) {
    if (!/(^|[\\/])(task\.json|task\.loc\.json|resources\.resjson)$/.test(file)) continue;
    const target = path.join(to, file);
    if (!fs.statSync(target).isFile()) continue; // Strings/resources.resjson/ is a folder of cultures
    fs.writeFileSync(target, pointAtRepository(fs.readFileSync(target, "utf8")));
  }
  built.push(to);
}
for (const dir of ["hub"]) {
  const from = path.join(root, "build", dir);
  if (fs.existsSync(from)) fs.cpSync(from, path.join(stage, dir), { recursive: true });
}

const problems = [...built.flatMap((d) => taskProblems(d, { built: true })), ...extensionProblems(built)];
if (problems.length) {
  console.error(`package: invalid task.json, nothing packaged:\n${problems.join("\n")}`);
  process.exit(1);
}

const outDir = path.resolve(values["output-dir"] || path.join(root, "dist"));
fs.mkdirSync(outDir, { recursive: true });
const vsix = path.join(outDir, `${publisher}.${manifest.id}-${pkg.version}.vsix`);
fs.rmSync(vsix, { force: true });
const tfx = require.resolve("tfx-cli/_build/tfx-cli.js");
try {
  execFileSync(
    process.execPath,
    [
      tfx,
      "extension",
      "create",
      "--root",
      stage,
      "--manifest-globs",
      "vss-extension.json",
      "--output-path",
      vsix,
      "--no-prompt",
      "--no-color",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
} catch (err) {
  console.error(`package: tfx extension create failed:\n${err.stdout}${err.stderr}`);
  process.exit(1);
}
if (!fs.existsSync(vsix)) {
  console.error("package: tfx did not write the .vsix");
  process.exit(1);
}
console.log(`package: ${path.relative(process.cwd(), vsix)} (${(fs.statSync(vsix).size / 1024).toFixed(0)} KB)`);
