/**
 * Fuzz (fixed seed, so a failure reproduces): thousands of mutated Python files and random bytes
 * through the whole per-file analysis. Zero exceptions: each file yields findings or none.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { AnalysisContext } from "../../../core/findings/analysis";
import { ANALYZERS } from "../../../core/validator/analyzers";
import { applyRoutineSuppressions, finalizeFindings } from "../../../core/validator/engine";
import { analyzePythonFile, analyzeTextFile } from "../../../core/validator/fileAnalysis";
import { decodeText } from "../../../core/files/decode";
import { DEFAULT_OPTIONS } from "../../../core/validator/options";
import { createPythonParser } from "../../../core/python/parser";
import { repoRoot } from "../../helpers/taskRun";

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ":",
  "\n",
  "    ",
  "'",
  '"',
  '"""',
  "f'",
  "async ",
  "await ",
  "yield ",
  "lambda",
  "print ",
  "<>",
  "0777",
  "1_0",
  ":=",
  "/",
  "*",
  "**",
  "@",
  "# lz: ignore[PY003]",
  "\\",
  "\t",
  "é",
  "🙂",
  "\u0000",
  "match ",
  "case ",
  "except*",
  "import ",
  "from ",
  "secrets",
  "password = 'x'",
  "/home/u",
  "${x}",
];

describe("validator fuzz", function () {
  this.timeout(300000);

  it("survives 3000 mutated Python files and random byte strings without an exception", async () => {
    const parser = await createPythonParser();
    const rnd = mulberry32(20261123);
    const seeds = ["orquestador.py", "utils/conexion.py"].map((f) =>
      fs.readFileSync(path.join(repoRoot, "examples", "alm_demo_rutina", f), "utf8"),
    );
    const options = { ...DEFAULT_OPTIONS, rules: {} };
    const ctx: AnalysisContext = { root: "/", options, files: [], allPaths: [] };
    let withFindings = 0;
    for (let i = 0; i < 3000; i++) {
      let text: string;
      if (i % 10 === 9) {
        const bytes = Buffer.alloc(Math.floor(rnd() * 2000));
        for (let b = 0; b < bytes.length; b++) bytes[b] = Math.floor(rnd() * 256);
        text = decodeText(bytes).text;
      } else {
        text = seeds[i % seeds.length];
        const edits = 1 + Math.floor(rnd() * 8);
        for (let e = 0; e < edits; e++) {
          const at = Math.floor(rnd() * (text.length + 1));
          const op = rnd();
          if (op < 0.4) text = text.slice(0, at) + TOKENS[Math.floor(rnd() * TOKENS.length)] + text.slice(at);
          else if (op < 0.7) text = text.slice(0, at) + text.slice(at + Math.floor(rnd() * 20));
          else {
            const from = Math.floor(rnd() * text.length);
            text = text.slice(0, at) + text.slice(from, from + Math.floor(rnd() * 40)) + text.slice(at);
          }
        }
      }
      const file = { path: `f${i}.py`, absolute: `/f${i}.py`, text };
      let raw;
      try {
        raw = [
          ...analyzePythonFile(parser, file, ctx, ANALYZERS),
          ...analyzeTextFile({ ...file, path: `f${i}.json` }, ctx, ANALYZERS),
        ];
        const findings = finalizeFindings(
          applyRoutineSuppressions(raw, options, new Map([[file.path, text]])).raw,
          options,
        );
        for (const f of findings) assert.ok(f.line >= 1 && f.column >= 1 && f.message, JSON.stringify(f));
        if (findings.length) withFindings++;
      } catch (err) {
        throw new Error(
          `input #${i} crashed the analysis: ${(err as Error).stack}\n--- input ---\n${text.slice(0, 500)}`,
          {
            cause: err,
          },
        );
      }
    }
    assert.ok(withFindings > 1000, `mutations should mostly produce findings (got ${withFindings})`);
  });
});
