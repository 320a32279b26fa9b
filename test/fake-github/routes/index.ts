import type { Handler } from '../context.js';
import { gitRoutes } from './git.js';
import { issueRoutes } from './issues.js';
import { pullRoutes } from './pulls.js';
import { repoRoutes } from './repos.js';
import { statusRoutes } from './statuses.js';

/** Implemented operations, keyed "METHOD template" with templates spelt as in GitHub's OpenAPI description. */
export const routes: ReadonlyMap<string, Handler> = new Map(
  Object.entries({ ...repoRoutes, ...pullRoutes, ...issueRoutes, ...statusRoutes, ...gitRoutes }),
);
