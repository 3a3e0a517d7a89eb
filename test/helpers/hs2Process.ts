/** The HiveServer2 test server in its own process (MockTestRunner's spawnSync blocks the test's). */
import * as fs from "fs";
import { startFakeHiveServer2 } from "./fakeHiveServer2";

const [log] = process.argv.slice(2);
void startFakeHiveServer2().then((server) => {
  // Written whole then renamed: the test may read it at any moment.
  const flush = () => {
    fs.writeFileSync(`${log}.tmp`, JSON.stringify({ statements: server.statements, rows: server.rows }));
    fs.renameSync(`${log}.tmp`, log);
  };
  setInterval(flush, 50).unref();
  process.on("SIGTERM", () => {
    flush();
    process.exit(0);
  });
  process.stdout.write(`listening ${server.port}\n`);
  setTimeout(() => process.exit(0), 60000).unref();
});
