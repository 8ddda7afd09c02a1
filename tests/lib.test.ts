import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCursor, readPageRequest } from '../src/lib/connection.js';
import { parseGlobalId } from '../src/lib/global-id.js';
import { parsePartialDate } from '../src/lib/partial-date.js';
import { sha256Hex } from '../src/lib/sha256.js';
import { createHash } from 'node:crypto';
import { foldText, foldUnicode } from '../src/lib/text.js';
import { Counter, Registry } from 'prom-client';
import { Tally } from '../src/metrics.js';
import { isUtf8 } from 'node:buffer';
import { invalidUtf8Offset, InvalidUtf8Error, Utf8Checker } from '../src/lib/utf8.js';

describe('parsePartialDate', () => {
  it('reads the precision from the form of the date', () => {
    expect(parsePartialDate('2025')).toEqual({ iso: '2025', precision: 'YEAR', earliest: '2025-01-01', latest: '2025-12-31' });
    expect(parsePartialDate('2025-12')).toEqual({ iso: '2025-12', precision: 'MONTH', earliest: '2025-12-01', latest: '2025-12-31' });
    expect(parsePartialDate('2024-02')).toMatchObject({ latest: '2024-02-29' });
    expect(parsePartialDate('2026-02-14')).toEqual({ iso: '2026-02-14', precision: 'DAY', earliest: '2026-02-14', latest: '2026-02-14' });
  });

  it('refuses dates that do not exist or are not ISO', () => {
    for (const value of ['2026-02-29', '2025-13', '2025-00', '2025-1', '14.02.2026', '2026-02-14T10:00', '']) {
      expect(parsePartialDate(value), value).toBeNull();
    }
  });
});

describe('sha256Hex', () => {
  it('gives the SHA-256 of the UTF-8 bytes, for a text met again or right after another', () => {
    const expected = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { minLength: 1, maxLength: 6 }), (texts) => {
        for (const text of [...texts, ...texts.reverse(), texts[0]!, texts[0]!]) expect(sha256Hex(text)).toBe(expected(text));
      }),
    );
  });
});

describe('foldText', () => {
  it('ignores case, accents, hyphens and punctuation', () => {
    expect(foldText('Montréal')).toBe('montreal');
    expect(foldText('deep-learning')).toBe('deep learning');
    expect(foldText('  Münchner   Sicherheitskonferenz! ')).toBe('munchner sicherheitskonferenz');
    expect(foldText('Straße')).toBe('strasse');
  });

  it('folds plain ASCII text exactly as the full Unicode folding does', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii', maxLength: 40 }), (text) => foldText(text) === foldUnicode(text)));
  });

  it('folds every string as the full folding does, including those it returns unchanged', () => {
    const nameChars = fc.constantFrom(...'ab yz09 AZé-ß.'.split(''));
    fc.assert(fc.property(fc.string({ unit: nameChars, maxLength: 8 }), (text) => foldText(text) === foldUnicode(text)), { numRuns: 2000 });
  });
});

describe('global ids', () => {
  it('parses entity and relationship ids and rejects everything else', () => {
    expect(parseGlobalId('Person:karsten-wildberger')).toEqual({ kind: 'entity', type: 'Person', slug: 'karsten-wildberger' });
    expect(parseGlobalId('Relationship:Person:a>SIGNED>Agreement:b')).toEqual({ kind: 'relationship', fromId: 'Person:a', edgeType: 'SIGNED', toId: 'Agreement:b' });
    for (const id of ['person:a', 'Person:', 'Person:A', 'Person:a b', 'Person:-a', 'Robot:a', 'Relationship:Person:a>signed>Agreement:b', `Person:${'a'.repeat(600)}`]) {
      expect(parseGlobalId(id), id).toBeNull();
    }
  });
});

describe('pages', () => {
  it('starts after the position its cursor names', () => {
    expect(readPageRequest({}, 'Person', 2)).toEqual({ first: 20, after: null });
    expect(readPageRequest({ first: 5, after: encodeCursor('Person', ['Ada', 'Person:ada']) }, 'Person', 2)).toEqual({ first: 5, after: ['Ada', 'Person:ada'] });
  });

  it('refuses a cursor of another list or ordering, and one it did not issue', () => {
    expect(() => readPageRequest({ after: encodeCursor('Person DEGREE', [3, 'Ada', 'Person:ada']) }, 'Person', 2)).toThrow('another list or ordering');
    expect(() => readPageRequest({ after: 'bm9wZQ' }, 'Person', 2)).toThrow('not a cursor this API issued');
    expect(() => readPageRequest({ after: `${encodeCursor('Person', ['Ada', 'Person:ada'])}=` }, 'Person', 2)).toThrow('not a cursor this API issued');
  });
});

describe('bracketNesting', () => {
  it('counts the deepest nesting of braces, brackets and parentheses, outside strings and comments', async () => {
    const { bracketNesting } = await import('../src/limits/nesting.js');
    expect(bracketNesting('{ a(b: [[1]]) { c } }')).toBe(4);
    expect(bracketNesting('{ a(b: "{{{{[[[[") } # ((((((\n')).toBe(2);
    expect(bracketNesting('{ a(b: """ {{{ \\""" [[[ """) }')).toBe(2);
    expect(bracketNesting('{ a(b: "\\"{{{") }')).toBe(2);
    expect(bracketNesting('')).toBe(0);
  });
});

describe('Tally', () => {
  it('shows in the registry the series a prom-client Counter would, read as often as asked', async () => {
    const registry = new Registry();
    const tally = new Tally({ name: 'tally_total', help: 'Counted.', labelNames: ['route', 'method', 'status'], registers: [registry] });
    const counter = new Counter({ name: 'counter_total', help: 'Counted.', labelNames: ['route', 'method', 'status'], registers: [registry] });
    const calls: Array<[string, string, string]> = [
      ['/graphql', 'POST', '200'],
      ['/graphql', 'GET', '200'],
      ['/graphql', 'POST', '200'],
      ['other', 'OTHER', '404'],
      ['/graphql', 'POST', '400'],
    ];
    const seriesOf = async (name: string) =>
      (await registry.getSingleMetricAsString(name))
        .split('\n')
        .filter((line) => !line.startsWith('#'))
        .map((line) => line.replace(name, 'x'))
        .sort();
    for (const [route, method, status] of calls) {
      tally.inc(route, method, status);
      counter.inc({ route, method, status });
    }
    expect(await seriesOf('tally_total')).toEqual(await seriesOf('counter_total'));
    expect(await seriesOf('tally_total')).toContain('x{route="/graphql",method="POST",status="200"} 2');
    // Read again after more counting: totals, not sums of earlier reads.
    tally.inc('/graphql', 'POST', '200');
    expect(await seriesOf('tally_total')).toContain('x{route="/graphql",method="POST",status="200"} 3');
    const single = new Tally({ name: 'single_total', help: 'Counted.', labelNames: ['result'], registers: [registry] });
    single.inc('hit');
    single.inc('hit');
    single.inc('miss');
    expect(await seriesOf('single_total')).toEqual(['x{result="hit"} 2', 'x{result="miss"} 1']);
  });
});

describe('UTF-8 checks', () => {
  it('finds a bad sequence exactly when Node says the bytes are not UTF-8, and none in any encoded string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => (invalidUtf8Offset(bytes) === -1) === isUtf8(bytes)),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => invalidUtf8Offset(Buffer.from(text)) === -1));
  });

  it('names the offset of overlong forms, surrogates, stray continuations and cut sequences', () => {
    expect(invalidUtf8Offset(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1);
    expect(invalidUtf8Offset(Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80]))).toBe(2);
    expect(invalidUtf8Offset(Buffer.from([0x80]))).toBe(0);
    expect(invalidUtf8Offset(Buffer.from([0x61, 0xe2, 0x82]))).toBe(1);
    expect(invalidUtf8Offset(Buffer.from([0x61, 0xe2, 0x82]), true)).toBe(-1);
  });

  it('checks a stream whose characters are split between chunks, and names the offset in the whole stream', () => {
    const euro = Buffer.from('a€b');
    const checker = new Utf8Checker();
    checker.check(euro.subarray(0, 2));
    checker.check(euro.subarray(2));
    checker.end();
    const cut = new Utf8Checker(100);
    cut.check(Buffer.from('ab'));
    cut.check(Buffer.from([0xe2, 0x82]));
    expect(() => cut.end()).toThrow(new InvalidUtf8Error(102));
    const bad = new Utf8Checker();
    bad.check(Buffer.from([0x61, 0xe2]));
    expect(() => bad.check(Buffer.from([0x41]))).toThrow(new InvalidUtf8Error(1));
  });
});
