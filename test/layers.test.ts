// The import rules of .dependency-cruiser.mjs (run by `npm run lint`): each rule fails on a tiny
// tree that breaks it, the allowed imports pass, and the real sources are clean.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = ['packages/*/src', 'actions/*/src'];

interface Violation {
  rule: string;
  from: string;
  to: string;
}

async function check(baseDir: string): Promise<Violation[]> {
  const options = await extractDepcruiseOptions(join(root, '.dependency-cruiser.mjs'));
  const tsConfig = extractTSConfig(join(root, 'tsconfig.json'));
  const { output } = await cruise(SOURCES, { ...options, baseDir }, {}, { tsConfig });
  return (output as ICruiseResult).summary.violations.map((violation) => ({
    rule: violation.rule.name,
    from: violation.from,
    to: violation.to,
  }));
}

describe('import rules', () => {
  let tree: string;
  let found: Violation[];

  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), text);
  };

  beforeAll(async () => {
    tree = mkdtempSync(join(tmpdir(), 'floodgate-layers-'));
    // Packages as the workspace links them: `@floodgate/core/perf` goes through core's `exports`.
    write(
      'packages/core/package.json',
      JSON.stringify({
        name: '@floodgate/core',
        type: 'module',
        exports: {
          '.': './src/index.ts',
          './policy': './src/policy/index.ts',
          './risk': './src/gates/risk/index.ts',
          './perf': './src/gates/perf/index.ts',
        },
      }),
    );
    write(
      'packages/kit/package.json',
      JSON.stringify({ name: '@floodgate/kit', type: 'module', exports: { '.': './src/index.ts' } }),
    );
    mkdirSync(join(tree, 'node_modules/@floodgate'), { recursive: true });
    symlinkSync(join(tree, 'packages/core'), join(tree, 'node_modules/@floodgate/core'), 'dir');
    symlinkSync(join(tree, 'packages/kit'), join(tree, 'node_modules/@floodgate/kit'), 'dir');
    write(
      'node_modules/@actions/core/package.json',
      JSON.stringify({ name: '@actions/core', main: 'index.js' }),
    );
    write('node_modules/@actions/core/index.js', 'export const info = () => {};\n');

    // core, bottom to top
    write(
      'packages/core/src/shared/text.ts',
      "import { STATUS } from '../protocol/status.js';\nexport const t = STATUS;\n",
    );
    write('packages/core/src/shared/plain.ts', 'export const plain = 1;\n');
    write(
      'packages/core/src/protocol/status.ts',
      "import { TIER } from '../policy/types.js';\nexport const STATUS = TIER;\n",
    );
    write(
      'packages/core/src/policy/types.ts',
      "import type { Assessment } from '../gates/risk/types.js';\nexport type A = Assessment;\nexport const TIER = 'low';\n",
    );
    write('packages/core/src/policy/index.ts', "export { TIER } from './types.js';\n");
    write('packages/core/src/gates/risk/types.ts', 'export interface Assessment { score: number }\n');
    write('packages/core/src/gates/risk/index.ts', "export type { Assessment } from './types.js';\n");
    write(
      'packages/core/src/gates/risk/assess.ts',
      "import { compare } from '@floodgate/core/perf';\nexport const assess = compare;\n",
    );
    write('packages/core/src/gates/perf/index.ts', "export { compare } from './compare.js';\n");
    write('packages/core/src/gates/perf/compare.ts', 'export const compare = () => 0;\n');
    // what a gate may import: its own files, policy, protocol, shared, npm packages
    write(
      'packages/core/src/gates/perf/allowed.ts',
      [
        "import { compare } from './compare.js';",
        "import { TIER } from '../../policy/index.js';",
        "import { plain } from '../../shared/plain.js';",
        "import type { Assessment } from '../risk/types.js';",
        'export const x = [compare, TIER, plain];',
        'export type B = Assessment;',
        '',
      ].join('\n'),
    );
    write(
      'packages/core/src/gates/perf/barrel.ts',
      "import { TIER } from '../../index.js';\nexport const y = TIER;\n",
    );
    write('packages/core/src/index.ts', "export { TIER } from './policy/index.js';\n");
    write(
      'packages/core/src/gates/coverage/read.ts',
      "import { info } from '@actions/core';\nimport { client } from '../../../../kit/src/index.js';\nexport const r = [info, client];\n",
    );
    write(
      'packages/core/src/gates/coverage/fetch.ts',
      "import { get } from 'node:https';\nexport const f = get;\n",
    );
    write(
      'packages/core/src/shared/broken.ts',
      "import { gone } from './gone.js';\nexport const b = gone;\n",
    );

    // kit, actions, cli
    write(
      'packages/kit/src/index.ts',
      "import { TIER } from '@floodgate/core/policy';\nimport { main } from '../../../actions/b/src/main.js';\nexport const client = [TIER, main];\n",
    );
    write(
      'actions/a/src/main.ts',
      "import { sweep } from './sweep.js';\nimport { main as other } from '../../b/src/main.js';\nexport type Main = () => unknown;\nexport const main: Main = () => [sweep, other];\n",
    );
    write(
      'actions/a/src/sweep.ts',
      "import type { Main } from './main.js';\nexport const sweep = (main?: Main) => main;\n",
    );
    write(
      'actions/b/src/main.ts',
      "import { TIER } from '@floodgate/core';\nimport type { Assessment } from '@floodgate/core/risk';\nimport { client } from '@floodgate/kit';\nexport const main = (a?: Assessment) => [TIER, client, a];\n",
    );
    write(
      'packages/cli/src/main.ts',
      "import { TIER } from '../../core/src/policy/index.js';\nimport { main } from '../../../actions/b/src/main.js';\nexport const cli = [TIER, main];\n",
    );

    found = await check(tree);
  });

  afterAll(() => rmSync(tree, { recursive: true, force: true }));

  const core = 'packages/core/src';

  it.each([
    ['core-shared-is-the-bottom', `${core}/shared/text.ts`, `${core}/protocol/status.ts`],
    ['core-protocol-below-policy', `${core}/protocol/status.ts`, `${core}/policy/types.ts`],
    ['core-policy-below-gates', `${core}/policy/types.ts`, `${core}/gates/risk/types.ts`],
    ['core-no-gate-imports-another', `${core}/gates/risk/assess.ts`, `${core}/gates/perf/index.ts`],
    ['core-no-gate-imports-another', `${core}/gates/perf/allowed.ts`, `${core}/gates/risk/types.ts`],
    ['core-barrel-is-the-top', `${core}/gates/perf/barrel.ts`, `${core}/index.ts`],
    ['core-is-pure', `${core}/gates/coverage/read.ts`, 'packages/kit/src/index.ts'],
    ['core-no-network', `${core}/gates/coverage/fetch.ts`, 'https'],
    ['no-unresolvable', `${core}/shared/broken.ts`, './gone.js'],
    ['kit-below-actions', 'packages/kit/src/index.ts', 'actions/b/src/main.ts'],
    ['actions-stand-alone', 'actions/a/src/main.ts', 'actions/b/src/main.ts'],
    ['cli-imports-no-action', 'packages/cli/src/main.ts', 'actions/b/src/main.ts'],
  ])('%s: %s → %s', (rule, from, to) => {
    expect(found).toContainEqual({ rule, from, to });
  });

  it('core-is-pure: core importing @actions/* fails', () => {
    expect(found).toContainEqual(
      expect.objectContaining({
        rule: 'core-is-pure',
        from: `${core}/gates/coverage/read.ts`,
        to: expect.stringMatching(/node_modules\/@actions\/core\/index\.js$/),
      }),
    );
  });

  it('no-cycle: a cycle between two files of an action fails, also when one side imports only types', () => {
    expect(found).toContainEqual({
      rule: 'no-cycle',
      from: 'actions/a/src/main.ts',
      to: 'actions/a/src/sweep.ts',
    });
  });

  it('allowed imports pass: a gate on its own files, policy, shared; an action on core and kit', () => {
    const allowedFrom = (from: string) =>
      found.filter((violation) => violation.from === from && violation.rule !== 'no-cycle');
    expect(allowedFrom(`${core}/gates/perf/allowed.ts`)).toEqual([
      {
        rule: 'core-no-gate-imports-another',
        from: `${core}/gates/perf/allowed.ts`,
        to: `${core}/gates/risk/types.ts`,
      },
    ]);
    expect(allowedFrom('actions/b/src/main.ts')).toEqual([]);
    expect(allowedFrom(`${core}/shared/plain.ts`)).toEqual([]);
  });

  it('the real sources are clean', async () => {
    expect(await check(root)).toEqual([]);
  });
});
