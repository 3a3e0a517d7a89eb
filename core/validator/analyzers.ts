/**
 * The analyzers the validator runs beyond the built-in Python and routine rules. Importing this
 * module registers them; entry points that analyze files in this thread (the CLI, the worker, the
 * tests) import it. The task's main bundle does not: it sends every file to the workers, so the
 * SQL grammar (≈700 KB) ships once, in the worker.
 */
import "../sql/analyzer";
