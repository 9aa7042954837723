/**
 * `{ ...options, ...extra }`, built without giving each result a hidden class of its own: in Node 20's V8
 * an object spread followed by properties the spread object lacks does (allocated in old space: memory
 * that grew with the files read). `Object.assign` onto a fresh object does not, but would run the
 * `__proto__` setter for an own `__proto__` key (options parsed from JSON) where a spread copies it as a
 * plain property: such options keep the spread.
 */
export function withOptions<T extends object, E extends object>(options: T, extra: E): T & E {
  return Object.hasOwn(options, '__proto__') ? { ...options, ...extra } : Object.assign({}, options, extra);
}
