// Risk assessment of a 3000-file PR (synthetic patches) against a 50-rule policy, in core only.
// Target: < 300 ms of CPU. Parsing the GitHub patches is included: the action does it too.
import {
  assessRisk,
  defaultPolicy,
  parsePatch,
  type DiffFile,
  type Policy,
} from '../packages/core/src/index.js';

const FILES = 3000;
const LINES_PER_FILE = 40;

function syntheticPatch(index: number): string {
  const lines = [`@@ -1,${LINES_PER_FILE / 2} +1,${LINES_PER_FILE} @@`];
  for (let line = 0; line < LINES_PER_FILE; line++) {
    if (line % 2 === 0) lines.push(` const keep${line} = compute(${index}, ${line});`);
    else
      lines.push(
        `+  const value${line} = await repository.find({ id: ${index * line}, name: 'row-${line}' });`,
      );
  }
  return lines.join('\n');
}

function files(): DiffFile[] {
  return Array.from({ length: FILES }, (_, index) => {
    const parsed = parsePatch(syntheticPatch(index), `file${index}`);
    return {
      path: `services/svc${index % 40}/src/module${index % 7}/file${index}.ts`,
      status: 'modified',
      additions: parsed.additions,
      deletions: parsed.deletions,
      addedLines: parsed.addedLines,
      patchAvailable: true,
      binary: false,
    };
  });
}

function fiftyRulePolicy(): Policy {
  const policy = defaultPolicy();
  for (let i = 0; Object.keys(policy.risk.factors).length < 50; i++) {
    policy.risk.factors[`extra-${i}`] =
      i % 2 === 0
        ? {
            kind: 'paths',
            paths: [`services/svc${i}/src/**/secret*.ts`, `**/payments${i}/**`],
            score: 5,
            description: `paths ${i}`,
            'applies-to': 'all',
            enabled: true,
          }
        : {
            kind: 'content',
            pattern: `\\b(token${i}|password${i}|eval\\s*\\()`,
            flags: 'i',
            paths: [],
            score: 5,
            description: `content ${i}`,
            'applies-to': 'all',
            enabled: true,
          };
  }
  return policy;
}

const policy = fiftyRulePolicy();
const samples: number[] = [];
for (let run = 0; run < 7; run++) {
  const start = process.cpuUsage();
  const assessment = assessRisk(
    {
      author: 'claude[bot]',
      labels: [],
      commitMessages: [],
      files: files(),
      totalFiles: FILES,
      linesChanged: FILES * 30,
      policyPath: '.github/floodgate.yml',
    },
    policy,
  );
  const used = process.cpuUsage(start);
  samples.push((used.user + used.system) / 1000);
  if (run === 0)
    console.log(
      `risk: ${Object.keys(policy.risk.factors).length} rules, ${FILES} files, tier ${assessment.tier}, score ${assessment.score}`,
    );
}
samples.sort((a, b) => a - b);
console.log(
  `risk: assess 3000 files x 50 rules: median ${samples[3]?.toFixed(1)} ms CPU (min ${samples[0]?.toFixed(1)}, max ${samples[6]?.toFixed(1)}), peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
