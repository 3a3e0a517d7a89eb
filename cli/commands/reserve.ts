/** `lz reserve`: ReserveInventory outside a pipeline, on the embedded SQLite file or through impala-shell. */
import taskJson from "../../tasks/ReserveInventoryV1/task.json";
import spanish from "../../tasks/ReserveInventoryV1/Strings/resources.resjson/es-ES/resources.resjson";
import { EmbeddedBackend } from "../../core/inventory/embedded";
import { ImpalaShellBackend, ImpalaShellError, parseServer } from "../../core/inventory/impalaShell";
import { requestFromInputs } from "../../core/inventory/request";
import { inventoryTables } from "../../core/api/coordinators";
import { InventoryBackend, reserve } from "../../core/inventory/reserve";
import { CommandResult } from "../command";
import { parseTaskCommand, TaskDefinition, TaskInputDefinition, UsageError } from "../taskInputs";
import { taskLocalizer } from "../taskStrings";

export const reserveHelp = [
  "--backend embedded --db FILE   an SQLite inventory file (created when missing)",
  "--backend impala-shell --impala-connection host:port   the agent's impala-shell, Kerberos (-k --ssl)",
];

/** The task's inputs, plus the embedded backend the task itself does not offer. */
export const reserveCliTask: TaskDefinition = {
  name: taskJson.name,
  inputs: (taskJson.inputs as TaskInputDefinition[]).map((i) =>
    i.name === "backend" ? { ...i, options: { ...i.options, embedded: "embedded SQLite file" } } : i,
  ),
};

export async function reserveCommand(argv: string[]): Promise<CommandResult> {
  const { inputs, options } = parseTaskCommand(reserveCliTask, argv, { db: { type: "string" } });
  const loc = taskLocalizer(taskJson, spanish, options.lang as string | undefined);
  const { request, problems } = requestFromInputs((name) => inputs[name]);
  if (request.kind === "coordinator" && inputs.cfgFolder) {
    const fromCfg = inventoryTables(inputs.cfgFolder, request.tables);
    request.tables = fromCfg.tables;
    problems.push(...fromCfg.problems);
  }
  if (problems.length) throw new UsageError(problems.map((p) => loc(p.code, ...p.args)).join("\n"));
  let backend: InventoryBackend;
  const statements: string[] = [];
  if ((inputs.backend ?? "impala-shell") === "embedded") {
    if (!options.db) throw new UsageError("--backend embedded needs --db FILE");
    backend = new EmbeddedBackend(String(options.db), { onStatement: (s) => statements.push(s) });
  } else {
    const server = parseServer(inputs.impalaConnection ?? "");
    if (!server) throw new UsageError("--impala-connection host:port is required with --backend impala-shell");
    backend = new ImpalaShellBackend({
      shellPath: inputs.impalaShellPath || "impala-shell",
      ...server,
      kerberos: true,
      ssl: true,
      onStatement: (s) => statements.push(s),
      onWarning: (code, ...args) => process.stderr.write(`WARNING: ${loc(code, ...args)}\n`),
    });
  }
  try {
    const result = await reserve(backend, request);
    const failed = result.problems.map((p) => loc(p.code, ...p.args));
    const out = (r: (typeof result.reservations)[number]) => ({
      package: r.package,
      process: r.process,
      consecutive: r.consecutive,
      reused: r.reused,
    });
    if (options.format === "json") {
      const body = !result.ok
        ? { error: failed.join("\n") }
        : request.huType === "modificacion"
          ? { existing: result.existing }
          : request.kind === "coordinator"
            ? { reservations: result.reservations.map((r) => ({ table: r.table, ...out(r) })) }
            : out(result.reservations[0]);
      return { output: JSON.stringify(body), exitCode: result.ok ? 0 : 1 };
    }
    const lines = result.ok
      ? [
          ...result.reservations.map(
            (r) =>
              `${r.table === "N/A" ? request.semilla : r.table}: ${r.package} ${r.process}${r.reused ? " (reused)" : ""}${request.dryRun ? " (dry run)" : ""}`,
          ),
          ...result.existing.map((e) => `${e.semilla}: ${e.package} ${e.proceso}`),
        ]
      : failed;
    return { output: [...lines, "", ...statements.map((s) => `SQL: ${s}`)].join("\n"), exitCode: result.ok ? 0 : 1 };
  } catch (err) {
    if (err instanceof ImpalaShellError) return { output: loc(err.code, ...err.args), exitCode: 1 };
    throw err;
  }
}
