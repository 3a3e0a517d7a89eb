import { strict as assert } from "assert";
import { decodeLiteral, FIELD } from "../../../core/secrets/decode";
import { findHardcodedPaths, hardcodedUserEvidence, isWellKnownAccount } from "../../../core/secrets/paths";

const pathsIn = (literal: string) =>
  findHardcodedPaths(decodeLiteral(literal, 0, literal.length)!.value).map((p) => [p.kind, p.path]);

describe("core/secrets/paths: PTH001 on decoded values", () => {
  it("a format placeholder before an escape is no drive", () => {
    for (const literal of [
      String.raw`'%s:\n'`,
      String.raw`'%d:\t%s'`,
      String.raw`'r:\n         %s\n'`,
      String.raw`"%s:\\%s"`,
      String.raw`"{0}:\\{1}"`,
    ])
      assert.deepEqual(pathsIn(literal), [], literal);
  });
  it("real Windows paths, raw or escaped", () => {
    assert.deepEqual(pathsIn(String.raw`r'c:\temp'`), [["Windows path", "c:\\temp"]]);
    assert.deepEqual(pathsIn(String.raw`'C:\\Program Files'`), [["Windows path", "C:\\Program Files"]]);
  });
  it("home folders, server paths, HDFS user folders and service accounts as today", () => {
    assert.deepEqual(pathsIn(`"/home/jperez/reportes"`), [["home folder", "/home/jperez"]]);
    assert.deepEqual(pathsIn(`"/avirtual/zona/x"`), [["server path", "/avirtual/zona/x"]]);
    assert.deepEqual(pathsIn(`"hdfs://ns1/user/dvaron/datos"`)[0], ["HDFS user folder", "hdfs://ns1/user/dvaron"]);
    assert.deepEqual(pathsIn(`"svcetl01"`), [["service account", "svcetl01"]]);
    assert.deepEqual(findHardcodedPaths(`/avirtual/zona/${FIELD}/x`), [
      { kind: "server path", path: "/avirtual/zona/", start: 0, end: 15 },
    ]);
  });
  it("well-known accounts are nobody's", () => {
    assert.deepEqual(pathsIn(`"/user/hive/warehouse"`), []);
    assert.deepEqual(pathsIn(`"/home/nobody"`), []);
    for (const a of ["anonymous", "Guest", "nobody", "anónimo", "hive"]) assert.equal(isWellKnownAccount(a), true, a);
    assert.equal(isWellKnownAccount("dvaron"), false);
  });
  it("a hard-coded user needs a user name and an account value", () => {
    assert.deepEqual(hardcodedUserEvidence("usuario", "dvaron"), { user: true });
    assert.deepEqual(hardcodedUserEvidence("user", "anonymous"), { user: false, because: "well-known account" });
    assert.deepEqual(hardcodedUserEvidence("COLUMNA_USUARIO", "usuario"), { user: false, because: "name" });
    assert.deepEqual(hardcodedUserEvidence("usuario", "Ingrese su usuario: "), {
      user: false,
      because: "not an account",
    });
    assert.deepEqual(hardcodedUserEvidence("user", "posix_user"), { user: false, because: "not an account" });
    assert.deepEqual(hardcodedUserEvidence("db_user", "LZ_IMPALA_USER"), { user: false, because: "not an account" });
    assert.deepEqual(hardcodedUserEvidence("usuario", "%s"), { user: false, because: "placeholder" });
  });
});
