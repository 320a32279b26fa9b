import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAction } from '../harness/index.js';
import { coverageFixture, percent2, printed } from './fixtures.js';

const samples = new URL('../../scripts/fixtures/coverage/samples/', import.meta.url);
const sample = (path: string) => readFileSync(new URL(path, samples), 'utf8');
const offline = { token: '', event: {}, eventName: 'workflow_dispatch' } as const;

describe('reports of one package in a monorepo', () => {
  it('Go: a module below the root (services/api/go.mod) is found by its own go.mod', async () => {
    const run = await runAction('coverage-gate', {
      ...offline,
      files: {
        'go.mod': sample('go-nested/go.mod'),
        'main.go': sample('go-nested/main.go'),
        'services/api/go.mod': sample('go-nested/services/api/go.mod'),
        'services/api/calc/calc.go': sample('go-nested/services/api/calc/calc.go'),
        'services/api/cover.out': coverageFixture('go-nested/cover.out'),
      },
      inputs: { files: 'services/api/cover.out', token: '', minimum: '50' },
    });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const [percent = 0] = printed(
      coverageFixture('go-nested/func.txt'),
      /total:\s+\(statements\)\s+([\d.]+)%/,
    );
    expect(Number(run.outputs.coverage).toFixed(1)).toBe(percent.toFixed(1));
    expect(run.summary).toContain('`services/api/calc/calc.go`');
    expect(run.summary).not.toContain('example.com');
  });

  it("LCOV written in a package (SF:lib/calc.js) is placed by the report's own folder", async () => {
    const js = Object.fromEntries(
      ['main.js', 'lib/calc.js', 'lib/format.js'].flatMap((file) => [
        [`js/${file}`, sample(`js/${file}`)],
        [`web/${file}`, sample(`js/${file}`)],
      ]),
    );
    const run = await runAction('coverage-gate', {
      ...offline,
      files: { ...js, 'js/coverage/lcov.info': coverageFixture('c8/lcov.info') },
      inputs: { files: 'js/coverage/lcov.info', token: '', minimum: '0' },
    });
    expect(run.exitCode).toBe(0);
    const [lines = 0] = printed(
      coverageFixture('c8/c8-text.txt'),
      /All files\s+\|\s+[\d.]+\s+\|\s+[\d.]+\s+\|\s+[\d.]+\s+\|\s+([\d.]+)/,
    );
    expect(run.outputs.coverage).toBe(lines.toFixed(2));
    const report = JSON.parse(run.outputs.report!) as { coverage: { covered: number; total: number } };
    expect(run.outputs.coverage).toBe(percent2(report.coverage.covered, report.coverage.total));
    expect(run.summary).toContain('`js/lib/calc.js`');
    expect(run.summary).not.toContain('`web/');
  });
});
