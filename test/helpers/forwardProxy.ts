/**
 * A forwarding HTTP proxy on 127.0.0.1, as a bank's agent would sit behind: it tunnels CONNECT
 * requests (what the REST client's proxy agent sends, for http and https targets alike) and forwards
 * absolute-URI requests, and appends one JSON line per request to a log for the test to check.
 * Proxy credentials, when given, are required (407 otherwise), as a real authenticating proxy does.
 *   node forwardProxy.js <log file> [--user name:password]
 */
import * as fs from "fs";
import * as http from "http";
import * as net from "net";

const [logFile, ...flags] = process.argv.slice(2);
const credentials = flags.includes("--user") ? flags[flags.indexOf("--user") + 1] : undefined;
const expected = credentials ? `Basic ${Buffer.from(credentials).toString("base64")}` : undefined;
const record = (entry: Record<string, unknown>) => fs.appendFileSync(logFile, JSON.stringify(entry) + "\n");

const server = http.createServer((req, res) => {
  record({ method: req.method, url: req.url, auth: req.headers["proxy-authorization"] });
  if (expected && req.headers["proxy-authorization"] !== expected) {
    res.writeHead(407, { "Proxy-Authenticate": 'Basic realm="proxy"' }).end();
    return;
  }
  const target = new URL(req.url ?? "");
  const upstream = http.request(
    {
      host: target.hostname,
      port: target.port,
      path: target.pathname + target.search,
      method: req.method,
      headers: req.headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on("error", () => res.writeHead(502).end());
  req.pipe(upstream);
});

server.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
  record({ method: "CONNECT", url: req.url, auth: req.headers["proxy-authorization"] });
  if (expected && req.headers["proxy-authorization"] !== expected) {
    client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="proxy"\r\n\r\n');
    return;
  }
  const [host, port] = (req.url ?? "").split(":");
  const upstream = net.connect(Number(port), host, () => {
    client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on("error", () => client.destroy());
  client.on("error", () => upstream.destroy());
});

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${(server.address() as net.AddressInfo).port}\n`);
});
setTimeout(() => process.exit(0), 120000).unref();
