import { FloodgateError } from '../../core/src/shared/errors.js';

/** A command line floodgate cannot act on (unknown option, missing argument): exit code 3. */
export class UsageError extends FloodgateError {
  override name = 'UsageError';
}

/** Exit codes hooks and agents can rely on (documented in packages/cli/README.md). */
export const EXIT = {
  /** check: would auto-merge; validate: valid; explain/init: done */
  ok: 0,
  /** check: blocked; validate: invalid policy */
  blocked: 1,
  /** check: human review required */
  review: 2,
  /** usage or input error: bad option, unreadable file, malformed report or policy */
  error: 3,
} as const;

export const HELP = `floodgate — Floodgate's policy on your machine

Usage:
  floodgate check [--staged | --base <ref>] [options]   judge local changes as the PR gates would
  floodgate validate [FILE]                             check a policy file (default .github/floodgate.yml)
  floodgate explain <pr-number | sha> [--repo owner/name]
                                                        why a PR got its decision (GitHub API)
  floodgate init [--template NAME] [--force]            starter policy and workflow

check options:
  --staged               the staged changes (git diff --cached)
  --base <ref>           the commits since the merge-base with <ref> (as the PR would show them)
                         (default: the working tree against HEAD, untracked files included)
  --policy FILE          judge with this policy file instead of the base's .github/floodgate.yml
  --coverage GLOB        coverage reports (lcov, Cobertura, JaCoCo, Clover, Istanbul, Go); repeatable
  --coverage-base GLOB   coverage reports of the base (e.g. made on main): the allowed-drop rule
                         compares with them, as coverage-gate does with its baseline; repeatable
  --perf-base GLOB       benchmark results of the base          } both or neither; repeatable
  --perf GLOB            benchmark results of the change        }
  --sarif GLOB           SARIF files of a security scanner; repeatable
  --tests RESULT         success | failure: your test run's result (default: assumed to pass)
  --author LOGIN         who the change is for AI detection (default: none)
  --label NAME           a label the PR will carry; repeatable
  --ai-confidence N      the agent's confidence, 0 to 1
  --fail-on WHAT         human-review (default: exit 2 when review is needed) or blocked
                         (exit 0 unless blocked: for hooks that should stop only what cannot merge)
  --json                 print the result as JSON (stable shape, see README)

Exit codes: 0 would auto-merge (validate: valid), 1 blocked (validate: invalid),
            2 human review required, 3 usage or input error.
`;
