import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files first, whichever project they belong to (vitest's own order runs one project's
 * files after the other's, so the CLI's 80 s file started last and ran alone at the end). Order:
 * files with no recorded result, then files that failed last time, then by last duration.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const rank = (file: TestSpecification): [number, number] => {
      const result = cache.getFileTestResults(`${file.project.name}:${relative(config.root, file.moduleId)}`);
      if (!result) return [0, 0];
      return [result.failed ? 1 : 2, -result.duration];
    };
    const ranks = new Map(files.map((file) => [file, rank(file)]));
    return [...files].sort((a, b) => {
      const [x, y] = [ranks.get(a)!, ranks.get(b)!];
      return x[0] - y[0] || x[1] - y[1];
    });
  }
}

export default defineConfig({
  test: {
    // An end-to-end test's worker mostly waits: on the bundle it started, and in a few files on
    // retry back-offs (1 s, 4 s, 9 s). More workers than cores keeps both cores busy meanwhile.
    // (Against the fake on 127.0.0.1 the bundles skip GitHub's pacing between writes.)
    maxWorkers: 4,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        test: {
          // Their fakes (kit/test/github/fake.ts, kit/test/baseline/fake.ts) close servers in
          // module-level afterEach hooks: those need a fresh module per file.
          name: 'unit',
          include: ['packages/kit/test/github/**/*.test.ts', 'packages/kit/test/baseline/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          // About a hundred small files of pure functions: a fresh worker each cost more than the
          // tests (the last 40 s of a run were these files one after another).
          name: 'unit-shared',
          include: ['packages/*/test/**/*.test.ts', 'actions/*/test/**/*.test.ts'],
          exclude: ['packages/kit/test/github/**', 'packages/kit/test/baseline/**', '**/node_modules/**'],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          // Every end-to-end file loads the same fake GitHub: GitHub's REST description (13 MB),
          // its GraphQL schema and Ajv validators, about 1.5 s of CPU. Without per-file isolation
          // a worker loads them once. Safe because the helpers under test/ keep no per-file state
          // at module level (caches of those descriptions only) and register no hooks there.
          isolate: false,
        },
      },
    ],
  },
});
