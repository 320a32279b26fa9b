import { uniqueNames } from '../../shared/text/names.js';

/**
 * Which reviewers a tier's pool gives a pull request. The rule is documented and deterministic, so
 * a rerun picks the same people and anyone can tell why they were (not) asked:
 *
 * 1. the pool, without duplicates, ordered by login (case-insensitive);
 * 2. start at index `PR number mod pool size`, walk forward round robin;
 * 3. skip the author, whoever asked the agent for the PR, and anyone already at `maxOpen` open
 *    review requests on other pull requests (0: no limit);
 * 4. stop after `count` people.
 *
 * Starting from the PR number spreads consecutive PRs over the pool instead of always asking the
 * same first names; skipping saturated people keeps reviews from piling up on whoever is listed.
 */
export interface RotationRequest {
  pool: readonly string[];
  count: number;
  /** the PR number (the rotation's starting index) */
  seed: number;
  /** lowercase logins that may never review this PR, with why (author, requester) */
  exclude?: ReadonlyMap<string, string>;
  /** lowercase login -> open review requests on other pull requests */
  openReviews?: ReadonlyMap<string, number>;
  /** 0: no limit */
  maxOpen?: number;
}

export interface RotationResult {
  picked: string[];
  /** pool members passed over on the way, with why */
  skipped: { login: string; why: string }[];
}

export function rotateReviewers(request: RotationRequest): RotationResult {
  const pool = uniqueNames(request.pool).sort((a, b) => {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const picked: string[] = [];
  const skipped: RotationResult['skipped'] = [];
  if (pool.length === 0 || request.count <= 0) return { picked, skipped };
  const start = ((Math.trunc(request.seed) % pool.length) + pool.length) % pool.length;
  const maxOpen = request.maxOpen ?? 0;
  for (let step = 0; step < pool.length && picked.length < request.count; step++) {
    const login = pool[(start + step) % pool.length]!;
    const key = login.toLowerCase();
    const excluded = request.exclude?.get(key);
    if (excluded) {
      skipped.push({ login, why: excluded });
      continue;
    }
    const open = request.openReviews?.get(key) ?? 0;
    if (maxOpen > 0 && open >= maxOpen) {
      skipped.push({
        login,
        why: `already has ${open} open review request${open === 1 ? '' : 's'} (max ${maxOpen})`,
      });
      continue;
    }
    picked.push(login);
  }
  return { picked, skipped };
}
