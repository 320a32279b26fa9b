// A 1 MB patch of hostile added lines (the default SQL pattern's worst case for a backtracking
// engine: `select ` repeated, no `from`) against an ordinary 1 MB patch, in the same run.
// The content patterns run in RE2 (re2js), so the two should cost about the same.
import {
  assessRisk,
  defaultPolicy,
  parsePatch,
  type ChangeFacts,
  type DiffFile,
} from '../packages/core/src/index.js';

const SIZE = 1_000_000;

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
  const line = "  const row = await db.find({ id: 42, name: 'ordinary' });";
  return fileOf(
    Array.from({ length: Math.ceil(SIZE / line.length) }, () => line),
    'src/ordinary.ts',
  );
}

function time(label: string, file: DiffFile): number {
  const policy = defaultPolicy();
  const facts: ChangeFacts = {
    files: [file],
    totalFiles: 1,
    linesChanged: file.additions,
    author: 'someone',
    labels: [],
    commitMessages: [],
    policyPath: '.github/floodgate.yml',
  };
  const samples: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = process.hrtime.bigint();
    assessRisk(facts, policy);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const median = samples[2]!;
  const bytes = file.addedLines.reduce((sum, line) => sum + line.text.length, 0);
  console.log(
    `${label}: ${(bytes / 1e6).toFixed(2)} MB of added lines, median ${median.toFixed(0)} ms (5 runs)`,
  );
  return median;
}

const ordinaryMs = time('ordinary', ordinary());
const hostileMs = time('hostile ', hostile());
console.log(`hostile / ordinary: ${(hostileMs / ordinaryMs).toFixed(2)}x`);
