import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Git } from '../src/ab/git.js';
import { runAb } from '../src/ab/run.js';

const BASE = 'a'.repeat(40);
const MERGE_BASE = 'b'.repeat(40);
const HEAD = 'c'.repeat(40);

/** A git that answers rev-parse, merge-base and diff, and makes the worktree folder. */
function fakeGit(calls: string[][]): Git {
  return async (_cwd, args) => {
    calls.push([...args]);
    if (args[0] === 'rev-parse') return `${HEAD}\n`;
    if (args[0] === 'merge-base') return `${MERGE_BASE}\n`;
    if (args[0] === 'diff') return 'src/parse.go\0README.md\0';
    return '';
  };
}

function hyperfineJson(seconds: number): string {
  return JSON.stringify({
    results: [{ command: './busy', times: [seconds, seconds * 1.01], exit_codes: [0, 0] }],
  });
}

describe('runAb: the worktree, the rounds and what each run wrote', () => {
  it('runs the command in each side, reads each round before the next, and cleans up', async () => {
    const root = mkdtempSync(join(tmpdir(), 'floodgate-ab-unit-'));
    const workspace = join(root, 'head');
    const worktree = join(root, 'base');
    // What `git worktree add` would have made; the fake git does not.
    for (const dir of [workspace, worktree]) mkdirSync(dir);
    const calls: string[][] = [];
    const ran: string[] = [];
    let clock = 0;
    const outcome = await runAb(
      {
        command: 'bench',
        setup: 'build',
        files: ['bench.json'],
        rounds: 3,
        minRounds: 1,
        budgetSeconds: 60,
        order: 'alternate',
        baseSha: BASE,
      },
      workspace,
      worktree,
      {
        git: fakeGit(calls),
        now: () => clock,
        log: () => {},
        runCommand: async (command, cwd) => {
          const side = cwd === worktree ? 'A' : 'B';
          ran.push(`${command}:${side}`);
          if (command !== 'bench') return;
          // A stale file from the previous round must be gone before this one runs.
          expect(existsSync(join(cwd, 'bench.json'))).toBe(false);
          clock += 1000;
          writeFileSync(join(cwd, 'bench.json'), hyperfineJson(side === 'A' ? 0.01 : 0.011));
        },
      },
    );
    expect(ran).toEqual([
      'build:A',
      'build:B',
      'bench:A',
      'bench:B',
      'bench:A',
      'bench:B',
      'bench:A',
      'bench:B',
    ]);
    expect(outcome.mergeBase).toBe(MERGE_BASE);
    expect(outcome.headSha).toBe(HEAD);
    expect(outcome.changedFiles).toEqual(['src/parse.go', 'README.md']);
    expect(outcome.files).toEqual([
      'A/1/bench.json',
      'A/2/bench.json',
      'A/3/bench.json',
      'B/1/bench.json',
      'B/2/bench.json',
      'B/3/bench.json',
    ]);
    expect(outcome.base.metrics[0]!.samples).toHaveLength(6);
    expect(outcome.head.metrics[0]!.samples).toHaveLength(6);
    expect(outcome.schedule.runs.map((run) => `${run.round}${run.side}:${run.ms}`)).toEqual([
      '1A:1000',
      '1B:1000',
      '2A:1000',
      '2B:1000',
      '3A:1000',
      '3B:1000',
    ]);
    // git only with argument arrays, options ended before every commit or path.
    expect(calls.find((args) => args[0] === 'merge-base')).toEqual([
      'merge-base',
      '--end-of-options',
      BASE,
      HEAD,
    ]);
    expect(calls.find((args) => args[0] === 'worktree' && args[1] === 'add')).toEqual([
      'worktree',
      'add',
      '--detach',
      '--end-of-options',
      worktree,
      MERGE_BASE,
    ]);
    expect(calls.at(-2)).toEqual(['worktree', 'remove', '--force', '--end-of-options', worktree]);
  });

  it('removes the worktree when a run fails', async () => {
    const calls: string[][] = [];
    const root = mkdtempSync(join(tmpdir(), 'floodgate-ab-unit-'));
    await expect(
      runAb(
        {
          command: 'bench',
          files: ['bench.json'],
          rounds: 3,
          minRounds: 1,
          budgetSeconds: 60,
          order: 'alternate',
          baseSha: BASE,
        },
        join(root, 'head'),
        join(root, 'base'),
        {
          git: fakeGit(calls),
          now: () => 0,
          log: () => {},
          runCommand: async () => {
            throw new Error('ab-command on the merge-base bbbbbbb, round 1 exited with status 2');
          },
        },
      ),
    ).rejects.toThrow('exited with status 2');
    // Once before adding (a previous run's leftovers), once after the failure.
    expect(calls.filter((args) => args[0] === 'worktree' && args[1] === 'remove')).toHaveLength(2);
  });
});
