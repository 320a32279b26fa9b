import { describe, expect, it } from 'vitest';
import { webhookExample } from '../../../../test/fake-github/index.js';
import {
  defaultBranchOf,
  mergeGroupOf,
  pullRequestEventOf,
  pullRequestOf,
  pushOf,
  type EventPayload,
} from '../../src/action/event.js';
import { readOnlyReason } from '../../src/github/read-only.js';
import { pullRequestFromEvent, pullRequestNumber } from '../../src/pr/pull-request.js';

// GitHub's own payloads (@octokit/webhooks-examples), as the runner writes them to GITHUB_EVENT_PATH.
const of = (payload: EventPayload) => ({ payload });
const pullRequest = () => of(webhookExample('pull_request', (e) => e.action === 'opened'));
const synchronize = () => of(webhookExample('pull_request', (e) => e.action === 'synchronize'));
const review = () => of(webhookExample('pull_request_review'));
const push = () => of(webhookExample('push', (e) => String(e.ref).startsWith('refs/heads/')));
const tagPush = () => of(webhookExample('push', (e) => e.head_commit === null));
const mergeGroup = () => of(webhookExample('merge_group'));
const workflowRun = () => of(webhookExample('workflow_run'));
const workflowDispatch = () => of(webhookExample('workflow_dispatch'));
const issueComment = () => of(webhookExample('issue_comment'));
const schedule = () => of({ schedule: '17 3 * * *', workflow: '.github/workflows/nightly.yml' });
/** No GITHUB_EVENT_PATH: what readRunContext gives. */
const empty = () => of({});

describe('the event narrowing helpers, on real payloads', () => {
  it('a pull_request event: its pull request, complete (counts and all)', () => {
    const event = pullRequest();
    expect(pullRequestEventOf(event)?.action).toBe('opened');
    expect(pullRequestOf(event)).toMatchObject({ number: 2, base: { ref: 'master' } });
    expect(pullRequestFromEvent(event)).toMatchObject({
      number: 2,
      headSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      headRepo: 'Codertocat/Hello-World',
      baseRef: 'master',
      baseSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
    });
    expect(pushOf(event)).toBeUndefined();
    expect(mergeGroupOf(event)).toBeUndefined();
    expect(defaultBranchOf(event)).toBe('master');
    expect(readOnlyReason({ eventName: 'pull_request', ...event })).toBeUndefined();
  });

  it('a synchronize has a before and an after, and is still no push', () => {
    const event = synchronize();
    expect(pullRequestOf(event)?.number).toBe(2);
    expect(pushOf(event)).toBeUndefined();
  });

  it("a review's pull request is GitHub's short form: its number, but no counts, so it is read through the API", () => {
    const event = review();
    expect(pullRequestOf(event)?.number).toBe(2);
    expect(pullRequestFromEvent(event)).toBeUndefined();
    expect(pullRequestNumber(event, 9)).toBe(2);
  });

  it('a push: before, after, the head commit, the default branch (and the master_branch of older payloads)', () => {
    const event = push();
    expect(pushOf(event)).toMatchObject({
      ref: 'refs/heads/master',
      before: '0'.repeat(40),
      after: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
      head_commit: { message: 'Initial commit' },
    });
    expect(pullRequestOf(event)).toBeUndefined();
    expect(pullRequestNumber(event, undefined)).toBeUndefined();
    expect(defaultBranchOf(event)).toBe('master');
    // Older push payloads name the default branch only as master_branch.
    const { default_branch: _named, ...repository } = pushOf(event)!.repository;
    const older: Record<string, unknown> = { ...event.payload, repository };
    expect(defaultBranchOf(of(older))).toBe('master');
  });

  it('a tag push has no head commit', () => {
    expect(pushOf(tagPush())?.head_commit).toBeNull();
  });

  it('a merge_group: the group, its head and refs', () => {
    const event = mergeGroup();
    expect(mergeGroupOf(event)).toMatchObject({
      action: 'checks_requested',
      merge_group: {
        head_sha: '2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d',
        head_ref: 'refs/heads/gh-readonly-queue/main/pr-104-929f8209d40f77f4abc622a499c93a83babdbe64',
      },
    });
    expect(pullRequestOf(event)).toBeUndefined();
    expect(pushOf(event)).toBeUndefined();
    expect(defaultBranchOf(event)).toBe('main');
  });

  it.each([
    ['workflow_run', workflowRun, 'main'],
    ['workflow_dispatch', workflowDispatch, 'main'],
    ['issue_comment', issueComment, 'master'],
  ])(
    'a %s carries no pull request, push or group of its own; its repository names the default branch',
    (_name, event, branch) => {
      expect(pullRequestOf(event())).toBeUndefined();
      expect(pullRequestNumber(event(), 4)).toBe(4);
      expect(pushOf(event())).toBeUndefined();
      expect(mergeGroupOf(event())).toBeUndefined();
      expect(defaultBranchOf(event())).toBe(branch);
    },
  );

  it.each([
    ['a schedule', schedule],
    ['no payload at all', empty],
  ])('%s: nothing, and no default branch', (_name, event) => {
    expect(pullRequestEventOf(event())).toBeUndefined();
    expect(pullRequestOf(event())).toBeUndefined();
    expect(pushOf(event())).toBeUndefined();
    expect(mergeGroupOf(event())).toBeUndefined();
    expect(defaultBranchOf(event())).toBeUndefined();
    expect(readOnlyReason({ eventName: 'schedule', ...event() })).toBeUndefined();
  });

  it('names a default branch only as a string', () => {
    const payload: Record<string, unknown> = { repository: { default_branch: 7 } };
    expect(defaultBranchOf(of(payload))).toBeUndefined();
  });
});
