import { InvalidFileError } from '../../shared/errors.js';
import { forEachLine, parseCountIn, type CoverageInput } from './input.js';
import { lineNumberProblem, MAX_GO_SPANNED_LINES } from './limits.js';
import { LineHitsBuilder } from './line-hits.js';
import type { CoverageReport, StatementBlock } from './model.js';
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

  await forEachLine(input, (text, line) => {
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
      spanned += endLine - startLine + 1;
      if (spanned > MAX_GO_SPANNED_LINES) {
        throw new InvalidFileError(
          { file, line, column: colon + 2 },
          `expected blocks spanning at most ${MAX_GO_SPANNED_LINES} lines in all, as real coverprofiles do (block ${key})`,
        );
      }
      blocks.set(key, { weight, hits, startLine, endLine });
    }
  });

  for (const [name, blocks] of blocksByFile) {
    // Go 1.x writes files outside a module as `_/abs/path`.
    const path = builder.resolve(name.startsWith('_/') ? name.slice(1) : name);
    if (path === undefined) continue;
    const lineHits = new Map<number, number>();
    const statements = new Map<string, StatementBlock>();
    for (const [key, block] of blocks) {
      statements.set(key, { weight: block.weight, hits: block.hits });
      if (block.weight === 0) continue;
      for (let line = block.startLine; line <= block.endLine; line++) {
        lineHits.set(line, Math.max(lineHits.get(line) ?? 0, block.hits));
      }
    }
    const lines = new LineHitsBuilder();
    for (const line of [...lineHits.keys()].sort((a, b) => a - b)) lines.add(line, lineHits.get(line)!);
    builder.add({ path, declared: {}, lines: lines.build(), statements });
  }
  if (!sawMode)
    throw new InvalidFileError(
      { file, line: 1, column: 1 },
      "expected a Go coverprofile starting with 'mode:'",
    );
  return builder.build(file);
}
