import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // An end-to-end test's worker mostly waits: on the bundle it started, and in a few files on
    // retry back-offs (1 s, 4 s, 9 s). More workers than cores keeps both cores busy meanwhile.
    // (Against the fake on 127.0.0.1 the bundles skip GitHub's pacing between writes.)
    maxWorkers: 4,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.test.ts', 'actions/*/test/**/*.test.ts'],
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
