import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EmbeddedBackend } from "../../../core/inventory/embedded";
import {
  consecutiveOf,
  DEFAULT_NAMING,
  nextConsecutive,
  packageName,
  periodicityCode,
  processName,
} from "../../../core/inventory/naming";
import { InventoryBackend, reserve, ReserveRequest } from "../../../core/inventory/reserve";
import { insertStatement, InventoryRow, quote } from "../../../core/inventory/sql";
import { checkStatement } from "../../../core/sql/checks";

const dbFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-inv-")), "inventario.sqlite");

const routine = (semilla: string, extra: Partial<ReserveRequest> = {}): ReserveRequest => ({
  huType: "nueva",
  kind: "routine",
  periodicity: "Diaria",
  app: "CSD",
  semilla,
  tables: [],
  dataFolder: "",
  descripcion: "Calendario de pagos FCO2",
  requestedBy: "Daniel Varon",
  runDay: "L-V",
  runTime: "06:00",
  prerequisite: "",
  dryRun: false,
  ...extra,
});

async function seed(file: string, packages: string[]): Promise<void> {
  const backend = new EmbeddedBackend(file);
  for (const [i, p] of packages.entries()) {
    await backend.insert({
      package: p,
      table_name: "N/A",
      semilla: `seed-${i}`,
      proceso: `${p}X`,
      origen_fuente: "Rutina",
      data_folder: "N/A",
      periodicidad: "Diaria",
      descripcion: "",
      solicita_ingestion: "",
      dia_ejecucion: "",
      hora_ejecucion: "",
      prerrequisito: "N/A",
    });
  }
}

describe("inventory naming", () => {
  it("builds the team's names: SQOOPDI1937 / SQPDI1937RTNCSD, and the coordinator and RUT variants", () => {
    const di = periodicityCode("diaria", DEFAULT_NAMING.periodicityCodes)!;
    assert.deepEqual(di, { name: "Diaria", code: "DI" });
    assert.equal(packageName(DEFAULT_NAMING, di.code, 1937), "SQOOPDI1937");
    assert.equal(processName(DEFAULT_NAMING, di.code, 1937, "routine", "csd"), "SQPDI1937RTNCSD");
    assert.equal(processName(DEFAULT_NAMING, di.code, 1937, "coordinator", "CSD"), "SQPDI1937CRDCSD");
    const rut = { ...DEFAULT_NAMING, kindCodes: { routine: "RUT", coordinator: "CRD" } };
    assert.equal(
      processName(rut, periodicityCode("Mensual", rut.periodicityCodes)!.code, 1929, "routine", "COMI"),
      "SQPME1929RUTCOMI",
    );
    assert.equal(periodicityCode("Cada luna llena", DEFAULT_NAMING.periodicityCodes), undefined);
  });

  it("takes the highest number among all packages, not the last ten", () => {
    const many = Array.from({ length: 50 }, (_, i) => `SQOOPDI${100 + i}`).concat([
      "SQOOPME1936",
      "SQOOPDI15",
      "sin-numero",
    ]);
    assert.equal(consecutiveOf("SQOOPME1936"), 1936);
    assert.equal(nextConsecutive(many), 1937);
  });
});

describe("inventory statements", () => {
  const row: InventoryRow = {
    package: "SQOOPDI1938",
    table_name: "N/A",
    semilla: "repo",
    proceso: "SQPDI1938RTNCSD",
    origen_fuente: "Rutina",
    data_folder: "N/A",
    periodicidad: "Diaria",
    descripcion: "x'); DROP TABLE resultados.inventario_lz; --\\ y",
    solicita_ingestion: "Ana",
    dia_ejecucion: "L-V",
    hora_ejecucion: "06:00",
    prerrequisito: "N/A",
  };
  it("quotes in each dialect", () => {
    assert.equal(quote("O'Brien\\x", "impala"), "'O\\'Brien\\\\x'");
    assert.equal(quote("O'Brien\\x", "sqlite"), "'O''Brien\\x'");
  });
  it("generates an INSERT that is one valid Impala statement even with an injection attempt", () => {
    const sql = insertStatement(row, "impala");
    assert.deepEqual(
      checkStatement(sql, { isPlaceholder: () => false }).filter((f) => f.rule === "SQL001"),
      [],
    );
    assert.ok(sql.includes("'x\\'); DROP TABLE resultados.inventario_lz; --\\\\ y'"));
  });
});

/**
 * Impala's race, made certain: every run reads the last number before any of them inserts
 * (the first packages() call of each run waits at a barrier for all of them).
 */
function racing(file: string, runs: number, canDelete = true): () => InventoryBackend {
  let arrived = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return () => {
    const backend = new EmbeddedBackend(file, { locking: "statement" });
    let first = true;
    const packages = backend.packages.bind(backend);
    return Object.assign(backend, {
      canDelete,
      async packages() {
        const list = await packages();
        if (first) {
          first = false;
          if (++arrived === runs) open();
          await gate;
        }
        return list;
      },
    });
  };
}

describe("reserving (embedded SQLite backend)", function () {
  this.timeout(60000);

  it("reserves the next number with every column from its stated source", async () => {
    const file = dbFile();
    await seed(file, ["SQOOPDI1936", "SQOOPME1937"]);
    const backend = new EmbeddedBackend(file);
    const r = await reserve(backend, routine("bana-vrie-calendarizacion-fco2"));
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.reservations.map((x) => [x.package, x.process, x.consecutive, x.reused]),
      [["SQOOPDI1938", "SQPDI1938RTNCSD", 1938, false]],
    );
    const stored = (await backend.all()).find((x) => x.package === "SQOOPDI1938")!;
    assert.deepEqual(stored, {
      package: "SQOOPDI1938",
      table_name: "N/A",
      semilla: "bana-vrie-calendarizacion-fco2",
      proceso: "SQPDI1938RTNCSD",
      origen_fuente: "Rutina",
      data_folder: "N/A",
      periodicidad: "Diaria",
      descripcion: "Calendario de pagos FCO2",
      solicita_ingestion: "Daniel Varon",
      dia_ejecucion: "L-V",
      hora_ejecucion: "06:00",
      prerrequisito: "N/A",
    });
  });

  it("is idempotent: a rerun for the same routine reuses its row", async () => {
    const file = dbFile();
    const backend = new EmbeddedBackend(file);
    const first = await reserve(backend, routine("repo-a"));
    const again = await reserve(backend, routine("repo-a"));
    assert.equal(again.reservations[0].package, first.reservations[0].package);
    assert.equal(again.reservations[0].reused, true);
    assert.equal((await backend.all()).length, 1);
  });

  it("reserves one number per table for a coordinator, in one run", async () => {
    const backend = new EmbeddedBackend(dbFile());
    const r = await reserve(backend, {
      ...routine("proceso_x", {
        kind: "coordinator",
        tables: ["clientes", "pagos"],
        dataFolder: "/avirtual/proceso_x/coord",
      }),
    });
    assert.deepEqual(
      r.reservations.map((x) => [x.table, x.package, x.process]),
      [
        ["clientes", "SQOOPDI1", "SQPDI1CRDCSD"],
        ["pagos", "SQOOPDI2", "SQPDI2CRDCSD"],
      ],
    );
    const rows = await backend.all();
    assert.deepEqual(
      rows.map((x) => [x.table_name, x.semilla, x.origen_fuente, x.data_folder]),
      [
        ["clientes", "proceso_x", "Coordinador", "/avirtual/proceso_x/coord"],
        ["pagos", "proceso_x", "Coordinador", "/avirtual/proceso_x/coord"],
      ],
    );
  });

  it("stores an injection attempt literally", async () => {
    const backend = new EmbeddedBackend(dbFile());
    const evil = "x'); DELETE FROM inventario_lz; --";
    await reserve(backend, routine("repo-b", { descripcion: evil }));
    const rows = await backend.all();
    assert.equal(rows.length, 1);
    assert.equal(rows[0].descripcion, evil);
  });

  it("maps the table without touching literals: a semilla naming the table still finds its row", async () => {
    const backend = new EmbeddedBackend(dbFile());
    const semilla = "repo resultados.inventario_lz 'x'";
    const first = await reserve(backend, routine(semilla));
    const again = await reserve(backend, routine(semilla));
    assert.deepEqual(first.problems, []);
    assert.equal(again.reservations[0].reused, true, "the rerun reuses its row");
    assert.equal(again.reservations[0].package, first.reservations[0].package);
    assert.equal((await backend.all()).length, 1);
    assert.equal((await backend.all())[0].semilla, semilla);
  });

  it("rejects control characters other than tab and newline, and the text NULL, naming the input", async () => {
    const backend = new EmbeddedBackend(dbFile());
    const r = await reserve(
      backend,
      routine("repo-f", { descripcion: "linea 1\nlinea\t2 \u0007 fin", requestedBy: "NULL", runDay: "L\u001fV" }),
    );
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.field, ...p.args]),
      [
        ["ControlCharacter", "descripcion", "descripcion", "U+0007", 17],
        ["NullText", "requestedBy", "requestedBy"],
        ["ControlCharacter", "runDay", "runDay", "U+001F", 2],
      ],
    );
    const coordinator = await reserve(
      backend,
      routine("zona", { kind: "coordinator", tables: ["t1", "NULL", "t\r3"], dataFolder: "/x\u0085" }),
    );
    assert.deepEqual(
      coordinator.problems.map((p) => [p.code, ...p.args]),
      [
        ["NullText", "tables (table 2)"],
        ["ControlCharacter", "tables (table 3)", "U+000D", 2],
        ["ControlCharacter", "dataFolder", "U+0085", 3],
      ],
    );
    const modification = await reserve(backend, routine("NULL", { huType: "modificacion" }));
    assert.deepEqual(
      modification.problems.map((p) => p.code),
      ["NullText"],
    );
    assert.deepEqual(await backend.all(), [], "nothing written");
    const ok = await reserve(backend, routine("repo-g", { descripcion: "dos\nlíneas\tcon tab", requestedBy: "null" }));
    assert.deepEqual(ok.problems, [], "tab, newline and a lower-case null are fine");
  });

  it("a modification HU reserves nothing and reports the existing row, or an error", async () => {
    const backend = new EmbeddedBackend(dbFile());
    await reserve(backend, routine("repo-c"));
    const found = await reserve(backend, routine("repo-c", { huType: "modificacion" }));
    assert.equal(found.ok, true);
    assert.equal(found.existing[0].package, "SQOOPDI1");
    const missing = await reserve(backend, routine("repo-nueva", { huType: "modificacion" }));
    assert.deepEqual(
      missing.problems.map((p) => p.code),
      ["ModificationNotFound"],
    );
    assert.equal((await backend.all()).length, 1);
  });

  it("rejects bad requests before touching the inventory", async () => {
    const backend = new EmbeddedBackend(dbFile());
    const r = await reserve(
      backend,
      routine("repo-d", { periodicity: "Cada luna", app: "C-S", prerequisite: "SQPDI1RTNX" }),
    );
    assert.deepEqual(r.problems.map((p) => p.code).sort(), ["AppInvalid", "PeriodicityUnknown"]);
    const intra = await reserve(backend, routine("repo-d", { periodicity: "Intradiaria", prerequisite: "SQPDI1RTNX" }));
    assert.deepEqual(
      intra.problems.map((p) => p.code),
      ["IntradiariaPrerequisite"],
    );
    assert.deepEqual(await backend.all(), []);
  });

  it("dry run computes and writes nothing", async () => {
    const backend = new EmbeddedBackend(dbFile());
    const r = await reserve(backend, routine("repo-e", { dryRun: true }));
    assert.equal(r.reservations[0].package, "SQOOPDI1");
    assert.deepEqual(await backend.all(), []);
  });

  it("concurrent reservations in the embedded file's default locking never share a number", async () => {
    const file = dbFile();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => reserve(new EmbeddedBackend(file), routine(`repo-${i}`))),
    );
    assert.ok(results.every((r) => r.ok));
    const rows = await new EmbeddedBackend(file).all();
    assert.deepEqual(rows.map((r) => r.package).sort(), Array.from({ length: 8 }, (_, i) => `SQOOPDI${i + 1}`).sort());
  });

  it("Impala-like (per-statement) locking: every run reads the same last number, the tie-break resolves it", async () => {
    const file = dbFile();
    const semillas = ["repo-z", "repo-m", "repo-a", "repo-q", "repo-c"];
    const backend = racing(file, semillas.length);
    const results = await Promise.all(semillas.map((s) => reserve(backend(), routine(s))));
    for (const r of results) assert.deepEqual(r.problems, []);
    const rows = await new EmbeddedBackend(file).all();
    assert.equal(
      rows.length,
      5,
      `no row lost, no duplicate left: ${JSON.stringify(rows.map((r) => r.package + " " + r.semilla))} ${JSON.stringify(results.map((r) => r.reservations.map((x) => x.package + (x.reused ? " reused" : ""))))}`,
    );
    assert.equal(new Set(rows.map((r) => r.package)).size, 5);
    assert.equal(
      results.find((_, i) => semillas[i] === "repo-a")!.reservations[0].package,
      "SQOOPDI1",
      "the smallest semilla keeps the contested number",
    );
  });

  it("fails naming both rows when the backend cannot delete its own row", async () => {
    const file = dbFile();
    const noDelete = racing(file, 2, false);
    const results = await Promise.all([reserve(noDelete(), routine("repo-b")), reserve(noDelete(), routine("repo-a"))]);
    const loser = results[0];
    assert.deepEqual(
      loser.problems.map((p) => [p.code, ...p.args]),
      [["Collision", "SQOOPDI1", "repo-b/N/A", "repo-a/N/A"]],
    );
    assert.equal(results[1].ok, true);
  });
});
