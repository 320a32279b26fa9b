export {
  assertExpectedHead,
  fetchPullRequest,
  findPullRequest,
  pullRequestFromEvent,
  pullRequestNumber,
  type PullRequestInfo,
} from './pull-request.js';
export { teamsOfAuthor } from './teams.js';
export { diffFileFromGitHub, readPullRequestChange, type PullRequestChange } from './change.js';
export { headMoved, readPullRequestNow, type PullRequestNow } from './head.js';
