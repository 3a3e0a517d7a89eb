import { strict as assert } from "assert";
import { HiveServer2Backend } from "../../../core/inventory/hiveserver2";
import { reserve, ReserveRequest } from "../../../core/inventory/reserve";
import { checkStatement } from "../../../core/sql/checks";
import { startFakeHiveServer2 } from "../../helpers/fakeHiveServer2";

const request: ReserveRequest = {
  huType: "nueva",
  kind: "routine",
  periodicity: "Mensual",
  app: "COMI",
  semilla: "repo-hs2",
  tables: [],
  dataFolder: "",
  descripcion: "O'Brien \\ pagos",
  requestedBy: "Ana",
  runDay: "1",
  runTime: "05:00",
  prerequisite: "",
  dryRun: false,
};

describe("reserving over HiveServer2 (hive-driver against a test server on 127.0.0.1)", function () {
  this.timeout(30000);

  it("sends exactly the inventory's statements and stores the row", async () => {
    const server = await startFakeHiveServer2([
      {
        package: "SQOOPME1929",
        table_name: "N/A",
        semilla: "otra",
        proceso: "SQPME1929RUTCOMI",
        origen_fuente: "Rutina",
        data_folder: "N/A",
        periodicidad: "Mensual",
        descripcion: "",
        solicita_ingestion: "",
        dia_ejecucion: "",
        hora_ejecucion: "",
        prerrequisito: "N/A",
      },
    ]);
    try {
      const backend = new HiveServer2Backend({ host: "127.0.0.1", port: server.port, auth: "nosasl", settleMs: 1 });
      const r = await reserve(backend, request);
      assert.deepEqual(r.problems, []);
      assert.deepEqual(
        r.reservations.map((x) => [x.package, x.process]),
        [["SQOOPME1930", "SQPME1930RTNCOMI"]],
      );
      const cols =
        "package,table_name,semilla,proceso,origen_fuente,data_folder,periodicidad,descripcion,solicita_ingestion,dia_ejecucion,hora_ejecucion,prerrequisito";
      assert.deepEqual(server.statements, [
        `SELECT ${cols} FROM resultados.inventario_lz WHERE semilla = 'repo-hs2' AND origen_fuente = 'Rutina' AND table_name = 'N/A'`,
        "SELECT DISTINCT package FROM resultados.inventario_lz",
        `INSERT INTO resultados.inventario_lz (${cols}) VALUES ('SQOOPME1930','N/A','repo-hs2','SQPME1930RTNCOMI','Rutina','N/A','Mensual','O\\'Brien \\\\ pagos','Ana','1','05:00','N/A')`,
        "REFRESH resultados.inventario_lz",
        `SELECT ${cols} FROM resultados.inventario_lz WHERE package = 'SQOOPME1930'`,
      ]);
      for (const s of server.statements)
        assert.deepEqual(
          checkStatement(s, { isPlaceholder: () => false }).filter((f) => f.rule === "SQL001"),
          [],
          s,
        );
      assert.equal(
        server.rows.find((x) => x.package === "SQOOPME1930")?.descripcion,
        "O'Brien \\ pagos",
        "stored literally",
      );
      const again = await reserve(
        new HiveServer2Backend({ host: "127.0.0.1", port: server.port, auth: "nosasl", settleMs: 1 }),
        request,
      );
      assert.equal(again.reservations[0].reused, true);
    } finally {
      await server.close();
    }
  });

  it("authenticates with LDAP (PLAIN SASL) and reports bad credentials", async () => {
    const server = await startFakeHiveServer2([], { ldap: { user: "svc_lz", password: "Pa$$'w0rd" } });
    try {
      const ok = await reserve(
        new HiveServer2Backend({
          host: "127.0.0.1",
          port: server.port,
          auth: "ldap",
          user: "svc_lz",
          password: "Pa$$'w0rd",
          settleMs: 1,
        }),
        request,
      );
      assert.deepEqual(ok.problems, []);
      assert.equal(ok.reservations[0].package, "SQOOPME1");
      assert.deepEqual(server.credentials[0].slice(1), ["svc_lz", "Pa$$'w0rd"]);
      await assert.rejects(
        reserve(
          new HiveServer2Backend({
            host: "127.0.0.1",
            port: server.port,
            auth: "ldap",
            user: "svc_lz",
            password: "mala",
            settleMs: 1,
          }),
          request,
        ),
        /Authentication error: Invalid credentials/,
      );
      assert.equal(server.rows.length, 1, "nothing written with bad credentials");
    } finally {
      await server.close();
    }
  });
});
