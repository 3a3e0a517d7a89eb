// The task folders of the extension: tasks/<Name>V<major>/ with a task.json.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function taskFolders() {
  const dir = path.join(root, "tasks");
  return fs
    .readdirSync(dir)
    .filter((name) => /V\d+$/.test(name) && fs.existsSync(path.join(dir, name, "task.json")))
    .sort()
    .map((name) => ({ name, dir: path.join(dir, name), taskJson: readJson(path.join(dir, name, "task.json")) }));
}

export function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
}
