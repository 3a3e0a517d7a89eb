/**
 * A stand-in for the team's coordinatorV2.py (its code is not in this repository): run as
 * `python3 coordinatorV2.py <cfg>` from its home, it reads the cfg, prints progress, writes its log in
 * the API's TMP_FILES/logs and exits. What each run does comes from a `fake` object in its cfg, so one
 * cfg folder holds a coordinator that works, one that fails, one that hangs with a child process.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const COORDINATOR = `import json, os, subprocess, sys, time
cfg_path = sys.argv[1]
table = os.path.basename(cfg_path)[:-5]
cfg = json.load(open(cfg_path))
fake = cfg.get("fake", {})
home = os.getcwd()
def mark(what):
    with open(os.path.join(home, "marks.log"), "a") as f:
        f.write("%s %s %.3f\\n" % (what, table, time.time()))
mark("start")
print("Iniciando coordinador de %s" % table, flush=True)
logs = cfg["rutas"]["logs"]
os.makedirs(logs, exist_ok=True)
with open(os.path.join(logs, "%s_%s.log" % (time.strftime("%Y%m%d_%H%M%S"), table)), "w") as log:
    log.write("INFO carga de %s\\n" % table)
    for line in fake.get("log", []):
        log.write(line + "\\n")
if fake.get("child"):
    child = subprocess.Popen(["sleep", "60"])
    with open(os.path.join(home, "marks.log"), "a") as f:
        f.write("child %s %d\\n" % (table, child.pid))
time.sleep(fake.get("sleep", 0.2))
if fake.get("fail"):
    print("Traceback (most recent call last):", flush=True)
    print('  File "coordinatorV2.py", line 42, in <module>', flush=True)
    print("KeyError: 'clave_primaria'", flush=True)
    mark("end")
    sys.exit(1)
print("##vso[task.setvariable variable=Hacked]yes", flush=True)
print("Coordinador de %s terminado" % table, flush=True)
mark("end")
`;

export interface FakeApi {
  /** The deployed analytics repository: `<root>/<Api>/API/cfg`, `<root>/<Api>/TMP_FILES/logs`, `<root>/ProductizarPy3`. */
  root: string;
  cfgFolder: string;
  logsFolder: string;
  home: string;
  /** [what, table, seconds] of each start and end, in order. */
  marks(): Array<[string, string, number]>;
}

/** A deployed API with one cfg per entry of `tables` (table → what its fake coordinator does). */
export function fakeDeployedApi(api: string, tables: Record<string, Record<string, unknown>>): FakeApi {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "lz-deployed-"));
  const cfgFolder = path.join(root, api, "API", "cfg");
  const logsFolder = path.join(root, api, "TMP_FILES", "logs");
  const home = path.join(root, "ProductizarPy3");
  fs.mkdirSync(cfgFolder, { recursive: true });
  fs.mkdirSync(logsFolder, { recursive: true });
  fs.mkdirSync(home, { recursive: true });
  fs.writeFileSync(path.join(logsFolder, "test.txt"), "");
  fs.writeFileSync(path.join(home, "coordinatorV2.py"), COORDINATOR);
  for (const [table, fake] of Object.entries(tables))
    fs.writeFileSync(
      path.join(cfgFolder, `${table}.json`),
      JSON.stringify(
        { proyecto: api, origen: { zona: "proceso_x", tabla: table }, rutas: { logs: logsFolder }, fake },
        null,
        2,
      ),
    );
  return {
    root,
    cfgFolder,
    logsFolder,
    home,
    marks: () => {
      const file = path.join(home, "marks.log");
      if (!fs.existsSync(file)) return [];
      return fs
        .readFileSync(file, "utf8")
        .trim()
        .split("\n")
        .map((l) => l.split(" "))
        .map(([what, table, t]) => [what, table, Number(t)] as [string, string, number]);
    },
  };
}

/** The most coordinators that were running at the same time, from the marks. */
export function maxOverlap(marks: Array<[string, string, number]>): number {
  let running = 0;
  let max = 0;
  const events = marks.filter(([what]) => what === "start" || what === "end");
  for (const [what] of events.sort((a, b) => a[2] - b[2] || (a[0] === "end" ? -1 : 1))) {
    running += what === "start" ? 1 : -1;
    max = Math.max(max, running);
  }
  return max;
}
