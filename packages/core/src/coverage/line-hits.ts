import type { LineHits } from './model.js';

/** Collects (line, hits) pairs in any order; duplicates add up, like lcov does within one record. */
export class LineHitsBuilder {
  private lines: number[] = [];
  private hits: number[] = [];
  private sorted = true;
  /** every (line, hits) pair added, duplicates included: gcovr 8 tallies a line once per function instance */
  entries = 0;
  coveredEntries = 0;

  add(line: number, hits: number): void {
    this.entries++;
    if (hits > 0) this.coveredEntries++;
    const last = this.lines.length - 1;
    if (last >= 0) {
      const previous = this.lines[last]!;
      if (line === previous) {
        this.hits[last]! += hits;
        return;
      }
      if (line < previous) this.sorted = false;
    }
    this.lines.push(line);
    this.hits.push(hits);
  }

  get size(): number {
    return this.lines.length;
  }

  build(): LineHits {
    const count = this.lines.length;
    if (this.sorted) return toTyped(this.lines, this.hits);
    const order = Array.from({ length: count }, (_, index) => index).sort(
      (a, b) => this.lines[a]! - this.lines[b]!,
    );
    const lines: number[] = [];
    const hits: number[] = [];
    for (const index of order) {
      const line = this.lines[index]!;
      if (lines.length > 0 && lines[lines.length - 1] === line) hits[hits.length - 1]! += this.hits[index]!;
      else {
        lines.push(line);
        hits.push(this.hits[index]!);
      }
    }
    return toTyped(lines, hits);
  }
}

// A plain loop: TypedArray.from with a map function goes through the iterator protocol and was the
// slowest step of parsing a 91 MB LCOV.
function toTyped(lines: number[], hits: number[]): LineHits {
  const count = lines.length;
  const lineArray = new Uint32Array(count);
  const hitArray = new Uint32Array(count);
  for (let index = 0; index < count; index++) {
    lineArray[index] = lines[index]!;
    hitArray[index] = saturate(hits[index]!);
  }
  return { lines: lineArray, hits: hitArray };
}

const MAX_HITS = 0xffffffff;

function saturate(hits: number): number {
  return hits > MAX_HITS ? MAX_HITS : hits;
}

/** Hit count of `line`, or undefined when the line is not executable. */
export function hitsAt(lineHits: LineHits, line: number): number | undefined {
  const index = indexOfLine(lineHits.lines, line);
  return index === -1 ? undefined : lineHits.hits[index];
}

/** Position of `line` in a sorted line array, or -1. */
export function indexOfLine(lines: Uint32Array, line: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = lines[middle]!;
    if (value === line) return middle;
    if (value < line) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

export function mergeLineHits(a: LineHits, b: LineHits): LineHits {
  const builder = new LineHitsBuilder();
  let i = 0;
  let j = 0;
  while (i < a.lines.length || j < b.lines.length) {
    const lineA = i < a.lines.length ? a.lines[i]! : Infinity;
    const lineB = j < b.lines.length ? b.lines[j]! : Infinity;
    if (lineA === lineB) builder.add(lineA, a.hits[i++]! + b.hits[j++]!);
    else if (lineA < lineB) builder.add(lineA, a.hits[i++]!);
    else builder.add(lineB, b.hits[j++]!);
  }
  return builder.build();
}
