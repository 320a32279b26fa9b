import { describe, expect, it } from 'vitest';
import { coveredLines, LineHitsBuilder, mergeLineHits } from '../../src/gates/coverage/line-hits.js';
import type { LineHits } from '../../src/gates/coverage/model.js';

const pairs = (built: LineHits) => [...built.lines].map((line, index) => [line, built.hits[index]!]);

function buildOf(entries: [number, number][]): LineHits {
  const builder = new LineHitsBuilder();
  for (const [line, hits] of entries) builder.add(line, hits);
  return builder.build();
}

// Builders share the arenas' free tail: one writes in place, the others are copied in. These cases are the
// ways two records could end up on the same memory.
describe('line arrays built one after another share memory safely', () => {
  it('keeps every finished record intact across many sequential records', () => {
    const built = Array.from({ length: 300 }, (_, record) =>
      buildOf(Array.from({ length: 5000 }, (_, i) => [i + 1, (record + i) % 3] as [number, number])),
    );
    // 300 x 5000 lines span several 1M-entry arenas: a record that did not fit moved, none was overwritten.
    built.forEach((lineHits, record) => {
      expect(lineHits.lines.length).toBe(5000);
      expect(lineHits.lines[4999]).toBe(5000);
      expect(lineHits.hits[0]).toBe(record % 3);
      expect(lineHits.hits[4999]).toBe((record + 4999) % 3);
    });
  });

  it('two builders alive at once, built in either order, keep their own pairs', () => {
    const first = new LineHitsBuilder();
    const second = new LineHitsBuilder();
    for (let line = 1; line <= 100; line++) {
      first.add(line, 1);
      second.add(line, 2);
    }
    const fromSecond = second.build();
    const third = buildOf([
      [1, 3],
      [2, 3],
    ]);
    first.add(101, 1);
    const fromFirst = first.build();
    expect(fromFirst.lines.length).toBe(101);
    expect([...new Set(fromFirst.hits)]).toEqual([1]);
    expect(fromSecond.lines.length).toBe(100);
    expect([...new Set(fromSecond.hits)]).toEqual([2]);
    expect(pairs(third)).toEqual([
      [1, 3],
      [2, 3],
    ]);
  });

  it('a builder left unfinished (a parse that failed) does not corrupt the records built after it', () => {
    const abandoned = new LineHitsBuilder();
    for (let line = 1; line <= 50; line++) abandoned.add(line, 9);
    const next = Array.from({ length: 3 }, (_, record) =>
      buildOf(Array.from({ length: 40 }, (_, i) => [i + 1, record] as [number, number])),
    );
    next.forEach((lineHits, record) => expect([...new Set(lineHits.hits)]).toEqual([record]));
    abandoned.add(51, 9);
    const late = abandoned.build();
    expect(late.lines.length).toBe(51);
    expect([...new Set(late.hits)]).toEqual([9]);
    next.forEach((lineHits, record) => expect([...new Set(lineHits.hits)]).toEqual([record]));
  });

  it('a record larger than an arena is kept whole', () => {
    const size = (1 << 20) + 10;
    const builder = new LineHitsBuilder();
    for (let line = 1; line <= size; line++) builder.add(line, line % 2);
    const built = builder.build();
    expect(built.lines.length).toBe(size);
    expect(built.lines[size - 1]).toBe(size);
    expect(coveredLines(built)).toBe(Math.ceil(size / 2));
    const after = buildOf([[7, 1]]);
    expect(built.lines[size - 1]).toBe(size);
    expect(pairs(after)).toEqual([[7, 1]]);
  });

  it('sorts out-of-order lines and adds up repeats, also while another builder is alive', () => {
    const alive = new LineHitsBuilder();
    alive.add(1, 1);
    const built = buildOf([
      [5, 1],
      [2, 0],
      [5, 2],
      [3, 4],
    ]);
    expect(pairs(built)).toEqual([
      [2, 0],
      [3, 4],
      [5, 3],
    ]);
    expect(coveredLines(built)).toBe(2);
    expect(pairs(alive.build())).toEqual([[1, 1]]);
    expect(pairs(mergeLineHits([built, buildOf([[2, 1]])]))).toEqual([
      [2, 1],
      [3, 4],
      [5, 3],
    ]);
  });
});
