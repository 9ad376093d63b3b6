// CAL13: a key repeated within one object of an uploaded notice is found, however the text hides it.
import { describe, expect, it } from 'vitest';
import { firstDuplicateKey } from '../../shared/json-duplicates';

describe('CAL13 duplicate keys in a notice', () => {
  it.each([
    ['top level', '{"year":2028,"days":[],"year":2027}', 'year'],
    [
      'inside a day, nested in an array',
      '{"year":2027,"days":[{"name":"a","date":"x","isOffDay":true,"date":"y"}]}',
      'date',
    ],
    ['the same key written with a \\u escape', '{"year":1,"\\u0079ear":2}', 'year'],
    ['an escaped quote inside a key', '{"a\\"b":1,"a\\"b":2}', 'a"b'],
    ['a unicode key, after whitespace and newlines', '{ "名称" :\n1 ,\t"名称":2}', '名称'],
    ['a lone surrogate key', '{"\\ud800":1,"\\ud800":2}', '\ud800'],
    ['after a deeply nested value', '{"a":[[{"b":{"c":[1,{"d":2}]}}]],"e":"}","a":0}', 'a'],
    ['__proto__ twice', '{"__proto__":1,"__proto__":2}', '__proto__'],
  ])('%s is found', (_title, text, key) => {
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    expect(firstDuplicateKey(text)).toBe(key);
  });

  it.each([
    ['the same key in different objects', '{"a":{"k":1},"b":{"k":2},"days":[{"k":1},{"k":2}]}'],
    ['a value equal to a key', '{"year":"year","name":"year"}'],
    ['strings holding brackets, commas, colons and escaped quotes', '{"a":"{\\"a\\":1,","b":"]}[{","c":"\\\\"}'],
    ['an array of strings that look like keys', '{"a":["a","a"],"b":"a"}'],
    ['escaped backslash before a closing quote', '{"a\\\\":1,"a":2}'],
    ['not an object', '["a","a"]'],
  ])('%s is no duplicate', (_title, text) => {
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    expect(firstDuplicateKey(text)).toBeNull();
  });
});
