// What a server action's arguments may hold. React's reply decoder makes far more than JSON of a request body:
// promises (`$@`), streams (`$R`, `$r`), iterators (`$i`, `$x`), functions (`$h`), Maps, Sets, Dates, BigInts,
// typed arrays, Blobs and FormData. A promise is the trap: `["$@5"]` names a part that is never sent, decodes into
// a promise, and the action runs with it, where a schema of optional fields (or an action that takes nothing)
// accepts it as "no input". Walked iteratively with a seen-set: the decoder shares and nests values (5,000 levels
// of arrays decode), and a recursive walk would overflow the stack.

/**
 * `decoded`: anything a settled, finite value can be (what a form's previous state may round-trip as);
 * `plain`: JSON's values and undefined, what an action's object argument is.
 */
type Allowed = "decoded" | "plain";

const isPlainObject = (value: object) => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** Leaves the decoder makes that are settled data without parts of their own to walk. */
const isDecodedLeaf = (value: object) =>
  value instanceof Date ||
  value instanceof Blob ||
  value instanceof FormData ||
  value instanceof ArrayBuffer ||
  ArrayBuffer.isView(value);

const PLAIN_PRIMITIVES = new Set(["string", "number", "boolean", "undefined"]);

/** The kind of the first value `allowed` does not take (e.g. "Promise", "bigint"), or null when there is none. */
function findValueOutside(root: unknown, allowed: Allowed): string | null {
  const seen = new Set<object>();
  const pending: unknown[] = [root];
  // Pushed one by one (an argument can hold millions of values, too many to spread into one call); strings,
  // numbers, booleans, null and undefined are plain everywhere, so they are not pushed at all.
  const walk = (values: Iterable<unknown>) => {
    for (const value of values)
      if (typeof value === "object" ? value !== null : !PLAIN_PRIMITIVES.has(typeof value))
        pending.push(value);
  };
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === "bigint") {
      if (allowed === "plain") return "bigint";
      continue;
    }
    if (typeof value === "symbol" || typeof value === "function") return typeof value;
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) walk(value);
    // Symbol keys too: an async iterable (`$X`) decodes as a plain object whose only key is Symbol.asyncIterator.
    else if (isPlainObject(value))
      walk(Reflect.ownKeys(value).map((key) => (value as Record<PropertyKey, unknown>)[key]));
    else if (allowed === "decoded" && value instanceof Map) {
      walk(value.keys());
      walk(value.values());
    } else if (allowed === "decoded" && value instanceof Set) walk(value);
    else if (allowed === "plain" || !isDecodedLeaf(value))
      return Object.prototype.toString.call(value).slice(8, -1);
  }
  return null;
}

/**
 * What no action here takes in any argument, for the guard before Next decodes the body: a value settled later
 * (a promise), streamed (a stream, an iterator), or code (a function); the kind found, or null.
 */
export function findUnsettledArgumentValue(args: unknown): string | null {
  return findValueOutside(args, "decoded");
}

/** The kind of the first value in `value` that is not JSON's (or undefined), or null when it is plain data. */
export function findNonPlainValue(value: unknown): string | null {
  return findValueOutside(value, "plain");
}
