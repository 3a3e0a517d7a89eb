/** Run logs as the orchestrator writes them, for the log-requirement tests. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export function runLog(start: Date, lines: string[] = [], ok = true): string {
  const ts = start.toISOString().replace("T", " ").slice(0, 19);
  return (
    [
      `${ts} INFO Iniciando orquestador`,
      ...lines,
      ok ? `${ts} INFO Orquestador finalizado exitosamente` : `${ts} INFO fin`,
    ].join("\n") + "\n"
  );
}

export function logName(start: Date, name = "vision_cliente"): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${start.getUTCFullYear()}${p(start.getUTCMonth() + 1)}${p(start.getUTCDate())}_${p(start.getUTCHours())}${p(start.getUTCMinutes())}${p(start.getUTCSeconds())}_orquestador_${name}.log`;
}

/** Ten good runs: two a day at 06:00 and 18:00 from 2022-07-20. */
export function goodRunStarts(count = 10): Date[] {
  return Array.from(
    { length: count },
    (_, i) => new Date(Date.UTC(2022, 6, 20 + Math.floor(i / 2), i % 2 ? 18 : 6, 0, 0)),
  );
}

export function writeLogFolder(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-logs-"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}
