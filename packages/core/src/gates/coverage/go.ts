import { InvalidFileError } from '../../shared/errors.js';
import { forEachLine, parseCountIn, type CoverageInput } from './input.js';
import {
  GO_SPANNED_LINES_PER_CHARACTER,
  lineNumberProblem,
  MAX_GO_BLOCK_LINES,
  MAX_GO_SPANNED_LINES,
} from './limits.js';
import { LineHitsBuilder } from './line-hits.js';
import type { CoverageReport, LineHits, StatementBlock } from './model.js';
import type { PathOptions } from './paths.js';
import { ReportBuilder } from './report-builder.js';

const BLOCK = /^(\d{1,15})\.(\d{1,15}),(\d{1,15})\.(\d{1,15})$/;

interface GoBlock extends StatementBlock {
  startLine: number;
  endLine: number;
}

/**
 * Go coverprofile (`go test -coverprofile`, modes set/count/atomic). Totals follow `go tool cover -func`:
 * statements covered / statements, each block weighted by its NumStmt; a block listed twice (profiles
 * concatenated from several packages) is one block, as in golang.org/x/tools/cover. The per-line view
 * used for patch coverage gives each line of a block the block's count (the highest where blocks meet).
 * What the blocks may claim grows with the profile: a block spans at most MAX_GO_BLOCK_LINES lines, all
 * blocks up to a point MAX_GO_SPANNED_LINES plus GO_SPANNED_LINES_PER_CHARACTER per character (limits.ts).
 */
export async function parseGoProfile(
  input: CoverageInput,
  file: string,
  paths: PathOptions = {},
): Promise<CoverageReport> {
  const builder = new ReportBuilder('go', 'statements', paths);
  const blocksByFile = new Map<string, Map<string, GoBlock>>();
  let sawMode = false;
  let spanned = 0;
  /** characters read up to the end of the current line */
  let read = 0;

  await forEachLine(input, (text, line) => {
    read += text.length + 1;
    if (text === '' || text.trim() === '') return;
    if (text.startsWith('mode:')) {
      const mode = text.slice(5).trim();
      if (mode !== 'set' && mode !== 'count' && mode !== 'atomic') {
        throw new InvalidFileError(
          { file, line, column: 7 },
          `expected mode set, count or atomic, found '${mode}'`,
        );
      }
      sawMode = true;
      return;
    }
    if (!sawMode)
      throw new InvalidFileError({ file, line, column: 1 }, "expected 'mode: set|count|atomic' first");
    const countSpace = text.lastIndexOf(' ');
    const stmtSpace = text.lastIndexOf(' ', countSpace - 1);
    const colon = text.lastIndexOf(':', stmtSpace);
    if (countSpace <= 0 || stmtSpace <= 0 || colon <= 0) {
      throw new InvalidFileError(
        { file, line, column: 1 },
        'expected <file>:<line>.<col>,<line>.<col> <statements> <count>',
      );
    }
    const position = BLOCK.exec(text.slice(colon + 1, stmtSpace));
    if (!position) {
      throw new InvalidFileError(
        { file, line, column: colon + 2 },
        'expected a block <line>.<col>,<line>.<col>',
      );
    }
    const startLine = Number(position[1]);
    const endLine = Number(position[3]);
    const problem = lineNumberProblem(Math.max(startLine, endLine));
    if (problem) throw new InvalidFileError({ file, line, column: colon + 2 }, problem);
    if (endLine < startLine) {
      throw new InvalidFileError(
        { file, line, column: colon + 2 },
        `expected a block that ends at or after its start line, found ${startLine} to ${endLine}`,
      );
    }
    const span = endLine - startLine + 1;
    if (span > MAX_GO_BLOCK_LINES) {
      throw new InvalidFileError(
        { file, line, column: colon + 2 },
        `expected a block of at most ${MAX_GO_BLOCK_LINES} lines, as real coverprofiles have, found ${startLine} to ${endLine} (${span} lines)`,
      );
    }
    const weight = parseCountIn(text, stmtSpace + 1, countSpace, file, line, 'a statement count');
    const hits = parseCountIn(text, countSpace + 1, text.length, file, line, 'an execution count');
    const name = text.slice(0, colon);
    let blocks = blocksByFile.get(name);
    if (!blocks) blocksByFile.set(name, (blocks = new Map()));
    const key = `${position[1]}.${position[2]},${position[3]}.${position[4]}`;
    const existing = blocks.get(key);
    if (existing) {
      if (existing.weight !== weight) {
        throw new InvalidFileError(
          { file, line, column: stmtSpace + 2 },
          `expected ${existing.weight} statements for block ${key} as listed before`,
        );
      }
      existing.hits += hits;
    } else {
      spanned += span;
      const allowed = MAX_GO_SPANNED_LINES + GO_SPANNED_LINES_PER_CHARACTER * read;
      if (spanned > allowed) {
        throw new InvalidFileError(
          { file, line, column: colon + 2 },
          `expected blocks spanning at most ${allowed} lines in the profile up to here (${MAX_GO_SPANNED_LINES}, ` +
            `plus ${GO_SPANNED_LINES_PER_CHARACTER} per character), as real coverprofiles do, found ${spanned} (block ${key})`,
        );
      }
      blocks.set(key, { weight, hits, startLine, endLine });
    }
  });

  for (const [name, blocks] of blocksByFile) {
    // Go 1.x writes files outside a module as `_/abs/path`.
    const path = builder.resolve(name.startsWith('_/') ? name.slice(1) : name);
    if (path === undefined) continue;
    const statements = new Map<string, StatementBlock>();
    for (const [key, block] of blocks) statements.set(key, { weight: block.weight, hits: block.hits });
    builder.add({ path, declared: {}, lines: goLineHits(blocks.values()), statements });
  }
  if (!sawMode)
    throw new InvalidFileError(
      { file, line: 1, column: 1 },
      "expected a Go coverprofile starting with 'mode:'",
    );
  return builder.build(file);
}

/**
 * Each line spanned by a block with statements, with the highest count of the blocks that span it (a
 * block of no statements marks no line). One sweep over the blocks sorted by start line, the blocks that
 * have started kept in a heap by count: between two events (a block starting, the highest one ending)
 * every line has the same count and goes straight into the builder, in line order. Work: O(blocks log
 * blocks + lines), nothing per line but the builder's entry.
 */
function goLineHits(blocks: Iterable<GoBlock>): LineHits {
  const sorted: GoBlock[] = [];
  for (const block of blocks) if (block.weight > 0) sorted.push(block);
  sorted.sort((a, b) => a.startLine - b.startLine);
  const lines = new LineHitsBuilder();
  const open = new BlockHeap();
  let next = 0;
  let line = 0;
  while (next < sorted.length || open.size > 0) {
    if (open.size === 0) line = sorted[next]!.startLine;
    while (next < sorted.length && sorted[next]!.startLine <= line) open.push(sorted[next++]!);
    while (open.size > 0 && open.top.endLine < line) open.pop();
    if (open.size === 0) continue;
    const { hits, endLine } = open.top;
    // The count stays until the highest open block ends or the next block starts.
    const until = next < sorted.length ? Math.min(endLine, sorted[next]!.startLine - 1) : endLine;
    for (; line <= until; line++) lines.add(line, hits);
  }
  return lines.build();
}

/** A binary max-heap of blocks by hit count. */
class BlockHeap {
  private readonly items: GoBlock[] = [];

  get size(): number {
    return this.items.length;
  }

  get top(): GoBlock {
    return this.items[0]!;
  }

  push(block: GoBlock): void {
    const { items } = this;
    let at = items.push(block) - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (items[parent]!.hits >= block.hits) break;
      items[at] = items[parent]!;
      at = parent;
    }
    items[at] = block;
  }

  pop(): void {
    const { items } = this;
    const last = items.pop()!;
    if (items.length === 0) return;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= items.length) break;
      if (child + 1 < items.length && items[child + 1]!.hits > items[child]!.hits) child++;
      if (items[child]!.hits <= last.hits) break;
      items[at] = items[child]!;
      at = child;
    }
    items[at] = last;
  }
}
