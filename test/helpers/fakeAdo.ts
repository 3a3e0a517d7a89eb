/**
 * A fake of the Azure DevOps work item REST API, run as its own process (MockTestRunner blocks the
 * test process with spawnSync, so an in-process server could not answer). It serves the location
 * discovery azure-devops-node-api performs, keeps comments in memory, and appends every request
 * to a JSON-lines log for the test to check.
 *   node fakeAdo.js <log file> [--status 403] [--attachments <folder>] [--variable-groups <json file>]
 */
import * as fs from "fs";
import * as http from "http";

const [logFile, ...flags] = process.argv.slice(2);
const flag = (name: string) => (flags.includes(name) ? flags[flags.indexOf(name) + 1] : undefined);
const forcedStatus = Number(flag("--status") ?? 0);
/** Files of this folder are the work item's attachments. */
const attachmentDir = flag("--attachments");
const attachments = attachmentDir ? fs.readdirSync(attachmentDir).sort() : [];
const comments: Array<{ id: number; text: string }> = [];
/** Library variable groups, as the distributedtask API returns them: `[{ id, name, variables: { n: { value, isSecret } } }]`. */
const groupsFile = flag("--variable-groups");
const variableGroups: Array<{ name: string }> = groupsFile ? JSON.parse(fs.readFileSync(groupsFile, "utf8")) : [];

const LOCATIONS = [
  {
    id: "608aac0a-32e1-4493-a863-b9cf4566d257",
    area: "wit",
    resourceName: "comments",
    routeTemplate: "{project}/_apis/{area}/workItems/{workItemId}/{resource}/{commentId}",
  },
  {
    id: "e07b5fa4-1499-494d-a496-64b860fd64ff",
    area: "wit",
    resourceName: "attachments",
    routeTemplate: "{project}/_apis/{area}/{resource}/{id}/{fileName}",
  },
  {
    id: "72c7ddf8-2cdc-4f60-90cd-ab71c14a399b",
    area: "wit",
    resourceName: "workItems",
    routeTemplate: "{project}/_apis/{area}/{resource}/{id}",
  },
  {
    id: "f5b09dd5-9d54-45a1-8b5a-1c8287d634cc",
    area: "distributedtask",
    resourceName: "variablegroups",
    routeTemplate: "{project}/_apis/{area}/{resource}/{groupId}",
  },
].map((l) => ({
  ...l,
  routeValues: {},
  resourceVersion: 3,
  minVersion: "1.0",
  maxVersion: "7.2",
  releasedVersion: "7.1",
}));

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    fs.appendFileSync(
      logFile,
      JSON.stringify({
        method: req.method,
        url: req.url,
        auth: req.headers.authorization,
        type: req.headers["content-type"],
        body,
      }) + "\n",
    );
    const send = (status: number, data: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(data));
    };
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "OPTIONS") return send(200, { count: LOCATIONS.length, value: LOCATIONS });
    if (forcedStatus)
      return send(forcedStatus, {
        message: "TF401027: You need the Git 'GenericContribute' permission",
        typeKey: "UnauthorizedAccessException",
      });
    const comment = /\/_apis\/wit\/workItems\/(\d+)\/comments\/?(\d+)?$/.exec(url.pathname);
    if (comment && req.method === "GET")
      return send(200, { totalCount: comments.length, count: comments.length, comments });
    if (comment && req.method === "POST") {
      const created = { id: comments.length + 100, text: JSON.parse(body).text };
      comments.push(created);
      return send(200, created);
    }
    if (comment && req.method === "PATCH") {
      const target = comments.find((c) => c.id === Number(comment[2]));
      if (!target) return send(404, { message: "no comment" });
      target.text = JSON.parse(body).text;
      return send(200, target);
    }
    if (/\/_apis\/distributedtask\/variablegroups\/?$/.test(url.pathname) && req.method === "GET") {
      // groupName filters with wildcards, as Azure DevOps does (`*` only here).
      const wanted = new RegExp(
        `^${(url.searchParams.get("groupName") ?? "*").replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`,
        "i",
      );
      const value = variableGroups.filter((g) => wanted.test(g.name));
      return send(200, { count: value.length, value });
    }
    const item = /\/_apis\/wit\/workItems\/(\d+)$/.exec(url.pathname);
    if (item && req.method === "GET") {
      const relations = attachments.map((name, i) => ({
        rel: "AttachedFile",
        url: `http://fake/org/_apis/wit/attachments/att-${i}`,
        attributes: { name },
      }));
      return send(200, { id: Number(item[1]), rev: 1, fields: {}, relations });
    }
    const download = /\/_apis\/wit\/attachments\/att-(\d+)/.exec(url.pathname);
    if (download && req.method === "GET") {
      res.writeHead(200, { "Content-Type": "application/octet-stream" });
      return res.end(fs.readFileSync(`${attachmentDir}/${attachments[Number(download[1])]}`));
    }
    if (/\/_apis\/wit\/attachments/.test(url.pathname) && req.method === "POST")
      return send(201, { id: "a1", url: "http://fake/_apis/wit/attachments/a1" });
    if (/\/_apis\/wit\/workItems\/\d+$/.test(url.pathname) && req.method === "PATCH")
      return send(200, { id: 77, rev: 2 });
    send(404, { message: `unexpected ${req.method} ${url.pathname}` });
  });
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address() as { port: number };
  process.stdout.write(`listening ${address.port}\n`);
});
// Never outlive the test run.
setTimeout(() => process.exit(0), 120000).unref();
process.on("SIGTERM", () => process.exit(0));
