import { strict as assert } from "assert";
import { FIELD } from "../../../core/secrets/decode";
import { findKnownSecrets, SecretMatch } from "../../../core/secrets/formats";
import { secretlintMatches } from "../../../core/secrets/secretlint";

const secretsOf = (v: string) => findKnownSecrets(v).map((m) => [m.kind, v.slice(m.start, m.end)]);
/** No label may hold any 4 characters of the secret it is about. */
function assertLabelsHide(value: string, found: SecretMatch[]): void {
  for (const m of found) {
    const secret = value.slice(m.start, m.end);
    for (let i = 0; i + 4 <= secret.length; i++)
      assert.ok(!m.label.includes(secret.slice(i, i + 4)), `${m.label} shows part of the secret`);
  }
}

const JWT =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmNhcGkwMSIsImlhdCI6MTY1NzAwMDAwMH0.Xq3kZ8vN2pL7tR5wY1uB4cE6gH9jK0mA2sD4fG6hJ8k";
const KEY_BODY =
  "MIIEow" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y5z6A7b8C9d0E1f2G3h4I5j6K7l8M9n0O1p2Q3r4S5t6U7v8W9x0";

describe("core/secrets/formats: credentials of a known format, whatever the name", () => {
  it("passwords in ODBC, JDBC and Azure connection strings", () => {
    assert.deepEqual(secretsOf("DSN=impala-virtual-prd;UID=svcetl01;PWD=Odbc#Prd2022;AuthMech=3"), [
      ["password in a connection string", "Odbc#Prd2022"],
    ]);
    assert.deepEqual(secretsOf("Driver={Impala};UID=x;PWD={Hv3;Cl@ve}"), [
      ["password in a connection string", "Hv3;Cl@ve"],
    ]);
    assert.deepEqual(secretsOf("jdbc:impala://h:21050/db;AuthMech=3;UID=x;Password=Jdbc$Imp4la"), [
      ["password in a connection string", "Jdbc$Imp4la"],
    ]);
    assert.equal(secretsOf("AccountName=lz;AccountKey=" + "Ab1+".repeat(21) + "==;EndpointSuffix=x").length, 1);
  });
  it("not a connection string whose password is a placeholder, a field or computed", () => {
    for (const v of [
      "DSN=x;UID=u;PWD={clave}",
      "DSN=x;UID=u;PWD=%s",
      "DSN=x;UID=u;PWD=${IMPALA_PWD}",
      `DSN=x;UID=u;PWD=${FIELD}`,
      "DSN=x;UID=u;PWD=<clave>",
      "PWD=/home/etl",
      "PWD=$(cat /etc/lz/pass)",
      "DSN=%s;AuthMech=1;KrbServiceName=impala",
    ])
      assert.deepEqual(secretsOf(v), [], v);
  });
  it("passwords in URLs of any scheme, not URLs without one", () => {
    assert.deepEqual(secretsOf("impala://svcetl01:Pa55w0rd!x@impala.ejemplo.com:21050/db"), [
      ["password in a URL", "Pa55w0rd!x"],
    ]);
    assert.deepEqual(secretsOf("postgresql://riesgos:Pg#R1esgo22@pg:5432/r"), [["password in a URL", "Pg#R1esgo22"]]);
    for (const v of [
      "https://api.ejemplo.com:8443/v1/login",
      "http://host:8080/ruta?correo=a@b.com",
      "impala://{}:{}@host:21050",
      `https://etl:${FIELD}@host`,
      "ftp://anonymous:%s@ftp.ejemplo.com",
    ])
      assert.deepEqual(secretsOf(v), [], v);
  });
  it("Authorization headers, as a header line or as the value of the header", () => {
    assert.deepEqual(secretsOf("Authorization: Bearer Ab12Cd34Ef56Gh78"), [
      ["credential in an Authorization header", "Ab12Cd34Ef56Gh78"],
    ]);
    const basic = Buffer.from("svcapi01:B4sic#Cred22").toString("base64");
    assert.deepEqual(secretsOf(`Basic ${basic}`), [["credential in an Authorization header", basic]]);
    assert.deepEqual(secretsOf(`Bearer ${JWT}`)[0][0], "credential in an Authorization header");
    for (const v of ["Basic authentication", "Bearer token", "Basic %s", "Bearer ", `Authorization: Bearer ${FIELD}`])
      assert.deepEqual(secretsOf(v), [], v);
  });
  it("JWTs, GitLab, Google and Azure SAS formats", () => {
    assert.deepEqual(secretsOf(`x ${JWT} y`), [["JWT", JWT]]);
    assert.deepEqual(secretsOf("glpat-Ab3dEf6hIj9kLm2nOp5q"), [["GitLab token", "Ab3dEf6hIj9kLm2nOp5q"]]);
    const google = "Sy0123456789abcdefghijklmnopqrstuvw";
    assert.deepEqual(secretsOf(`?key=AIza${google}`), [["Google API key", google]]);
    assert.deepEqual(secretsOf("https://a.blob.core.windows.net/c/f?sv=2021&sig=Ab12Cd34Ef56Gh78Ij90Kl%3D")[0], [
      "Azure SAS signature",
      "Ab12Cd34Ef56Gh78Ij90Kl%3D",
    ]);
  });
  it("AWS, GitHub, Slack, npm tokens and private keys through secretlint's rules, their ranges only", () => {
    const aws = "AKIAQ3EGRTYUIOPLKJHG";
    assert.deepEqual(secretsOf(`k = "${aws}"`), [["AWS access key", aws]]);
    const secret = "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";
    assert.deepEqual(secretsOf(`aws_secret_access_key = "${secret}"`), [["AWS secret access key", secret]]);
    const gh = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    assert.deepEqual(secretsOf(gh), [["GitHub token", gh]]);
    const slack = "xoxb-12345678901-1234567890123-Ab12Cd34Ef56Gh78Ij90Kl12";
    assert.deepEqual(secretsOf(slack), [["Slack token", slack]]);
    const npm = "npm_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    assert.deepEqual(secretsOf(npm), [["npm access token", npm]]);
    const key = `-----BEGIN RSA PRIVATE KEY-----\n${KEY_BODY}\n-----END RSA PRIVATE KEY-----`;
    assert.deepEqual(
      secretsOf(key).map((s) => s[0]),
      ["private key"],
    );
    assert.deepEqual(secretsOf("-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----"), []);
    assert.deepEqual(
      secretlintMatches(`id = "${aws}"`).map((m) => m.messageId),
      ["AWSAccessKeyID"],
    );
  });
  it("labels never hold a piece of the secret", () => {
    const values = [
      "DSN=x;UID=svcetl01;PWD=Odbc#Prd2022",
      "impala://svcetl01:Pa55w0rd!x@h",
      "Authorization: Bearer Ab12Cd34Ef56Gh78",
      JWT,
      "glpat-Ab3dEf6hIj9kLm2nOp5q",
    ];
    for (const v of values) {
      const found = findKnownSecrets(v);
      assert.ok(found.length, v);
      assertLabelsHide(v, found);
    }
  });
  it("one match per secret, in order", () => {
    const v = `DSN=a;PWD=Odbc#Prd2022 and impala://u:Pa55w0rd!x@h and ${JWT}`;
    assert.deepEqual(
      findKnownSecrets(v).map((m) => m.kind),
      ["password in a connection string", "password in a URL", "JWT"],
    );
  });
});
