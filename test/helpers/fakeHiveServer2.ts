/**
 * A HiveServer2 test server on 127.0.0.1 (Impala's HS2 protocol, as hive-driver speaks it), built
 * on the thrift service definition hive-driver ships. It records every statement and answers the
 * inventory's statements from an in-memory table.
 */
import * as net from "net";
import * as hive from "hive-driver";
import { answer, Row } from "./fakeInventory";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const thrift = require("thrift");

const T = hive.thrift.TCLIService_types;

export interface FakeHs2 {
  port: number;
  statements: string[];
  rows: Row[];
  /** PLAIN SASL credentials seen (LDAP): [authorization id, user, password]. */
  credentials: string[][];
  close(): Promise<void>;
}

export interface FakeHs2Options {
  /** Require LDAP: PLAIN SASL with these credentials, then framed thrift (as Impala does). */
  ldap?: { user: string; password: string };
}

export async function startFakeHiveServer2(rows: Row[] = [], options: FakeHs2Options = {}): Promise<FakeHs2> {
  const credentials: string[][] = [];
  const statements: string[] = [];
  const results = new Map<string, { columns: string[]; rows: string[][]; fetched: boolean }>();
  const ok = () => new T.TStatus({ statusCode: T.TStatusCode.SUCCESS_STATUS });
  let next = 0;
  const handle = () => {
    const id = Buffer.alloc(16);
    id.writeUInt32BE(++next, 0);
    return new T.THandleIdentifier({ guid: id, secret: Buffer.alloc(16) });
  };
  // Every method takes its request argument: thrift's processor tells promise-style handlers
  // from callback-style ones by the number of parameters.
  const handler = {
    OpenSession: (_req: unknown) =>
      new T.TOpenSessionResp({
        status: ok(),
        serverProtocolVersion: T.TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V6,
        sessionHandle: new T.TSessionHandle({ sessionId: handle() }),
      }),
    CloseSession: (_req: unknown) => new T.TCloseSessionResp({ status: ok() }),
    ExecuteStatement: (req: { statement: string }) => {
      statements.push(req.statement);
      const id = handle();
      const result = answer(req.statement, rows);
      results.set(id.guid.toString("hex"), {
        columns: result?.columns ?? [],
        rows: result?.rows ?? [],
        fetched: false,
      });
      return new T.TExecuteStatementResp({
        status: ok(),
        operationHandle: new T.TOperationHandle({
          operationId: id,
          operationType: T.TOperationType.EXECUTE_STATEMENT,
          hasResultSet: !!result,
        }),
      });
    },
    GetOperationStatus: (_req: unknown) =>
      new T.TGetOperationStatusResp({
        status: ok(),
        operationState: T.TOperationState.FINISHED_STATE,
        hasResultSet: true,
      }),
    GetResultSetMetadata: (req: { operationHandle: { operationId: { guid: Buffer } } }) => {
      const r = results.get(req.operationHandle.operationId.guid.toString("hex"))!;
      const columns = r.columns.map(
        (name, i) =>
          new T.TColumnDesc({
            columnName: name,
            position: i + 1,
            typeDesc: new T.TTypeDesc({
              types: [new T.TTypeEntry({ primitiveEntry: new T.TPrimitiveTypeEntry({ type: T.TTypeId.STRING_TYPE }) })],
            }),
          }),
      );
      return new T.TGetResultSetMetadataResp({ status: ok(), schema: new T.TTableSchema({ columns }) });
    },
    FetchResults: (req: { operationHandle: { operationId: { guid: Buffer } } }) => {
      const r = results.get(req.operationHandle.operationId.guid.toString("hex"))!;
      // The data once, then an empty row set: fetchAll stops on it.
      const data = r.fetched ? [] : r.rows;
      r.fetched = true;
      const columns = r.columns.map(
        (_c, i) =>
          new T.TColumn({
            stringVal: new T.TStringColumn({
              values: data.map((row) => row[i] ?? ""),
              nulls: Buffer.alloc(Math.ceil(data.length / 8) || 1),
            }),
          }),
      );
      return new T.TFetchResultsResp({
        status: ok(),
        hasMoreRows: false,
        results: new T.TRowSet({ startRowOffset: 0, rows: [], columns }),
      });
    },
    CloseOperation: (_req: unknown) => new T.TCloseOperationResp({ status: ok() }),
  };
  if (!options.ldap) {
    const server = thrift.createServer(hive.thrift.TCLIService, handler, {
      transport: thrift.TBufferedTransport,
      protocol: thrift.TBinaryProtocol,
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    return {
      port: server.address().port,
      statements,
      rows,
      credentials,
      close: () => new Promise((resolve) => server.close(() => resolve())),
    };
  }
  // LDAP: a SASL PLAIN handshake (START "PLAIN", OK "authz\0user\0password", answered COMPLETE or
  // BAD), then the connection is handed to a framed-transport thrift server.
  const thriftServer = thrift.createServer(hive.thrift.TCLIService, handler, {
    transport: thrift.TFramedTransport,
    protocol: thrift.TBinaryProtocol,
  });
  const ldap = options.ldap;
  const server = net.createServer((socket) => {
    let buffer = Buffer.alloc(0);
    const packets: Buffer[] = [];
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (packets.length < 2 && buffer.length >= 5 && buffer.length >= 5 + buffer.readUInt32BE(1)) {
        const length = buffer.readUInt32BE(1);
        packets.push(buffer.subarray(0, 5 + length));
        buffer = buffer.subarray(5 + length);
      }
      if (packets.length < 2) return;
      socket.removeListener("data", onData);
      const [authz, user, password] = packets[1].subarray(5).toString("utf8").split("\0");
      credentials.push([authz, user, password]);
      const mechanism = packets[0].subarray(5).toString("utf8");
      const accepted = mechanism === "PLAIN" && user === ldap.user && password === ldap.password;
      const message = Buffer.from(accepted ? "" : "Invalid credentials");
      const reply = Buffer.alloc(5 + message.length);
      reply[0] = accepted ? 5 : 3; // COMPLETE or BAD
      reply.writeUInt32BE(message.length, 1);
      message.copy(reply, 5);
      socket.write(reply);
      if (!accepted) {
        socket.end();
        return;
      }
      if (buffer.length) socket.unshift(buffer);
      thriftServer.emit("connection", socket);
    };
    socket.on("data", onData);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    port: (server.address() as net.AddressInfo).port,
    statements,
    rows,
    credentials,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
