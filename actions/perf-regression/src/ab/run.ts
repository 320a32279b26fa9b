import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FloodgateError, shortSha } from '@floodgate/core';
import {
  parsePerfFiles,
  runAbSchedule,
  type AbOrder,
  type AbSchedule,
  type AbSide,
  type PerfFormat,
  type PerfSuite,
} from '@floodgate/core/perf';
import { readMatchedFiles } from '@floodgate/kit';
import type { CommandRunner } from './command.js';
import { abCommits, addWorktree, removeWorktree, type Git } from './git.js';

export interface AbSettings {
  /** The user's benchmark command, run in each side's folder. */
  command: string;
  /** Run once per side before the rounds (a build), not timed against the budget's rounds. */
  setup?: string;
  /** Globs, relative to each side's folder, of the result files the command writes. */
  files: string[];
  format?: PerfFormat;
  rounds: number;
  minRounds: number;
  budgetSeconds: number;
  order: AbOrder;
  /** The PR's base SHA, from the event. */
  baseSha: string;
  /** What the random order is seeded from: the PR's head SHA. */
  seed?: string;
}

export interface AbDependencies {
  git: Git;
  runCommand: CommandRunner;
  /** Milliseconds, monotonic. */
  now: () => number;
  log: (line: string) => void;
}

export interface AbOutcome {
  base: PerfSuite;
  head: PerfSuite;
  mergeBase: string;
  headSha: string;
  schedule: AbSchedule;
  files: string[];
  /** What the head changes since the merge-base, for benchmarks that gate only on their own paths. */
  changedFiles: string[];
}

/**
 * Same-runner A/B: the merge-base checked out as a worktree beside the checkout (A), the checkout itself
 * (B), the user's command run for each in the schedule's order, and each run's result files read before
 * the next run can overwrite them. Both sides' samples pool across rounds into one suite each.
 */
export async function runAb(
  settings: AbSettings,
  workspace: string,
  worktree: string,
  deps: AbDependencies,
): Promise<AbOutcome> {
  const { mergeBase, head } = await abCommits(deps.git, workspace, settings.baseSha);
  const diff = await deps.git(workspace, [
    'diff',
    '--name-only',
    '-z',
    '--no-renames',
    '--end-of-options',
    mergeBase,
    head,
  ]);
  const changedFiles = diff.split('\0').filter(Boolean);
  await addWorktree(deps.git, workspace, worktree, mergeBase);
  try {
    const dirs: Record<AbSide, string> = { A: worktree, B: workspace };
    const label = (side: AbSide) =>
      side === 'A' ? `merge-base ${shortSha(mergeBase)}` : `head ${shortSha(head)}`;
    if (settings.setup) {
      for (const side of ['A', 'B'] as const) {
        deps.log(`A/B setup for ${label(side)}`);
        await deps.runCommand(settings.setup, dirs[side], `ab-setup for the ${label(side)}`);
      }
    }
    const collected: Record<AbSide, { file: string; text: string }[]> = { A: [], B: [] };
    const schedule = await runAbSchedule(
      {
        rounds: settings.rounds,
        minRounds: settings.minRounds,
        budgetMs: settings.budgetSeconds * 1000,
        order: settings.order,
        seed: settings.seed ?? head,
      },
      {
        now: deps.now,
        run: async (side, round) => {
          const files = await matched(settings.files, dirs[side]);
          // Stale results of the previous round must not be read as this round's.
          await Promise.all(files.map((file) => rm(file.path, { force: true })));
          deps.log(`A/B round ${round}: ${side} (${label(side)})`);
          await deps.runCommand(
            settings.command,
            dirs[side],
            `ab-command on the ${label(side)}, round ${round}`,
          );
          const written = await readMatchedFiles('files', settings.files, dirs[side]).catch(
            (error: unknown) => {
              throw new FloodgateError(
                `ab-command on the ${label(side)}, round ${round}, wrote no file matching the files input (${settings.files.join(', ')}): ${error instanceof Error ? error.message : String(error)}`,
              );
            },
          );
          collected[side].push(
            ...written.map((file) => ({ file: `${side}/${round}/${file.name}`, text: file.text })),
          );
        },
      },
    );
    return {
      base: parsePerfFiles(collected.A, settings.format),
      head: parsePerfFiles(collected.B, settings.format),
      mergeBase,
      headSha: head,
      schedule,
      files: [...collected.A, ...collected.B].map((file) => file.file),
      changedFiles,
    };
  } finally {
    await removeWorktree(deps.git, workspace, worktree);
  }
}

async function matched(patterns: readonly string[], dir: string): Promise<{ path: string }[]> {
  return readMatchedFiles('files', patterns, dir).catch(() => []);
}

/** Where the merge-base is checked out: the runner's temporary folder, else beside the checkout. */
export function worktreeDir(workspace: string, runnerTemp: string | undefined): string {
  return runnerTemp
    ? join(runnerTemp, 'floodgate-perf-base')
    : `${workspace.replace(/\/+$/, '')}-floodgate-perf-base`;
}
