// The esbuild options every Node bundle shares (tasks, task entries, the CLI), in one place so that
// the build and the bench's task-lib floor are bundled the same way.
import { taskLibStartup } from "./taskLibStartup.mjs";
import { shippedCultures } from "./tasks.mjs";

/** One CommonJS file for the agent's Node (16 is the oldest handler). */
export const nodeBundleOptions = {
  bundle: true,
  platform: "node",
  target: "node16",
  format: "cjs",
  minify: true,
  legalComments: "eof",
  loader: { ".resjson": "json" },
  // ES module builds first: jsonc-parser's CommonJS build is UMD with run-time requires esbuild cannot follow.
  mainFields: ["module", "main"],
  // Less task-lib work at every task start: tool runner, globbing and semver load on first use; its
  // own messages keep the cultures the tasks ship.
  plugins: [taskLibStartup({ cultures: shippedCultures() })],
  logLevel: "warning",
};
