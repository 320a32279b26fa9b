import type { LineHits } from './model.js';

const MAX_HITS = 0xff;
// Small: Go and Istanbul keep a builder per file alive at once; sequential parsers reuse the spare.
const FIRST_CAPACITY = 16;
/** A scratch pair bigger than this is not kept for the next builder. */
const MAX_SPARE = 1 << 20;
const ARENA_SIZE = 1 << 20;

/**
 * The scratch arrays of the last finished builder, for the next one: a report's records are built one
 * after another, and allocating typed arrays per record (and growing them) was the slowest step of
 * parsing a 91 MB LCOV.
 */
let spare: { lines: Uint32Array; hits: Uint8Array } | undefined;

/**
 * Finished line arrays are views into shared 4 MB slabs rather than one allocation each (20,000 files are
 * 40,000 arrays): a report keeps all of them for its whole life anyway. One builder at a time writes
 * straight into the slabs' free tail, so the usual sequential parse copies nothing when a record ends;
 * builders alive at the same time (Go, Istanbul) use scratch arrays and are copied in.
 */
let linesArena = new Uint32Array(0);
let hitsArena = new Uint8Array(0);
let arenaUsed = 0;
/** Set while a builder writes in the tail: moves that builder's pairs out of it. */
let leaveTail: (() => void) | undefined;
const FINISHED = new Uint32Array(0);

function allocate(count: number): { lines: Uint32Array; hits: Uint8Array } {
  // The free tail is about to be handed out: a builder still writing there (alive alongside this one, or
  // left unfinished by a parse that failed) moves its pairs out first.
  leaveTail?.();
  if (count > ARENA_SIZE >> 2) return { lines: new Uint32Array(count), hits: new Uint8Array(count) };
  if (arenaUsed + count > linesArena.length) newArenas(ARENA_SIZE);
  const views = {
    lines: linesArena.subarray(arenaUsed, arenaUsed + count),
    hits: hitsArena.subarray(arenaUsed, arenaUsed + count),
  };
  arenaUsed += count;
  return views;
}

function newArenas(size: number): void {
  linesArena = new Uint32Array(size);
  hitsArena = new Uint8Array(size);
  arenaUsed = 0;
}

/**
 * Collects (line, hits) pairs in any order; duplicates add up, like lcov does within one record. Pairs go
 * straight into typed arrays. Counts saturate at 255 (model.ts says why); only "hit or not" decides anything.
 */
export class LineHitsBuilder {
  private lines: Uint32Array;
  private hits: Uint8Array;
  /** where this builder's pairs start in `lines`/`hits`: its place in the arenas' tail, else 0 */
  private offset = 0;
  private inTail = false;
  private count = 0;
  private sorted = true;
  /** distinct lines hit so far, so that totals need not count 10M hits again */
  private covered = 0;
  // Repeats of the line just added, kept apart so that the common add does no extra counting.
  private duplicates = 0;
  private coveredDuplicates = 0;
  private revived = 0;

  /** every (line, hits) pair added, duplicates included: gcovr 8 tallies a line once per function instance */
  get entries(): number {
    return this.count + this.duplicates;
  }

  /** the pairs added with hits above 0, duplicates included */
  get coveredEntries(): number {
    return this.covered - this.revived + this.coveredDuplicates;
  }

  constructor() {
    if (leaveTail === undefined) {
      this.inTail = true;
      leaveTail = () => this.moveOutOfTail();
      this.lines = linesArena;
      this.hits = hitsArena;
      this.offset = arenaUsed;
    } else if (spare) {
      ({ lines: this.lines, hits: this.hits } = spare);
      spare = undefined;
    } else {
      this.lines = new Uint32Array(FIRST_CAPACITY);
      this.hits = new Uint8Array(FIRST_CAPACITY);
    }
  }

  add(line: number, hits: number): void {
    const last = this.offset + this.count - 1;
    if (last >= this.offset) {
      const previous = this.lines[last]!;
      if (line === previous) {
        const before = this.hits[last]!;
        const sum = before + hits;
        this.hits[last] = sum > MAX_HITS ? MAX_HITS : sum;
        this.duplicates++;
        if (hits > 0) {
          this.coveredDuplicates++;
          if (before === 0) {
            this.covered++;
            this.revived++;
          }
        }
        return;
      }
      if (line < previous) this.sorted = false;
    }
    const at = this.offset + this.count;
    if (at === this.lines.length) {
      if (this.lines === FINISHED) throw new Error('LineHitsBuilder: add after build');
      this.grow();
      this.add(line, hits);
      return;
    }
    this.lines[at] = line;
    this.hits[at] = hits > MAX_HITS ? MAX_HITS : hits;
    this.count++;
    if (hits > 0) this.covered++;
  }

  get size(): number {
    return this.count;
  }

  /** Once: the pairs, sorted by line; the builder's scratch arrays are handed on to the next builder. */
  build(): LineHits {
    if (this.lines === FINISHED) throw new Error('LineHitsBuilder: built twice');
    const { offset, count } = this;
    const ownsTail = this.inTail;
    let built: LineHits;
    if (this.sorted && ownsTail) {
      built = {
        lines: this.lines.subarray(offset, offset + count),
        hits: this.hits.subarray(offset, offset + count),
      };
      arenaUsed = offset + count;
      this.releaseTail();
      coveredCounts.set(built, this.covered);
    } else if (this.sorted) {
      built = allocate(count);
      built.lines.set(this.lines.subarray(0, count));
      built.hits.set(this.hits.subarray(0, count));
      coveredCounts.set(built, this.covered);
    } else {
      // Copied out first: the tail these pairs sit in is where the sorted builder writes.
      const lines = this.lines.slice(offset, offset + count);
      const hits = this.hits.slice(offset, offset + count);
      if (ownsTail) this.releaseTail();
      const order = Array.from({ length: count }, (_, index) => index).sort((a, b) => lines[a]! - lines[b]!);
      const sorted = new LineHitsBuilder();
      for (const index of order) sorted.add(lines[index]!, hits[index]!);
      built = sorted.build();
    }
    // The scratch goes to the next builder: this one is finished.
    if (!ownsTail && this.lines.length <= MAX_SPARE) spare = { lines: this.lines, hits: this.hits };
    this.lines = FINISHED;
    this.hits = new Uint8Array(0);
    return built;
  }

  private releaseTail(): void {
    this.inTail = false;
    leaveTail = undefined;
  }

  /** Moves this builder's pairs out of the arenas' tail into scratch arrays of its own. */
  private moveOutOfTail(): void {
    this.releaseTail();
    const capacity = Math.max(FIRST_CAPACITY, this.count * 2);
    const lines = new Uint32Array(capacity);
    const hits = new Uint8Array(capacity);
    lines.set(this.lines.subarray(this.offset, this.offset + this.count));
    hits.set(this.hits.subarray(this.offset, this.offset + this.count));
    this.lines = lines;
    this.hits = hits;
    this.offset = 0;
  }

  private grow(): void {
    const { offset, count } = this;
    if (this.inTail) {
      // The tail is full: this record moves to fresh arenas (at least twice its size), the rest stays put.
      const lines = this.lines;
      const hits = this.hits;
      newArenas(Math.max(ARENA_SIZE, count * 2));
      linesArena.set(lines.subarray(offset, offset + count));
      hitsArena.set(hits.subarray(offset, offset + count));
      this.lines = linesArena;
      this.hits = hitsArena;
      this.offset = 0;
      return;
    }
    const lines = new Uint32Array(Math.max(FIRST_CAPACITY, this.lines.length * 2));
    const hits = new Uint8Array(lines.length);
    lines.set(this.lines);
    hits.set(this.hits);
    this.lines = lines;
    this.hits = hits;
  }
}

/** Lines hit at least once, counted while building (line detail is never changed once built). */
const coveredCounts = new WeakMap<LineHits, number>();

/** How many lines of `lineHits` were hit: known from its builder, else counted once and kept. */
export function coveredLines(lineHits: LineHits): number {
  const known = coveredCounts.get(lineHits);
  if (known !== undefined) return known;
  const { hits } = lineHits;
  let covered = 0;
  for (let index = 0; index < hits.length; index++) if (hits[index]! > 0) covered++;
  coveredCounts.set(lineHits, covered);
  return covered;
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

/** The line hits of several records of one file: lines listed more than once add up, as lcov -a adds them. */
export function mergeLineHits(all: readonly LineHits[]): LineHits {
  // One builder for all: it sorts and adds up repeats once, however many records there are.
  const builder = new LineHitsBuilder();
  for (const { lines, hits } of all)
    for (let index = 0; index < lines.length; index++) builder.add(lines[index]!, hits[index]!);
  return builder.build();
}
