import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { writeAllSync } from "../../tasks/common/writeAllSync";

/** A descriptor that takes at most `chunk` bytes a call and answers EAGAIN on the calls listed. */
function fakeDescriptor(chunk: number, eagainOnCalls: number[]) {
  const received: Buffer[] = [];
  let calls = 0;
  const write = (_fd: number, buffer: Uint8Array, offset: number, length: number): number => {
    calls++;
    if (eagainOnCalls.includes(calls))
      throw Object.assign(new Error("EAGAIN: resource temporarily unavailable, write"), { code: "EAGAIN" });
    const n = Math.min(chunk, length);
    received.push(Buffer.from(buffer.subarray(offset, offset + n)));
    return n;
  };
  return { write, received: () => Buffer.concat(received).toString("utf8"), calls: () => calls };
}

describe("writeAllSync (the one write of CreateOCVars' log)", () => {
  const text = "##vso[task.debug]línea ⏎ uno\n".repeat(50);

  it("writes everything when the descriptor takes part of each write, multi-byte characters intact", () => {
    const fd = fakeDescriptor(7, []);
    writeAllSync(1, text, fd.write);
    assert.equal(fd.received(), text);
    assert.equal(fd.calls(), Math.ceil(Buffer.byteLength(text) / 7));
  });

  it("waits and retries on EAGAIN (a non-blocking pipe that is full), losing nothing", () => {
    const fd = fakeDescriptor(100, [1, 2, 5]);
    writeAllSync(1, text, fd.write);
    assert.equal(fd.received(), text);
  });

  it("throws any other error (the agent closed the pipe)", () => {
    const closed = () => {
      throw Object.assign(new Error("EPIPE: broken pipe, write"), { code: "EPIPE" });
    };
    assert.throws(() => writeAllSync(1, "x", closed), /EPIPE/);
  });

  it("writes a log larger than a pipe's buffer (64 KB) to a real pipe, all of it arriving", () => {
    const big = "x".repeat(1024 * 1024);
    const script = `require(${JSON.stringify(require.resolve("../../tasks/common/writeAllSync"))}).writeAllSync(1, "x".repeat(1024 * 1024))`;
    const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", maxBuffer: 4 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, big);
  });
});
