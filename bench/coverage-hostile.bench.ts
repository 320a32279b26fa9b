/**
 * Hostile coverage reports, each timed against an ordinary report of the same format and size in the same
 * run (issue 15). The hostile inputs are the ones the parsers bound (packages/core/src/gates/coverage/limits.ts,
 * the "hostile reports" of test/coverage/tool-quirks.test.ts) and their neighbours: a value past a limit
 * sits in the last record of an otherwise ordinary report (all the work before it is done, then the one
 * error line), a value at or under a limit fills the report (huge counts, the most arms a line may claim,
 * the longest Go spans), and the structural ones fill it too (deep nesting, one line or attribute as long
 * as the report). Every report goes through `parseCoverage` as the action calls it (a reopenable file read
 * in 1 MB chunks), each parse in a node process of its own (so that peak RSS belongs to that parse, and an
 * input that is not bounded runs out of heap or time there instead of here), interleaved over the rounds.
 * Verdict per case: ok when the hostile report's median time and peak RSS growth are at most 3x the ordinary
 * one's (times under 5 ms count as 5 ms, memory under 16 MB as 16 MB) and it ended as expected; exit 1 otherwise.
 * Run: node scripts/bench.mjs coverage-hostile   (SIZE_MB=20, ROUNDS=5, ONLY=<part of a case's name>,
 * HEAP_MB=4096 and TIMEOUT_S=120 per parse, KEEP=1 to keep the generated reports)
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCoverage, type ReopenableInput } from '../packages/core/src/gates/coverage/index.js';
import { InvalidFileError } from '../packages/core/src/shared/errors.js';
// The action's own reader: 1 MB reads into one reused buffer.
import { readChunks } from '../actions/coverage-gate/src/reports.js';

const SIZE = Math.round(Number(process.env.SIZE_MB ?? 20) * 1e6);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const HEAP_MB = Number(process.env.HEAP_MB ?? 4096);
const TIMEOUT_S = Number(process.env.TIMEOUT_S ?? 120);
const ONLY = process.env.ONLY;
const LIMIT = 3;
const TIME_FLOOR_MS = 5;
const MEMORY_FLOOR = 16e6;
const RESULT = 'RESULT ';
const SELF = fileURLToPath(import.meta.url);
const ROOT = join(dirname(SELF), '..');

// ── what a child process measures ────────────────────────────────────────────────────────────────────

type Outcome =
  | { kind: 'parsed'; files: number }
  | { kind: 'error'; name: string; message: string; invalidFile: boolean }
  | { kind: 'out of memory' | 'timed out' | 'crashed'; detail: string };

interface Sample {
  ms: number;
  /** user + system CPU time of the parse: steadier than the wall clock when neighbours share the cores */
  cpuMs: number;
  /** peak RSS during the parse over the RSS just before it */
  memory: number;
  outcome: Outcome;
}

async function measureHere(path: string): Promise<void> {
  const input: ReopenableInput = { reopen: () => readChunks(path) };
  const rssBefore = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const started = performance.now();
  let outcome: Outcome;
  try {
    const report = await parseCoverage(input, { file: basename(path) });
    outcome = { kind: 'parsed', files: report.files.size };
  } catch (error) {
    outcome = {
      kind: 'error',
      name: error instanceof Error ? error.name : typeof error,
      message: error instanceof Error ? error.message : String(error),
      invalidFile: error instanceof InvalidFileError,
    };
  }
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  const peak = process.resourceUsage().maxRSS * 1024;
  const sample: Sample = {
    ms,
    cpuMs: (user + system) / 1000,
    memory: Math.max(0, peak - rssBefore),
    outcome,
  };
  console.log(`${RESULT}${JSON.stringify(sample)}`);
}

/** One parse in a node process of its own, under a heap cap and a time limit. */
function measure(path: string): Sample {
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', SELF, '--measure', path],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: TIMEOUT_S * 1000,
      killSignal: 'SIGKILL',
      maxBuffer: 64 << 20,
    },
  );
  const ms = performance.now() - started;
  const line = child.stdout?.split('\n').find((text) => text.startsWith(RESULT));
  if (line) return JSON.parse(line.slice(RESULT.length)) as Sample;
  const stderr = child.stderr ?? '';
  const outcome: Outcome =
    (child.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT'
      ? { kind: 'timed out', detail: `killed after ${TIMEOUT_S} s` }
      : /heap out of memory|Reached heap limit|Allocation failed/.test(stderr)
        ? { kind: 'out of memory', detail: `past the ${HEAP_MB} MB heap cap` }
        : {
            kind: 'crashed',
            detail: `exit ${child.status ?? child.signal}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`,
          };
  // No measurement from inside: the process's whole life is a lower bound on the parse's time.
  return { ms, cpuMs: Number.NaN, memory: Number.NaN, outcome };
}

// ── the reports ──────────────────────────────────────────────────────────────────────────────────────

const HUGE = 100_000_000_000_000; // 1e14: fifteen digits
const LINES = 40;
type Hits = (file: number, line: number) => number;
const ordinaryHits: Hits = (file, line) => ((file * 31 + line * 17) % 7 === 0 ? 0 : ((file + line) % 5) + 1);
const hugeHits: Hits = (file, line) => (ordinaryHits(file, line) === 0 ? 0 : HUGE);

interface Variant {
  hits: Hits;
  /** a branch line every this many lines */
  branchEvery: number;
  /** arms a branch line claims (Cobertura condition-coverage, JaCoCo mb + cb); 2 when ordinary */
  arms: number;
  /** LCOV BRDA block and branch ids */
  block: number;
}

const ORDINARY: Variant = { hits: ordinaryHits, branchEvery: 10, arms: 2, block: 0 };
const variant = (changes: Partial<Variant>): Variant => ({ ...ORDINARY, ...changes });

interface Format {
  name: 'lcov' | 'cobertura' | 'jacoco' | 'clover' | 'go' | 'istanbul';
  extension: string;
  head: string;
  tail: string;
  /** between two records */
  separator: string;
  record(file: number, variant: Variant): string;
}

const modulePath = (file: number, extension: string) => `src/module${file % 100}/file${file}.${extension}`;

const LCOV: Format = {
  name: 'lcov',
  extension: 'info',
  head: '',
  tail: '',
  separator: '',
  record(file, v) {
    let text = `TN:\nSF:${modulePath(file, 'c')}\nFN:1,fn${file}\nFNDA:${v.hits(file, 1)},fn${file}\n`;
    let covered = 0;
    let branches = '';
    let arms = 0;
    let taken = 0;
    for (let line = 1; line <= LINES; line++) {
      const hits = v.hits(file, line);
      if (hits > 0) covered++;
      text += `DA:${line},${hits}\n`;
      if (line % v.branchEvery === 0) {
        for (let arm = 0; arm < 2; arm++) {
          const count = v.hits(file, line + arm);
          branches += `BRDA:${line},${v.block},${v.block + arm},${count === 0 ? '-' : count}\n`;
          arms++;
          if (count > 0) taken++;
        }
      }
    }
    return `${text}${branches}LF:${LINES}\nLH:${covered}\nBRF:${arms}\nBRH:${taken}\nFNF:1\nFNH:1\nend_of_record\n`;
  },
};

const coberturaClass = (filename: string, lines: string) =>
  `\t\t\t\t<class name="c" filename="${filename}" line-rate="0" branch-rate="0" complexity="0">\n\t\t\t\t\t<methods/>\n\t\t\t\t\t<lines>\n${lines}\t\t\t\t\t</lines>\n\t\t\t\t</class>\n`;

const COBERTURA: Format = {
  name: 'cobertura',
  extension: 'xml',
  head:
    '<?xml version="1.0" ?>\n<coverage lines-valid="0" lines-covered="0" line-rate="0" branches-valid="0" branches-covered="0" branch-rate="0" version="bench" timestamp="1">\n' +
    '\t<sources>\n\t\t<source>/home/runner/work/app/app</source>\n\t</sources>\n\t<packages>\n\t\t<package name="src" line-rate="0" branch-rate="0" complexity="0">\n\t\t\t<classes>\n',
  tail: '\t\t\t</classes>\n\t\t</package>\n\t</packages>\n</coverage>\n',
  separator: '',
  record(file, v) {
    let lines = '';
    for (let line = 1; line <= LINES; line++) {
      const hits = v.hits(file, line);
      lines +=
        line % v.branchEvery === 0
          ? `\t\t\t\t\t\t<line number="${line}" hits="${hits}" branch="true" condition-coverage="${v.arms === 2 ? '50% (1/2)' : `0% (0/${v.arms})`}"/>\n`
          : `\t\t\t\t\t\t<line number="${line}" hits="${hits}" branch="false"/>\n`;
    }
    return coberturaClass(modulePath(file, 'py'), lines);
  },
};

const JACOCO: Format = {
  name: 'jacoco',
  extension: 'xml',
  head: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<report name="bench"><sessioninfo id="s" start="1" dump="2"/><package name="com/example/app">\n',
  tail: '</package></report>\n',
  separator: '',
  record(file, v) {
    let text = `<sourcefile name="File${file}.java">`;
    let covered = 0;
    for (let line = 1; line <= LINES; line++) {
      const hits = v.hits(file, line);
      if (hits > 0) covered++;
      const [mb, cb] = line % v.branchEvery !== 0 ? [0, 0] : v.arms === 2 ? [1, 1] : [v.arms, 0];
      text += `<line nr="${line}" mi="${hits === 0 ? 3 : 0}" ci="${hits === 0 ? 0 : 3}" mb="${mb}" cb="${cb}"/>`;
    }
    return `${text}<counter type="LINE" missed="${LINES - covered}" covered="${covered}"/></sourcefile>\n`;
  },
};

const CLOVER: Format = {
  name: 'clover',
  extension: 'xml',
  head: '<?xml version="1.0" encoding="UTF-8"?>\n<coverage generated="1" clover="3.2.0">\n<project timestamp="1" name="All files">\n',
  tail: '</project>\n</coverage>\n',
  separator: '',
  record(file, v) {
    let lines = '';
    let covered = 0;
    for (let line = 1; line <= LINES; line++) {
      const hits = v.hits(file, line);
      if (hits > 0) covered++;
      lines += `      <line num="${line}" count="${hits}" type="stmt"/>\n`;
    }
    return (
      `    <file name="file${file}.js" path="${modulePath(file, 'js')}">\n` +
      `      <metrics statements="${LINES}" coveredstatements="${covered}" conditionals="0" coveredconditionals="0" methods="0" coveredmethods="0"/>\n` +
      `${lines}    </file>\n`
    );
  },
};

const goBlock = (name: string, start: string, end: string, statements: number, hits: number) =>
  `${name}:${start},${end} ${statements} ${hits}\n`;

/** `count` blocks of 100,000 lines (MAX_GO_BLOCK_LINES), 100 to a file: files of 10M lines (MAX_LINE_NUMBER). */
const goSpans = (count: number) =>
  Array.from({ length: count }, (_, index) => {
    const start = (index % 100) * 100_000 + 1;
    const name = `example.com/app/span${Math.floor(index / 100)}.go`;
    return goBlock(name, `${start}.1`, `${start + 99_999}.2`, 1, 1);
  }).join('');

const GO: Format = {
  name: 'go',
  extension: 'out',
  head: 'mode: count\n',
  tail: '',
  separator: '',
  record(file, v) {
    let text = '';
    for (let block = 0; block < LINES / 2; block++) {
      const line = block * 3 + 1;
      text += goBlock(
        `example.com/app/${modulePath(file, 'go')}`,
        `${line}.2`,
        `${line + 2}.16`,
        2,
        v.hits(file, line),
      );
    }
    return text;
  },
};

const location = (line: number, from: number, to: number) => ({
  start: { line, column: from },
  end: { line, column: to },
});

const ISTANBUL: Format = {
  name: 'istanbul',
  extension: 'json',
  head: '{',
  tail: '}\n',
  separator: ',',
  record(file, v) {
    const statementMap: Record<string, unknown> = {};
    const s: Record<string, number> = {};
    const branchMap: Record<string, unknown> = {};
    const b: Record<string, number[]> = {};
    for (let line = 1; line <= LINES; line++) {
      statementMap[line - 1] = location(line, 2, 30);
      s[line - 1] = v.hits(file, line);
      if (line % v.branchEvery === 0) {
        const id = String(line / v.branchEvery - 1);
        branchMap[id] = {
          loc: location(line, 2, 30),
          type: 'if',
          locations: [location(line, 2, 30), location(line, 2, 30)],
          line,
        };
        b[id] = [v.hits(file, line), v.hits(file, line + 1)];
      }
    }
    const path = `/home/runner/work/app/app/${modulePath(file, 'js')}`;
    const entry = {
      path,
      statementMap,
      fnMap: { 0: { name: `fn${file}`, decl: location(1, 9, 20), loc: location(1, 0, 40), line: 1 } },
      branchMap,
      s,
      f: { 0: v.hits(file, 1) },
      b,
    };
    return `${JSON.stringify(path)}:${JSON.stringify(entry)}`;
  },
};

const FORMATS: readonly Format[] = [LCOV, COBERTURA, JACOCO, CLOVER, GO, ISTANBUL];

/** The head, records until the next would pass `size` (with `last` after them), the tail. */
function* fill(format: Format, size: number, variant: Variant, last?: string): Generator<string> {
  let written = format.head.length + format.tail.length + (last ? last.length + format.separator.length : 0);
  yield format.head;
  for (let file = 0; ; file++) {
    const piece = (file > 0 ? format.separator : '') + format.record(file, variant);
    if (file > 0 && written + piece.length > size) break;
    yield piece;
    written += piece.length;
  }
  if (last !== undefined) yield format.separator + last;
  yield format.tail;
}

/** `unit` as many times as fit in `room` characters, in pieces of at most about 1 MB. */
function* repeat(unit: string, room: number): Generator<string> {
  let count = Math.max(1, Math.floor(room / unit.length));
  const perPiece = Math.max(1, Math.floor((1 << 20) / unit.length));
  while (count > 0) {
    const now = Math.min(count, perPiece);
    yield unit.repeat(now);
    count -= now;
  }
}

/** head, then `unit` repeated to fill the size, then tail (for the structural cases). */
function* around(head: string, unit: string, tail: string, size: number): Generator<string> {
  yield head;
  yield* repeat(unit, size - head.length - tail.length);
  yield tail;
}

/** Opening and closing `open`/`close` as deep as fits. */
function* nested(head: string, open: string, middle: string, close: string, tail: string, size: number) {
  const depth = Math.floor((size - head.length - middle.length - tail.length) / (open.length + close.length));
  yield head;
  yield* repeat(open, depth * open.length);
  yield middle;
  yield* repeat(close, depth * close.length);
  yield tail;
}

// ── the cases ────────────────────────────────────────────────────────────────────────────────────────

interface Case {
  name: string;
  format: Format;
  report(size: number): Iterable<string>;
  /** the error it must end in (an InvalidFileError of one line whose message matches), or a parse */
  expect: RegExp | 'parsed';
}

const last = (format: Format, record: string) => (size: number) => fill(format, size, ORDINARY, record);
const filled = (format: Format, changes: Partial<Variant>) => (size: number) =>
  fill(format, size, variant(changes));
const lineNumberError = (prefix = '') =>
  new RegExp(`: ${prefix}expected a line number up to 10000000, found 100000000000000$`);
const armsError = (found: string) =>
  new RegExp(`: expected at most 100000 branches on one line, found ${found}$`);
const armBudgetError =
  /: expected at most \d+ branches in the report up to here \(100000, plus one per 4 characters\), found \d+$/;
const depthError = /: expected elements nested at most 64 deep, found <x> at depth 65$/;
const runError =
  /: expected no tag, attribute value, text or comment longer than 1048576 characters, found a longer one after this point$/;
const cobLine = (attributes: string) =>
  coberturaClass('src/hostile.py', `\t\t\t\t\t\t<line ${attributes}/>\n`);
const jacocoLine = (attributes: string) =>
  `<sourcefile name="Hostile.java"><line ${attributes}/></sourcefile>\n`;

const CASES: readonly Case[] = [
  // Past a limit, in the last record: one error line after reading everything before it.
  {
    name: 'cobertura: condition-coverage="50% (1/400000000)", last line',
    format: COBERTURA,
    report: last(
      COBERTURA,
      cobLine('number="1" hits="1" branch="true" condition-coverage="50% (1/400000000)"'),
    ),
    expect: armsError("'50% \\(1/400000000\\)'"),
  },
  {
    name: 'cobertura: condition-coverage="50% (1/1e14)", last line',
    format: COBERTURA,
    report: last(
      COBERTURA,
      cobLine('number="1" hits="1" branch="true" condition-coverage="50% (1/100000000000000)"'),
    ),
    expect: armsError("'50% \\(1/100000000000000\\)'"),
  },
  {
    name: 'cobertura: line number 1e14, last line',
    format: COBERTURA,
    report: last(COBERTURA, cobLine('number="100000000000000" hits="1"')),
    expect: lineNumberError('number on <line>: '),
  },
  {
    name: 'jacoco: mb="1e14", last line',
    format: JACOCO,
    report: last(JACOCO, jacocoLine('nr="1" mi="0" ci="1" mb="100000000000000" cb="0"')),
    expect: armsError('mb=100000000000000 cb=0'),
  },
  {
    name: 'jacoco: line nr 1e14, last line',
    format: JACOCO,
    report: last(JACOCO, jacocoLine('nr="100000000000000" mi="0" ci="1"')),
    expect: lineNumberError('nr on <line>: '),
  },
  {
    name: 'clover: line num 1e14, last line',
    format: CLOVER,
    report: last(
      CLOVER,
      '    <file name="hostile.js" path="src/hostile.js"><line num="100000000000000" count="1" type="stmt"/></file>\n',
    ),
    expect: lineNumberError('num on <line>: '),
  },
  {
    name: 'lcov: DA on line 1e14, last record',
    format: LCOV,
    report: last(LCOV, 'SF:src/hostile.c\nDA:100000000000000,1\nend_of_record\n'),
    expect: lineNumberError(),
  },
  {
    name: 'lcov: BRDA on line 1e14, last record',
    format: LCOV,
    report: last(LCOV, 'SF:src/hostile.c\nBRDA:100000000000000,0,0,1\nend_of_record\n'),
    expect: lineNumberError(),
  },
  {
    name: 'go: block to line 1e14, last line',
    format: GO,
    report: last(GO, 'example.com/app/hostile.go:1.1,100000000000000.2 1 1\n'),
    expect: lineNumberError(),
  },
  {
    name: 'go: block of 10M lines, last line',
    format: GO,
    report: last(GO, goBlock('example.com/app/hostile.go', '1.1', '10000000.2', 1, 1)),
    expect:
      /: expected a block of at most 100000 lines, as real coverprofiles have, found 1 to 10000000 \(10000000 lines\)$/,
  },
  {
    name: 'go: blocks of 100,000 lines spanning more than 1M lines plus one per character, last lines',
    format: GO,
    report: (size) => fill(GO, size, ORDINARY, goSpans(Math.ceil((1e6 + size) / 100_000) + 1)),
    expect:
      /: expected blocks spanning at most \d+ lines in the profile up to here \(1000000, plus 1 per character\), as real coverprofiles do, found \d+ \(block \d+\.1,\d+\.2\)$/,
  },
  {
    name: 'go: block ending before it starts, last line',
    format: GO,
    report: last(GO, goBlock('example.com/app/hostile.go', '9.1', '2.2', 1, 1)),
    expect: /: expected a block that ends at or after its start line, found 9 to 2$/,
  },
  {
    name: 'istanbul: statement on line 1e14, last file',
    format: ISTANBUL,
    report: last(
      ISTANBUL,
      `"hostile.js":${JSON.stringify({
        path: 'hostile.js',
        statementMap: { 0: { start: { line: HUGE, column: 0 }, end: { line: HUGE, column: 1 } } },
        fnMap: {},
        branchMap: {},
        s: { 0: 1 },
        f: {},
        b: {},
      })}`,
    ),
    expect:
      /: hostile\.js: expected statementMap\.0 to start at a line from 0 to 10000000, found 100000000000000$/,
  },

  // Every line at the per-line arm limit: past the report-wide budget (one arm per 4 characters) on the
  // second line, one error line.
  {
    name: 'cobertura: every line condition-coverage="0% (0/100000)" (the per-line arm limit)',
    format: COBERTURA,
    report: filled(COBERTURA, { branchEvery: 1, arms: 100_000 }),
    expect: armBudgetError,
  },
  {
    name: 'jacoco: every line mb="100000" (the per-line arm limit)',
    format: JACOCO,
    report: filled(JACOCO, { branchEvery: 1, arms: 100_000 }),
    expect: armBudgetError,
  },
  {
    name: 'cobertura: one <line number="1"> with branches, repeated (past the per-line limit at 50,001)',
    format: COBERTURA,
    report: (size) =>
      around(
        `${COBERTURA.head}\t\t\t\t<class name="c" filename="src/repeated.py"><lines>\n`,
        '\t\t\t\t\t\t<line number="1" hits="1" branch="true" condition-coverage="50% (1/2)"/>\n',
        `\t\t\t\t</lines></class>\n${COBERTURA.tail}`,
        size,
      ),
    expect: /: expected at most 100000 branches on one line, found 100002 on line 1, listed more than once$/,
  },

  // At or under a limit, on every record: parsed, at the cost of the report's size.
  {
    name: 'cobertura: every line condition-coverage="0% (0/20)" (near the report-wide arm budget)',
    format: COBERTURA,
    report: filled(COBERTURA, { branchEvery: 1, arms: 20 }),
    expect: 'parsed',
  },
  {
    name: 'jacoco: every line mb="10" (near the report-wide arm budget)',
    format: JACOCO,
    report: filled(JACOCO, { branchEvery: 1, arms: 10 }),
    expect: 'parsed',
  },
  {
    name: 'cobertura: each <line> with branches listed 45,000 times in a row (under the per-line limit)',
    format: COBERTURA,
    report: function* (size) {
      const head = `${COBERTURA.head}\t\t\t\t<class name="c" filename="src/repeated.py"><lines>\n`;
      const tail = `\t\t\t\t</lines></class>\n${COBERTURA.tail}`;
      const unit = (line: number) =>
        `\t\t\t\t\t\t<line number="${line}" hits="1" branch="true" condition-coverage="50% (1/2)"/>\n`;
      yield head;
      let room = size - head.length - tail.length;
      for (let line = 1; room > 0; line++) {
        const run = unit(line).repeat(Math.min(45_000, Math.max(1, Math.floor(room / unit(line).length))));
        yield run;
        room -= run.length;
      }
      yield tail;
    },
    expect: 'parsed',
  },
  {
    name: 'cobertura: every class of the same file (a class per inner class), merged',
    format: COBERTURA,
    report: function* (size) {
      const tail = COBERTURA.tail;
      let room = size - COBERTURA.head.length - tail.length;
      yield COBERTURA.head;
      for (let index = 0; room > 0; index++) {
        const piece = COBERTURA.record(index, ORDINARY)
          .replace(/name="c"/, `name="c$${index}"`)
          .replace(/filename="[^"]*"/, 'filename="src/Outer.java"')
          .replace(/number="(\d+)"/g, (_, line: string) => `number="${index * LINES + Number(line)}"`);
        yield piece;
        room -= piece.length;
      }
      yield tail;
    },
    expect: 'parsed',
  },
  {
    name: 'cobertura: every hits="1e14"',
    format: COBERTURA,
    report: filled(COBERTURA, { hits: hugeHits }),
    expect: 'parsed',
  },
  {
    name: 'lcov: every DA/BRDA/FNDA count and BRDA id 1e14',
    format: LCOV,
    report: filled(LCOV, { hits: hugeHits, block: HUGE }),
    expect: 'parsed',
  },
  {
    name: 'istanbul: every s/f/b count 1e14',
    format: ISTANBUL,
    report: filled(ISTANBUL, { hits: hugeHits }),
    expect: 'parsed',
  },
  {
    name: 'go: every count 1e14',
    format: GO,
    report: filled(GO, { hits: hugeHits }),
    expect: 'parsed',
  },
  {
    // 0.9 lines per character at the end, in files of 10M lines: the ordinary part spans 1 per 15.
    name: 'go: blocks of 100,000 lines (the block limit) spanning 0.9 lines per character, last lines',
    format: GO,
    report: (size) => fill(GO, size, ORDINARY, goSpans(Math.floor((0.9 * size) / 100_000))),
    expect: 'parsed',
  },

  // Structure: nesting as deep as the report allows, one line or attribute as long as the report.
  {
    name: 'cobertura: unknown elements nested as deep as fits (fast scanner)',
    format: COBERTURA,
    report: (size) =>
      nested(COBERTURA.head + COBERTURA.record(0, ORDINARY), '<x>', '', '</x>', COBERTURA.tail, size),
    expect: depthError,
  },
  {
    name: 'jacoco: unknown elements nested as deep as fits (saxes)',
    format: JACOCO,
    report: (size) => nested(JACOCO.head + JACOCO.record(0, ORDINARY), '<x>', '', '</x>', JACOCO.tail, size),
    expect: depthError,
  },
  {
    name: 'istanbul: an object nested as deep as fits',
    format: ISTANBUL,
    report: (size) => nested(`{${ISTANBUL.record(0, ORDINARY)},"x":`, '{"x":', '1', '}', '}\n', size),
    expect: /: expected an Istanbul coverage-final\.json object: values nest deeper than 64 levels here$/,
  },
  {
    name: 'cobertura: one filename attribute as long as the report',
    format: COBERTURA,
    report: (size) =>
      around(
        `${COBERTURA.head}\t\t\t\t<class name="c" filename="src/`,
        'a',
        `.py"><lines><line number="1" hits="1"/></lines></class>\n${COBERTURA.tail}`,
        size,
      ),
    expect: runError,
  },
  {
    name: 'lcov: one SF line as long as the report',
    format: LCOV,
    report: (size) => around('TN:\nSF:src/', 'a', '.c\nDA:1,1\nend_of_record\n', size),
    expect: 'parsed',
  },
  {
    name: 'go: one line (its file name) as long as the report',
    format: GO,
    report: (size) => around('mode: set\nexample.com/', 'a', '.go:1.1,2.2 1 1\n', size),
    expect: 'parsed',
  },
  {
    name: 'istanbul: two branches on one line, arms filling the report',
    format: ISTANBUL,
    report: function* (size) {
      const branch = { loc: location(1, 0, 9), type: 'switch', locations: [], line: 1 };
      const head = `{"a.js":{"path":"a.js","statementMap":{},"fnMap":{},"branchMap":${JSON.stringify({ 0: branch, 1: branch })},"s":{},"f":{},"b":{"0":[`;
      const arms = Math.floor((size - head.length - 20) / 4);
      yield head;
      yield* repeat('0,', arms * 2);
      yield '0],"1":[';
      yield* repeat('0,', arms * 2);
      yield '0]}}}\n';
    },
    expect: 'parsed',
  },
];

// ── running and reporting ────────────────────────────────────────────────────────────────────────────

async function write(path: string, pieces: Iterable<string>): Promise<number> {
  const out = createWriteStream(path);
  let buffer = '';
  for (const piece of pieces) {
    buffer += piece;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buffer = '';
    }
  }
  out.end(buffer);
  await new Promise<void>((resolve, reject) => out.on('finish', () => resolve()).on('error', reject));
  return statSync(path).size;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const ratio = (value: number) => `${value.toFixed(2)}x`;

/** What the hostile report ended in, against what it should; undefined when as expected. */
function mismatch(outcome: Outcome, expect: Case['expect']): string | undefined {
  if (expect === 'parsed') return outcome.kind === 'parsed' ? undefined : 'expected it to parse';
  if (outcome.kind !== 'error') return `expected an InvalidFileError matching ${expect}`;
  if (!outcome.invalidFile) return `expected an InvalidFileError, not ${outcome.name}`;
  if (outcome.message.includes('\n')) return 'expected one line';
  return expect.test(outcome.message) ? undefined : `expected a message matching ${expect}`;
}

function describe(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'parsed':
      return `parsed (${outcome.files} files)`;
    case 'error': {
      const shown = outcome.message.length > 200 ? `${outcome.message.slice(0, 200)}...` : outcome.message;
      const lines = outcome.message.split('\n').length;
      return `${outcome.name}${lines > 1 ? ` (${lines} lines)` : ', one line'}: ${JSON.stringify(shown.split('\n')[0])}`;
    }
    default:
      return `${outcome.kind}: ${outcome.detail}`;
  }
}

async function main(): Promise<void> {
  const cases = CASES.filter((c) => !ONLY || c.name.includes(ONLY));
  const formats = FORMATS.filter((format) => cases.some((c) => c.format === format));
  const dir = mkdtempSync(join(tmpdir(), 'floodgate-coverage-hostile-'));
  try {
    const ordinary = new Map<Format, { path: string; size: number; samples: Sample[] }>();
    for (const format of formats) {
      const path = join(dir, `ordinary-${format.name}.${format.extension}`);
      ordinary.set(format, { path, size: await write(path, fill(format, SIZE, ORDINARY)), samples: [] });
    }
    const hostile = new Map<Case, { path: string; size: number; samples: Sample[] }>();
    for (const [index, c] of cases.entries()) {
      const path = join(dir, `hostile-${index + 1}-${c.format.name}.${c.format.extension}`);
      hostile.set(c, { path, size: await write(path, c.report(SIZE)), samples: [] });
    }
    console.log(
      `${cases.length} hostile reports against ${formats.length} ordinary ones of ~${mb(SIZE)}, ${ROUNDS} rounds interleaved, ` +
        `each parse in its own node process (heap cap ${HEAP_MB} MB, ${TIMEOUT_S} s)`,
    );
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      for (const format of formats) {
        ordinary.get(format)!.samples.push(measure(ordinary.get(format)!.path));
        for (const c of cases.filter((candidate) => candidate.format === format)) {
          const entry = hostile.get(c)!;
          // A parse that ran out of memory or time once is not run again: it tells nothing new.
          if (entry.samples.some((sample) => Number.isNaN(sample.memory))) continue;
          entry.samples.push(measure(entry.path));
        }
      }
      console.log(`round ${round + 1}/${ROUNDS}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }

    const verdicts: string[] = [];
    let failed = 0;
    for (const c of cases) {
      const base = ordinary.get(c.format)!;
      const entry = hostile.get(c)!;
      const baseMs = median(base.samples.map((s) => s.ms));
      const baseMemory = median(base.samples.map((s) => s.memory));
      const broken = entry.samples.find((s) => Number.isNaN(s.memory));
      const hostileMs = broken ? broken.ms : median(entry.samples.map((s) => s.ms));
      const hostileMemory = broken ? Number.NaN : median(entry.samples.map((s) => s.memory));
      const timeRatio = Math.max(hostileMs, TIME_FLOOR_MS) / Math.max(baseMs, TIME_FLOOR_MS);
      const memoryRatio = Math.max(hostileMemory, MEMORY_FLOOR) / Math.max(baseMemory, MEMORY_FLOOR);
      const outcome = (broken ?? entry.samples[entry.samples.length - 1]!).outcome;
      const wrong = mismatch(outcome, c.expect);
      const reasons = [
        ...(timeRatio > LIMIT ? [`time ${ratio(timeRatio)} > ${LIMIT}x`] : []),
        ...(broken
          ? [`memory: ${outcome.kind}`]
          : memoryRatio > LIMIT
            ? [`memory ${ratio(memoryRatio)} > ${LIMIT}x`]
            : []),
      ];
      const verdict =
        [...(reasons.length > 0 ? ['SLOW'] : []), ...(wrong ? ['WRONG'] : [])].join(', ') || 'ok';
      if (verdict !== 'ok') failed++;
      const runs = `${entry.samples.length} run${entry.samples.length === 1 ? '' : 's'}`;
      console.log(`\n${c.name}  [${c.format.name}, ordinary ${mb(base.size)}, hostile ${mb(entry.size)}]`);
      console.log(
        `  time     ordinary ${ms(baseMs)}, hostile ${broken ? `> ${ms(hostileMs)} (whole process, until it ended)` : ms(hostileMs)}, ${ratio(timeRatio)}` +
          `   (ordinary ${base.samples.map((s) => s.ms.toFixed(0)).join(' ')}; hostile ${entry.samples.map((s) => s.ms.toFixed(0)).join(' ')}, ${runs})`,
      );
      if (!broken)
        console.log(
          `  CPU      ordinary ${ms(median(base.samples.map((s) => s.cpuMs)))}, hostile ${ms(median(entry.samples.map((s) => s.cpuMs)))}`,
        );
      console.log(
        `  memory   peak RSS ordinary +${mb(baseMemory)}, hostile ${
          !broken
            ? `+${mb(hostileMemory)}, ${ratio(memoryRatio)}`
            : outcome.kind === 'out of memory'
              ? `more than the ${HEAP_MB} MB heap cap`
              : `not measured (${outcome.kind})`
        }`,
      );
      console.log(
        `  outcome  ${describe(outcome)}${wrong ? `; ${wrong}` : c.expect === 'parsed' ? '' : ', as expected'}`,
      );
      console.log(
        `  verdict  ${verdict}${reasons.length > 0 ? ` (${reasons.join('; ')})` : ''}${wrong ? ` (${wrong})` : ''}`,
      );
      verdicts.push(
        `  ${verdict.padEnd(11)} ${ratio(timeRatio).padStart(9)} ${(broken ? outcome.kind : ratio(memoryRatio)).padStart(13)}  ${c.name}`,
      );
    }
    console.log(
      `\nverdicts (ok: hostile <= ${LIMIT}x ordinary median time and peak RSS, and ended as expected):`,
    );
    console.log(`  ${'verdict'.padEnd(11)} ${'time'.padStart(9)} ${'memory'.padStart(13)}  case`);
    for (const line of verdicts) console.log(line);
    console.log(failed === 0 ? '\nall ok' : `\n${failed} of ${cases.length} not ok`);
    process.exitCode = failed === 0 ? 0 : 1;
  } finally {
    if (process.env.KEEP) console.log(`reports kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--measure') await measureHere(process.argv[3]!);
else await main();
