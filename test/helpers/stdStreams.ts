/**
 * Source for a probe or a preload: pushes "stdout"/"stderr" onto the array named `into` each time
 * process.stdout or process.stderr is fetched (Node creates each at its first fetch).
 */
export function recordStdStreamCreation(into: string): string {
  return `for (const name of ["stdout", "stderr"]) {
  const own = Object.getOwnPropertyDescriptor(process, name);
  Object.defineProperty(process, name, { configurable: true, enumerable: own.enumerable, get() { ${into}.push(name); return own.get.call(this); } });
}`;
}
