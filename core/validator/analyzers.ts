/**
 * The analyzers the validator runs beyond the built-in Python and routine rules. Importing this
 * module registers them; the engine's entry points and the worker import it, so both run the same set.
 * The SQL half (issue #4) adds its import here.
 */
export {};
