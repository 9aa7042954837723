import { setFlagsFromString } from 'node:v8';

let check: ((a: object, b: object) => boolean) | undefined;

/**
 * Whether V8 gives `a` and `b` the same hidden class (map), with fast properties (dictionary-mode
 * objects share one map but each carries its own property table: they do not count). Objects built per
 * file or per image should:
 * in Node 20's V8, a pattern such as `{ ...options, file }` (a spread followed by a property the spread
 * object lacks) or a getter closure per object gives every result a hidden class of its own after a few
 * dozen calls — allocated in old space, so memory grows with the files read. Build a few thousand objects
 * through the code under test and compare the last two.
 *
 * Turns on `--allow-natives-syntax` for functions compiled from now on (only `%HaveSameMap` uses it).
 */
export function sameHiddenClass(a: object, b: object): boolean {
  if (check === undefined) {
    setFlagsFromString('--allow-natives-syntax');
    check = new Function(
      'a',
      'b',
      'return %HaveSameMap(a, b) && %HasFastProperties(a) && %HasFastProperties(b)',
    ) as (a: object, b: object) => boolean;
  }
  return check(a, b);
}
