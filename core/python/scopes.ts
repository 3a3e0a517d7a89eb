/**
 * CPython's compile-time errors beyond the grammar (its symbol table and compiler): `return`, `yield`
 * and `await` outside the function kind that allows them, `break`/`continue` outside a loop,
 * `nonlocal` at module level or without a binding, a parameter declared global or nonlocal, `return`
 * with a value in an async generator, `break`/`continue`/`return` in an `except*` block. Also the
 * newer syntax that depends on where a statement stands (an async generator is 3.6, `continue` in
 * `finally` 3.8, an async comprehension inside another comprehension 3.11).
 *
 * The query reports the scopes (functions, lambdas, classes, loop bodies, finally blocks, except*
 * blocks, comprehensions) and the statements as ranges; they are sorted once and walked with a stack,
 * so that no node's parents are climbed from JavaScript (each climb costs a walk from the root).
 */
import type { Node } from "web-tree-sitter";
import { identifierRole } from "./bindings";
import type { PythonFile } from "./file";

type FrameKind = "function" | "lambda" | "class" | "loop" | "finally" | "exceptStar" | "comprehension";
type EventKind = "return" | "yield" | "await" | "break" | "continue" | "nonlocal" | "global" | "asyncFor";

interface Frame {
  kind: FrameKind;
  start: number;
  end: number;
  node: Node;
  async?: boolean;
  hasYield?: boolean;
  returnsValue?: Node;
}

interface Event {
  kind: EventKind;
  start: number;
  node: Node;
}

const SCOPES: ReadonlySet<FrameKind> = new Set(["function", "lambda", "class"]);

/** The names a function's parameters bind. */
function parameterNames(file: PythonFile, fn: Node): Set<string> {
  const names = new Set<string>();
  const params = fn.childForFieldName("parameters");
  if (!params) return names;
  for (const p of params.namedChildren) {
    if (!p) continue;
    const name = p.type === "identifier" ? p : (p.childForFieldName("name") ?? p.namedChild(0));
    const id = name?.type === "identifier" ? name : name?.namedChild(0);
    if (id?.type === "identifier") names.add(file.src(id));
  }
  return names;
}

export class ScopeRecorder {
  private readonly frames: Frame[] = [];
  private readonly events: Event[] = [];

  constructor(private readonly text: string) {}

  /**
   * A function (`def`), a lambda or a class, as a scope from its first token: its defaults and
   * annotations belong to the enclosing scope in CPython, a difference that only hides an error
   * there (`def f(x=(yield))`) and saves a capture per definition.
   */
  function(node: Node): void {
    const async = this.text.startsWith("async", node.startIndex);
    this.frames.push({ kind: "function", start: node.startIndex, end: node.endIndex, node, async });
  }

  lambda(node: Node): void {
    this.frames.push({ kind: "lambda", start: node.startIndex, end: node.endIndex, node });
  }

  class(node: Node): void {
    this.frames.push({ kind: "class", start: node.startIndex, end: node.endIndex, node });
  }

  /** The body of a for or while loop (not its else clause). */
  loop(body: Node): void {
    this.frames.push({ kind: "loop", start: body.startIndex, end: body.endIndex, node: body });
  }

  finally(node: Node): void {
    this.frames.push({ kind: "finally", start: node.startIndex, end: node.endIndex, node });
  }

  exceptStar(node: Node): void {
    this.frames.push({ kind: "exceptStar", start: node.startIndex, end: node.endIndex, node });
  }

  comprehension(node: Node): void {
    this.frames.push({ kind: "comprehension", start: node.startIndex, end: node.endIndex, node });
  }

  event(kind: EventKind, node: Node): void {
    this.events.push({ kind, start: node.startIndex, node });
  }

  /** Walks the statements in their scopes and reports what CPython would refuse or date. */
  check(file: PythonFile): void {
    if (this.events.length === 0) return;
    type Item = { frame?: Frame; event?: Event; start: number; end: number };
    const items: Item[] = [
      ...this.frames.map((frame) => ({ frame, start: frame.start, end: frame.end })),
      ...this.events.map((event) => ({ event, start: event.start, end: event.start })),
    ];
    // Outer scopes first; a scope before a statement at the same offset (a block starts at its first statement).
    items.sort((a, b) => a.start - b.start || (a.frame ? 0 : 1) - (b.frame ? 0 : 1) || b.end - a.end);
    const stack: Frame[] = [];
    const close = (frame: Frame) => {
      if (frame.kind === "function" && frame.async && frame.hasYield && frame.returnsValue)
        file.compileError(frame.returnsValue.startIndex, "'return' with value in async generator");
    };
    const nonlocals: Array<{ node: Node; fn: Frame; enclosing: Frame[] }> = [];
    for (const item of items) {
      while (stack.length && stack[stack.length - 1].end <= item.start) close(stack.pop()!);
      if (item.frame) {
        stack.push(item.frame);
        continue;
      }
      const event = item.event!;
      switch (event.kind) {
        case "return":
          checkReturn(file, event.node, stack);
          break;
        case "yield":
          checkYield(file, event.node, stack);
          break;
        case "await":
          checkAwait(file, event.node, stack);
          break;
        case "break":
        case "continue":
          checkLoopControl(file, event.node, event.kind, stack);
          break;
        case "asyncFor":
          checkAsyncFor(file, event.node, stack);
          break;
        case "nonlocal":
        case "global": {
          const scope = innermostScope(stack);
          if (!scope) {
            if (event.kind === "nonlocal")
              file.compileError(event.start, "nonlocal declaration not allowed at module level");
            break;
          }
          if (scope.kind !== "function") break;
          const params = parameterNames(file, scope.node);
          for (const id of event.node.namedChildren) {
            if (id?.type !== "identifier") continue;
            if (file.src(id) === "__class__") continue; // bound implicitly in every method
            if (params.has(file.src(id)))
              file.compileError(id.startIndex, `name '${file.src(id)}' is parameter and ${event.kind}`);
            else if (event.kind === "nonlocal")
              nonlocals.push({
                node: id,
                fn: scope,
                enclosing: stack.filter((f) => f !== scope && (f.kind === "function" || f.kind === "lambda")),
              });
          }
          break;
        }
      }
    }
    while (stack.length) close(stack.pop()!);
    for (const { node, fn, enclosing } of nonlocals) {
      const name = file.src(node);
      const bound = file
        .identifiers(name)
        .some(
          (n) =>
            identifierRole(n) === "bind" &&
            !(n.startIndex >= fn.start && n.startIndex < fn.end) &&
            enclosing.some((e) => n.startIndex >= e.node.startIndex && n.startIndex < e.end),
        );
      if (!bound) file.compileError(node.startIndex, `no binding for nonlocal '${name}' found`);
    }
  }
}

/** The innermost function, lambda or class around the top of the stack (undefined: module level). */
function innermostScope(stack: readonly Frame[]): Frame | undefined {
  for (let i = stack.length - 1; i >= 0; i--) if (SCOPES.has(stack[i].kind)) return stack[i];
  return undefined;
}

function checkReturn(file: PythonFile, node: Node, stack: readonly Frame[]): void {
  let inExceptStar = false;
  for (let i = stack.length - 1; i >= 0; i--) {
    const frame = stack[i];
    if (frame.kind === "exceptStar") inExceptStar = true;
    if (!SCOPES.has(frame.kind)) continue;
    if (frame.kind !== "function") break;
    if (inExceptStar)
      file.compileError(node.startIndex, "'break', 'continue' and 'return' cannot appear in an except* block");
    else if (frame.async && node.namedChildCount > 0 && !frame.returnsValue) frame.returnsValue = node;
    return;
  }
  file.compileError(node.startIndex, "'return' outside function");
}

function checkYield(file: PythonFile, node: Node, stack: readonly Frame[]): void {
  for (let i = stack.length - 1; i >= 0; i--) {
    const frame = stack[i];
    // A comprehension is a function of its own up to 3.7 and refuses yield from 3.8: neither is "outside".
    if (frame.kind === "comprehension") return;
    if (!SCOPES.has(frame.kind)) continue;
    if (frame.kind === "class") break;
    if (frame.kind === "function" && frame.async) {
      if (/^yield\s+from\b/.test(file.text.slice(node.startIndex, node.startIndex + 32)))
        file.compileError(node.startIndex, "'yield from' inside async function");
      else {
        frame.hasYield = true;
        file.newer("3.6", node.startIndex, "TermAsyncGenerator");
      }
    }
    return;
  }
  file.compileError(node.startIndex, "'yield' outside function");
}

function checkAwait(file: PythonFile, node: Node, stack: readonly Frame[]): void {
  let inComprehension = false;
  let inGenerator = false;
  for (let i = stack.length - 1; i >= 0; i--) {
    const frame = stack[i];
    if (frame.kind === "comprehension") {
      if (!inComprehension && frame.node.type === "generator_expression") inGenerator = true;
      inComprehension = true;
    }
    if (!SCOPES.has(frame.kind)) continue;
    if (frame.kind === "function" && frame.async) {
      if (inComprehension) file.newer("3.6", node.startIndex, "TermAwaitInComprehension");
      return;
    }
    break;
  }
  // In a generator expression, await makes it an asynchronous generator expression: 3.7.
  if (inGenerator) file.newer("3.7", node.startIndex, "TermAwaitInGenerator");
  else file.compileError(node.startIndex, "'await' outside async function");
}

function checkLoopControl(file: PythonFile, node: Node, kind: "break" | "continue", stack: readonly Frame[]): void {
  let inFinally = false;
  let inExceptStar = false;
  for (let i = stack.length - 1; i >= 0; i--) {
    const frame = stack[i];
    if (frame.kind === "finally") inFinally = true;
    if (frame.kind === "exceptStar") inExceptStar = true;
    if (frame.kind === "loop") {
      if (inExceptStar)
        file.compileError(node.startIndex, "'break', 'continue' and 'return' cannot appear in an except* block");
      else if (kind === "continue" && inFinally) file.newer("3.8", node.startIndex, "TermContinueInFinally");
      return;
    }
    if (SCOPES.has(frame.kind)) break;
  }
  file.compileError(node.startIndex, kind === "break" ? "'break' outside loop" : "'continue' not properly in loop");
}

/** `async for` in a comprehension: 3.6; inside another, synchronous comprehension: 3.11. */
function checkAsyncFor(file: PythonFile, node: Node, stack: readonly Frame[]): void {
  file.newer("3.6", node.startIndex, "TermAsyncComprehension");
  let own: Frame | undefined;
  for (let i = stack.length - 1; i >= 0; i--) {
    const frame = stack[i];
    if (SCOPES.has(frame.kind)) return;
    if (frame.kind !== "comprehension") continue;
    if (!own) {
      own = frame;
      continue;
    }
    // The outer comprehension is asynchronous itself when its own clauses (the inner one blanked) say so.
    const outer = file.text.slice(frame.start, own.start) + file.text.slice(own.end, frame.end);
    if (!/\basync\s+for\b/.test(outer)) file.newer("3.11", node.startIndex, "TermAsyncComprehensionNested");
    return;
  }
}
