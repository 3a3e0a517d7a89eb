import { strict as assert } from "assert";
import { compareInstants, formatInstant, isoInstant, sameInstant, toInstant } from "../../../core/release/instant";
import { releaseFromWire } from "../../../core/release/wire";

const T = Date.UTC(2026, 10, 23, 10, 0, 0, 123); // 2026-11-23T10:00:00.123Z

describe("release tab: modifiedOn is an instant (issue #13)", () => {
  it("reads a Date, an ISO 8601 string and an MS JSON date as the same instant", () => {
    for (const form of [
      new Date(T),
      "2026-11-23T10:00:00.123Z",
      "2026-11-23T10:00:00.1230000Z", // .NET's 7 fraction digits
      "2026-11-23T05:00:00.123-05:00",
      "2026-11-23T10:00:00.123", // no zone: Azure DevOps means UTC
      `/Date(${T})/`, // "\/Date(n)\/" after JSON.parse
      `\\/Date(${T})\\/`, // the raw JSON text
      `/Date(${T}+0000)/`,
    ])
      assert.equal(toInstant(form), T, String(form));
  });

  it("names no instant for anything else", () => {
    for (const v of [undefined, null, "", "ayer", 12345, {}, new Date("nope"), "2026-13-45T99:00:00Z"])
      assert.equal(toInstant(v), undefined, String(v));
  });

  it("compares by instant, never by identity or text", () => {
    // The bug: two Date objects of the same instant, and a Date against its ISO text.
    assert.ok(sameInstant(new Date(T), new Date(T)));
    assert.ok(sameInstant(new Date(T), "2026-11-23T10:00:00.123Z"));
    assert.ok(sameInstant(`/Date(${T})/`, "2026-11-23T10:00:00.1230000Z"));
    assert.ok(!sameInstant(new Date(T), new Date(T + 1)), "one millisecond is another revision");
    assert.ok(sameInstant(undefined, undefined), "both absent");
    assert.ok(!sameInstant(undefined, new Date(T)));
    assert.ok(!sameInstant("garbage", new Date(T)));
    assert.ok(sameInstant("garbage", "garbage"), "unreadable stamps match only as the same text");
    assert.equal(compareInstants(new Date(T), `/Date(${T + 1000})/`), -1);
    assert.equal(compareInstants(`/Date(${T})/`, new Date(T)), 0);
    assert.equal(compareInstants("x", new Date(T)), undefined);
  });

  it("writes an instant as ISO for bodies and readably for messages", () => {
    assert.equal(isoInstant(`/Date(${T})/`), "2026-11-23T10:00:00.123Z");
    assert.equal(formatInstant(new Date(T)), "2026-11-23 10:00:00.123 UTC");
    assert.equal(formatInstant(new Date(Date.UTC(2026, 10, 23, 10))), "2026-11-23 10:00:00 UTC");
    assert.equal(formatInstant(undefined), "-");
  });
});

describe("release tab: the release at the gateway boundary (releaseFromWire)", () => {
  it("turns every date into ISO text, modifiedOn canonical, and keeps everything else as it came", () => {
    const raw = {
      id: 42,
      status: 2,
      modifiedOn: new Date(T),
      createdOn: `/Date(${T - 86400000})/`,
      environments: [{ id: 101, name: "Deploy DEV", createdOn: new Date(T), variables: {}, deploySteps: [] }],
      variables: { fecha: { value: `/Date(${T})/` }, claveImpala: { value: null, isSecret: true } },
      _links: {},
    };
    const release = releaseFromWire(raw);
    assert.deepEqual(release, {
      id: 42,
      status: 2,
      modifiedOn: "2026-11-23T10:00:00.123Z",
      createdOn: "2026-11-22T10:00:00.123Z",
      environments: [
        { id: 101, name: "Deploy DEV", createdOn: "2026-11-23T10:00:00.123Z", variables: {}, deploySteps: [] },
      ],
      // A variable's value is the user's text: never read as a date.
      variables: { fecha: { value: `/Date(${T})/` }, claveImpala: { value: null, isSecret: true } },
      _links: {},
    });
    assert.deepEqual(JSON.parse(JSON.stringify(release)), release, "a JSON copy is the release");
    assert.ok(raw.modifiedOn instanceof Date, "the input is not changed");
  });

  it("drops what JSON cannot carry (functions, cycles from a host object graph)", () => {
    const raw: Record<string, unknown> = { id: 1, onChange: () => undefined, nested: {} };
    (raw.nested as Record<string, unknown>).back = raw;
    assert.deepEqual(releaseFromWire(raw), { id: 1, nested: {} });
  });

  it("refuses what is not a release", () => {
    for (const bad of [undefined, null, "42", [], { id: "42" }, { name: "Release-42" }])
      assert.throws(() => releaseFromWire(bad), /Not a release/);
  });
});
