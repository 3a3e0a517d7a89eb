/**
 * The analyzers the validator runs beyond its built-in Python and routine checks, listed once.
 * Entry points that analyze files in this thread or in the workers pass this list; the task's main
 * bundle does not import it (it sends every file to the workers), so the SQL grammar (≈700 KB)
 * ships once, in the worker.
 */
import type { Analyzer } from "../findings/analysis";
import { SQL_ANALYZER } from "../sql/analyzer";

export const ANALYZERS: readonly Analyzer[] = [SQL_ANALYZER];
