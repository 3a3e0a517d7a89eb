/** ReserveInventory: read inputs and the Impala connection, reserve (core/inventory), report. */
import tl = require("azure-pipelines-task-lib/task");
import { HiveServer2Backend } from "../../core/inventory/hiveserver2";
import { ImpalaShellBackend, ImpalaShellError, parseServer } from "../../core/inventory/impalaShell";
import { requestFromInputs, reserveSummary } from "../../core/inventory/request";
import { reserve } from "../../core/inventory/reserve";
import { buildReport } from "../../core/report";
import {
  failTask,
  loadTaskStrings,
  logLine,
  publishReport,
  setTaskOutputs,
  taskInputs,
  taskLoc,
} from "../common/taskKit";

async function run(): Promise<void> {
  loadTaskStrings(__dirname);
  const connection = tl.getInput("impalaConnection", true)!;
  const url = tl.getEndpointUrl(connection, false) ?? "";
  const server = parseServer(url);
  if (!server) return tl.setResult(tl.TaskResult.Failed, taskLoc("ConnectionInvalid", url));
  const scheme = tl.getEndpointAuthorizationScheme(connection, true) ?? "None";
  const user = tl.getEndpointAuthorizationParameter(connection, "username", true);
  const password = tl.getEndpointAuthorizationParameter(connection, "password", true);
  if (password) tl.setSecret(password);
  const { request, problems } = requestFromInputs(taskInputs(__dirname));
  if (problems.length)
    return tl.setResult(tl.TaskResult.Failed, problems.map((p) => taskLoc(p.code, ...p.args)).join("\n"));

  const isLdap = scheme.toLowerCase() === "usernamepassword";
  const tls = (tl.getEndpointDataParameter(connection, "tls", true) ?? "true") !== "false";
  const caCertFile = tl.getEndpointDataParameter(connection, "caCertFile", true) || undefined;
  const settleMs = Number(tl.getVariable("LZ_INVENTORY_SETTLE_MS") ?? "") || undefined;
  const onStatement = (sql: string) => logLine(taskLoc("SqlLog", sql));
  const backend =
    tl.getInput("backend", false) === "hiveserver2"
      ? new HiveServer2Backend({
          host: server.host,
          port: server.port ?? 21050,
          auth: isLdap ? "ldap" : "nosasl",
          user,
          password,
          tls,
          caCertFile,
          settleMs,
          onStatement,
        })
      : new ImpalaShellBackend({
          shellPath: tl.getInput("impalaShellPath", false) || "impala-shell",
          host: server.host,
          port: server.port,
          kerberos: !isLdap,
          ssl: tls,
          caCertFile,
          user: isLdap ? user : undefined,
          password: isLdap ? password : undefined,
          settleMs,
          onStatement,
          tempDir: tl.getVariable("Agent.TempDirectory"),
          onWarning: (code, ...args) => tl.warning(taskLoc(code, ...args)),
        });
  const result = await reserve(backend, request, (m) => logLine(m));
  const variables: Array<[string, string]> = [];
  if (result.ok && !request.dryRun) {
    const first = result.reservations[0];
    if (first)
      variables.push(
        ["Package", first.package],
        ["Process", first.process],
        ["Consecutive", String(first.consecutive)],
      );
  }
  publishReport(
    buildReport(
      "ReserveInventory",
      result.problems,
      variables.map(([k, v]) => [`Inventory.${k}`, v]),
      taskLoc,
    ),
    reserveSummary(result, taskLoc, request.dryRun),
  );
  if (!result.ok)
    return tl.setResult(tl.TaskResult.Failed, result.problems.map((p) => taskLoc(p.code, ...p.args)).join("\n"));

  for (const r of result.reservations) {
    if (request.dryRun) logLine(taskLoc("DryRun", r.package, r.process));
    else
      logLine(
        taskLoc(
          r.reused ? "Reused" : "Reserved",
          r.package,
          r.process,
          ...(r.reused ? [] : [r.consecutive]),
          r.table === "N/A" ? request.semilla : r.table,
        ),
      );
    if (!request.dryRun && request.kind === "coordinator") {
      for (const [k, v] of [
        ["Package", r.package],
        ["Process", r.process],
        ["Consecutive", String(r.consecutive)],
      ])
        tl.setVariable(`Inventory.${r.table}.${k}`, v);
    }
  }
  for (const row of result.existing) logLine(taskLoc("Existing", row.semilla, row.package, row.proceso));
  setTaskOutputs("Inventory", variables);
  tl.setResult(tl.TaskResult.Succeeded, "");
}

run().catch((err: Error) => {
  if (err instanceof ImpalaShellError) return tl.setResult(tl.TaskResult.Failed, taskLoc(err.code, ...err.args));
  failTask(err);
});
