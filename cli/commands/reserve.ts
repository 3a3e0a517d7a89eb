/** `lz reserve`: ReserveInventory outside a pipeline, on the embedded SQLite file or through impala-shell. */
import taskJson from "../../tasks/ReserveInventoryV1/task.json";
import { EmbeddedBackend } from "../../core/inventory/embedded";
import { ImpalaShellBackend, ImpalaShellError, parseServer } from "../../core/inventory/impalaShell";
import { requestFromInputs } from "../../core/inventory/request";
import { InventoryBackend, reserve } from "../../core/inventory/reserve";
import spanish from "../../tasks/ReserveInventoryV1/Strings/resources.resjson/es-ES/resources.resjson";
import { type CommandResult, type CommandSpec, UsageError } from "../command";
import { flagInputs, type ParsedCommand, takeFlagProblems, type TaskInputDefinition } from "../taskInputs";

export const reserveCommand: CommandSpec = {
  name: "reserve",
  summary: "CliSummaryReserve",
  // The task's inputs, plus the embedded backend the task itself does not offer.
  task: {
    ...taskJson,
    inputs: (taskJson.inputs as TaskInputDefinition[]).map((i) =>
      i.name === "backend" ? { ...i, options: { ...i.options, embedded: "embedded SQLite file" } } : i,
    ),
  },
  spanish,
  flags: { db: { type: "string", value: "FILE", text: "CliFlagDb" } },
  run: reserveRun,
};

async function reserveRun({ inputs, options, loc }: ParsedCommand): Promise<CommandResult> {
  const { request, problems } = requestFromInputs(flagInputs(inputs));
  takeFlagProblems(problems, loc);
  let backend: InventoryBackend;
  const statements: string[] = [];
  if ((inputs.backend ?? "impala-shell") === "embedded") {
    if (!options.db) throw new UsageError(loc("CliDbNeeded"));
    backend = new EmbeddedBackend(String(options.db), { onStatement: (s) => statements.push(s) });
  } else {
    const server = parseServer(inputs.impalaConnection ?? "");
    if (!server) throw new UsageError(loc("CliImpalaConnectionNeeded", inputs.impalaConnection ?? ""));
    backend = new ImpalaShellBackend({
      shellPath: inputs.impalaShellPath || "impala-shell",
      ...server,
      kerberos: true,
      ssl: true,
      onStatement: (s) => statements.push(s),
      onWarning: (code, ...args) => process.stderr.write(`${loc("SeverityWarning")}: ${loc(code, ...args)}\n`),
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
              `${r.table === "N/A" ? request.semilla : r.table}: ${r.package} ${r.process}${r.reused ? ` (${loc("CliReused")})` : ""}${request.dryRun ? ` (${loc("CliDryRun")})` : ""}`,
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
