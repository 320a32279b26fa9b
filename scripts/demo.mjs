#!/usr/bin/env node
// The quick start: runs the committed risk-assess bundle exactly as a runner would, on the
// sample pull request in examples/sample-pr, with no token (so no GitHub account or network).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sample = join(root, 'examples/sample-pr');
const temp = mkdtempSync(join(tmpdir(), 'floodgate-demo-'));
const outputFile = join(temp, 'output');
const summaryFile = join(temp, 'summary.md');
writeFileSync(outputFile, '');
writeFileSync(summaryFile, '');

const result = spawnSync(process.execPath, [join(root, 'actions/risk-assess/dist/index.js')], {
  encoding: 'utf8',
  env: {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'Codertocat/Hello-World',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: join(sample, 'event.json'),
    GITHUB_WORKSPACE: sample,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: temp,
    INPUT_TOKEN: '',
    INPUT_DIFF: 'pr.diff',
    INPUT_COVERAGE: '72.5',
    'INPUT_POLICY-PATH': '.github/floodgate.yml',
    'INPUT_FAIL-ON': 'never',
    INPUT_COMMENT: 'true',
  },
});
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);

const outputs = readFileSync(outputFile, 'utf8');
const names = [...outputs.matchAll(/^([\w-]+)<<(.+)\n([\s\S]*?)\n\2$/gm)].map((m) => [m[1], m[3]]);
console.log('\n── outputs ──');
for (const [name, value] of names)
  console.log(`${name} = ${value.length > 100 ? `${value.slice(0, 100)}…` : value}`);
console.log('\n── job summary (GITHUB_STEP_SUMMARY) ──');
console.log(readFileSync(summaryFile, 'utf8'));
process.exit(result.status ?? 1);
