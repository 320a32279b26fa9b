// A 1 MB patch of hostile added lines (the default SQL pattern's worst case for a backtracking
// engine: `select ` repeated, no `from`) against an ordinary 1 MB patch, in the same run.
// The content patterns run in RE2 (re2js), so the two should cost about the same: the target is
// "a 1 MB patch of hostile lines assesses in about the time of an ordinary one", checked here as
// hostile / ordinary at most 3x. Then the bound on the work per PR: each content pattern reads at
// most CONTENT_SCAN_LIMIT characters, so a PR of twice that costs about what one at the limit does.
// Prints FAIL and exits 1 when a target is missed.
import {
  assessRisk,
  CONTENT_SCAN_LIMIT,
  defaultPolicy,
  parsePatch,
  type ChangeFacts,
  type DiffFile,
} from '../packages/core/src/index.js';

const SIZE = 1_000_000;
/** hostile / ordinary above this misses the target */
const MAX_HOSTILE_RATIO = 3;
/** twice the content scan limit / at the limit above this: the limit does not bound the work */
const MAX_PAST_LIMIT_RATIO = 1.5;
const ORDINARY_LINE = "  const row = await db.find({ id: 42, name: 'ordinary' });";

function fileOf(lines: string[], path: string): DiffFile {
  const parsed = parsePatch([`@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`)].join('\n'), path);
  return {
    path,
    status: 'added',
    additions: parsed.additions,
    deletions: 0,
    addedLines: parsed.addedLines,
    patchAvailable: true,
    binary: false,
  };
}

function hostile(): DiffFile {
  // Two 490 KB lines: inside GitHub's patch size cap, each a worst case.
  const line = 'select '.repeat(70_000);
  return fileOf([line, line], 'src/hostile.ts');
}

function ordinary(): DiffFile {
  return fileOf(
    Array.from({ length: Math.ceil(SIZE / ORDINARY_LINE.length) }, () => ORDINARY_LINE),
    'src/ordinary.ts',
  );
}

/** 3000 files of ordinary added lines, `characters` in all (built directly: parsing is not measured). */
function ordinaryPr(characters: number): DiffFile[] {
  const perFile = Math.ceil(characters / 3000 / ORDINARY_LINE.length);
  return Array.from({ length: 3000 }, (_, index) => ({
    path: `src/f${index}.ts`,
    status: 'added',
    additions: perFile,
    deletions: 0,
    addedLines: Array.from({ length: perFile }, (_, line) => ({ line: line + 1, text: ORDINARY_LINE })),
    patchAvailable: true,
    binary: false,
  }));
}

function time(label: string, files: DiffFile[], runs = 5): number {
  const policy = defaultPolicy();
  const facts: ChangeFacts = {
    files,
    totalFiles: files.length,
    linesChanged: files.reduce((sum, file) => sum + file.additions, 0),
    author: 'someone',
    labels: [],
    commitMessages: [],
    policyPath: '.github/floodgate.yml',
  };
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = process.hrtime.bigint();
    assessRisk(facts, policy);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(runs / 2)]!;
  const bytes = files.reduce(
    (sum, file) => sum + file.addedLines.reduce((lines, line) => lines + line.text.length, 0),
    0,
  );
  console.log(
    `${label}: ${(bytes / 1e6).toFixed(2)} MB of added lines, median ${median.toFixed(0)} ms (${runs} runs)`,
  );
  return median;
}

let failed = false;
function check(label: string, ratio: number, most: number): void {
  const ok = ratio <= most;
  if (!ok) failed = true;
  console.log(`${label}: ${ratio.toFixed(2)}x (target at most ${most}x) ${ok ? 'ok' : 'FAIL'}`);
}

const ordinaryMs = time('ordinary', [ordinary()]);
const hostileMs = time('hostile ', [hostile()]);
check('hostile / ordinary', hostileMs / ordinaryMs, MAX_HOSTILE_RATIO);

const atLimitMs = time('at the content scan limit  ', ordinaryPr(CONTENT_SCAN_LIMIT), 3);
const pastLimitMs = time('twice the content scan limit', ordinaryPr(2 * CONTENT_SCAN_LIMIT), 3);
check('twice the limit / at the limit', pastLimitMs / atLimitMs, MAX_PAST_LIMIT_RATIO);
if (failed) process.exit(1);
