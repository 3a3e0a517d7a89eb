/**
 * Users' regular expressions on text from outside (core/userPattern): linear in RE2 when RE2 takes
 * them, else JavaScript under a time budget. Not a timing test: the adversarial cases would take
 * hours without the fix, and the assertions are about answers and the budget flag.
 */
import { strict as assert } from "assert";
import { compileUserPattern, patternError } from "../../core/userPattern";

describe("user patterns (core/userPattern)", function () {
  this.timeout(20000);

  it("runs what RE2 accepts in RE2, case-insensitive by default: (a+)+$ on a long line answers", () => {
    const p = compileUserPattern("(a+)+$");
    assert.equal(p.engine, "re2");
    assert.equal(p.test("a".repeat(200_000) + "!"), false);
    assert.equal(p.test("xaaa"), true);
    assert.equal(compileUserPattern("does not have privileges").test("User X DOES NOT HAVE PRIVILEGES"), true);
  });

  it("still runs lookaround and backreferences, as JavaScript in a worker", () => {
    const look = compileUserPattern("error(?! de conexion)");
    assert.equal(look.engine, "js");
    assert.equal(look.test("ERROR grave"), true);
    assert.equal(look.test("error de conexion"), false);
    const back = compileUserPattern("^(\\w+) \\1$");
    assert.equal(back.test("fallo fallo"), true);
    assert.equal(back.test("fallo otro"), false);
  });

  it("stops a JavaScript-only pattern that exceeds its budget, and says so", () => {
    // Catastrophic backtracking behind a backreference: RE2 refuses it, JavaScript would run for ages.
    const evil = compileUserPattern("^(\\w+\\s?)*$(?<=\\1)", { budgetMs: 200 });
    assert.equal(evil.engine, "js");
    const started = Date.now();
    assert.equal(evil.test("a".repeat(40) + "!"), false);
    assert.equal(evil.timedOut, true);
    assert.ok(Date.now() - started < 5000, "stopped near its budget");
    assert.equal(evil.test("anything"), false, "a stopped pattern matches nothing from then on");
    // The worker is replaced: other JavaScript-only patterns still work afterwards.
    assert.equal(compileUserPattern("x(?=y)").test("xy"), true);
  });

  it("runs the product's own defaults as plain RegExps (reviewed linear), and only those", () => {
    const builtIn = ["\\b(ERROR|CRITICAL)\\b"];
    assert.equal(compileUserPattern(builtIn[0], { builtIn }).engine, "built-in");
    assert.equal(compileUserPattern("\\bERROR\\b", { builtIn }).engine, "re2");
  });

  it("refuses what is not a JavaScript regular expression, as before", () => {
    assert.match(patternError("(unclosed") ?? "", /Unterminated group|Invalid regular expression/);
    assert.equal(patternError("ok|fine"), undefined);
    assert.throws(() => compileUserPattern("(unclosed"), SyntaxError);
  });
});
