import type { GitHubClient } from '../github/client.js';
import { httpStatusOf } from '../github/request-error.js';
import type { GitHubLog } from '../github/types.js';

/**
 * Which of the `org/team` slugs the author actively belongs to. Reading memberships needs
 * `members: read` on the organisation, which GITHUB_TOKEN lacks: such teams are reported and
 * treated as "not a member", so an override can only be missed, never granted by accident.
 */
export async function teamsOfAuthor(
  client: GitHubClient,
  author: string,
  teams: readonly string[],
  log: GitHubLog,
): Promise<string[]> {
  const member: string[] = [];
  for (const team of teams) {
    const [org, slug] = team.split('/');
    if (!org || !slug) {
      log.warning(`Team '${team}' is not of the form org/team-slug; skipped.`);
      continue;
    }
    try {
      const { data } = await client.rest.teams.getMembershipForUserInOrg({
        org,
        team_slug: slug,
        username: author,
      });
      if (data.state === 'active') member.push(team);
    } catch (error) {
      const status = httpStatusOf(error);
      if (status === 404) continue;
      if (status === 403) {
        log.warning(
          `Cannot read the members of team '${team}' (the token needs organization members: read); treated as not a member.`,
        );
        continue;
      }
      throw error;
    }
  }
  return member;
}
