import { expect, it } from 'vitest';
import { sameHiddenClass } from './same-hidden-class.js';

it('tells objects of one shape from objects whose hidden classes differ', () => {
  const make = (i: number) => ({ a: i, b: 'x' });
  expect(sameHiddenClass(make(1), make(2))).toBe(true);
  expect(sameHiddenClass({ a: 1, b: 'x' }, { b: 'x', a: 1 })).toBe(false);
  const withGetter = (i: number) => Object.defineProperty({ a: i }, 'b', { get: () => i, enumerable: true });
  expect(sameHiddenClass(withGetter(1), withGetter(2))).toBe(false);
});
