// One value per JavaScript runtime, whichever bundle asks. functions.js and
// taskpane.js each carry their own copy of every shared module but run in
// the same shared runtime; what they must share (the connection's listeners,
// the live client) is kept on globalThis under a registered symbol.
// Only plain data and methods cross between the bundles this way: a class
// made by one bundle is not `instanceof` the other bundle's copy.

export function perRuntime<T>(name: string, make: () => T): T {
  const registry = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`mat.${name}`);
  return (registry[key] ??= make());
}
