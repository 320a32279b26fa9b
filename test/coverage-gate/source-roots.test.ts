import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAction } from '../harness/index.js';
import { coverageFixture, percent2, printed } from './fixtures.js';

const sample = (name: string) =>
  readFileSync(
    new URL(`../../scripts/fixtures/coverage/samples/java/src/demo/${name}`, import.meta.url),
    'utf8',
  );

// A multi-module build unpacked from an artifact (no .git): both modules have a `demo` package, and
// JaCoCo names files only `demo/Calc.java`. The real JaCoCo 0.8.6 report is module-b's.
const modules = Object.fromEntries(
  ['module-a', 'module-b'].flatMap((module) =>
    ['Calc.java', 'Main.java'].map((name) => [`${module}/src/main/java/demo/${name}`, sample(name)]),
  ),
);
const diff = [
  'diff --git a/module-a/src/main/java/demo/Calc.java b/module-a/src/main/java/demo/Calc.java',
  '--- a/module-a/src/main/java/demo/Calc.java',
  '+++ b/module-a/src/main/java/demo/Calc.java',
  '@@ -1 +1,2 @@',
  ' package demo;',
  '+// changed',
  '',
].join('\n');
const [covered = 0, missed = 0] = printed(
  coverageFixture('jacoco/jacoco-summary.txt'),
  /LINE covered=(\d+) missed=(\d+)/,
);

describe('source-roots: JaCoCo package paths in a workspace that is not a git checkout', () => {
  it('places the report on the module source-roots names; the other module stays unmeasured', async () => {
    const run = await runAction('coverage-gate', {
      token: '',
      event: {},
      eventName: 'workflow_dispatch',
      files: { ...modules, 'jacoco.xml': coverageFixture('jacoco/jacoco.xml'), 'pr.diff': diff },
      inputs: {
        files: 'jacoco.xml',
        token: '',
        minimum: '50',
        diff: 'pr.diff',
        'source-roots': 'module-b/src/main/java',
      },
    });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.coverage).toBe(percent2(covered, covered + missed));
    expect(run.summary).toContain('`module-b/src/main/java/demo/Calc.java`');
    expect(run.outputs.result).toBe('review');
    const report = JSON.parse(run.outputs.report!) as {
      patch: { unmeasured: { path: string; reason: string }[] };
    };
    expect(report.patch.unmeasured).toEqual([
      {
        path: 'module-a/src/main/java/demo/Calc.java',
        reason: 'not-in-report',
        detail: 'no coverage report lists it',
      },
    ]);
  });

  it('without source-roots the package paths are ambiguous: named, and the gate refuses to guess', async () => {
    const run = await runAction('coverage-gate', {
      token: '',
      event: {},
      eventName: 'workflow_dispatch',
      files: { ...modules, 'jacoco.xml': coverageFixture('jacoco/jacoco.xml') },
      inputs: { files: 'jacoco.xml', token: '', minimum: '50' },
    });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors).toEqual([
      expect.stringMatching(
        /^input 'files': no file of jacoco\.xml lies in the repository \('demo\/Main\.java' could be any of module-a\/src\/main\/java\/demo\/Main\.java, module-b\/src\/main\/java\/demo\/Main\.java; 'demo\/Calc\.java' could be any of .*\): expected paths relative to the repository or under the workspace .*, or set source-roots$/,
      ),
    ]);
  });
});
