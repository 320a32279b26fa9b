import { describe, expect, it } from 'vitest';
import { mergeCommentSection, upsertCommentSection } from '../../src/github/index.js';
import { invalidRequests, REPO, setUp } from './fake.js';

const risk = { key: 'risk', order: 1, markdown: '### Risk: low' };
const coverage = { key: 'coverage', order: 2, markdown: '### Coverage: 81%' };

describe('mergeCommentSection', () => {
  it('adds sections in their order whatever order the gates finish in', () => {
    const body = mergeCommentSection(mergeCommentSection(undefined, coverage), risk);
    expect(body.indexOf('### Risk: low')).toBeLessThan(body.indexOf('### Coverage: 81%'));
    expect(body.startsWith('## 🌊 Floodgate')).toBe(true);
  });

  it("replaces only its own section and keeps the others'", () => {
    const before = mergeCommentSection(mergeCommentSection(undefined, risk), coverage);
    const after = mergeCommentSection(before, { ...risk, markdown: '### Risk: high' });
    expect(after).toContain('### Risk: high');
    expect(after).not.toContain('### Risk: low');
    expect(after).toContain('### Coverage: 81%');
    expect(mergeCommentSection(after, { ...risk, markdown: '### Risk: high' })).toBe(after);
  });

  it('cuts the later sections first when the whole would exceed the limit', () => {
    const huge = { ...coverage, markdown: `### Coverage\n${'x'.repeat(70_000)}` };
    const body = mergeCommentSection(mergeCommentSection(undefined, huge), risk);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('### Risk: low');
    expect(body).toContain('Cut to fit');
  });
});

describe('upsertCommentSection against the fake API', () => {
  it('two gates share one comment; a re-run writes nothing', async () => {
    const { fake, client } = await setUp();
    const pr = fake.state.addPullRequest({ files: 1 });
    await upsertCommentSection(client, { repo: REPO, issueNumber: pr.number, section: risk });
    await upsertCommentSection(client, { repo: REPO, issueNumber: pr.number, section: coverage });
    const writes = fake.writes().length;
    const again = await upsertCommentSection(client, {
      repo: REPO,
      issueNumber: pr.number,
      section: coverage,
    });
    expect(again.action).toBe('unchanged');
    expect(fake.writes().length).toBe(writes);
    const comments = [...fake.state.repo('octo-org/widgets').comments.values()].filter(
      (c) => c.issueNumber === pr.number,
    );
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('### Risk: low');
    expect(comments[0]?.body).toContain('### Coverage: 81%');
    expect(comments[0]?.body.startsWith('<!-- floodgate:report -->')).toBe(true);
    expect(invalidRequests(fake)).toEqual([]);
  });

  it("merges its section again when another gate's write replaced it in between", async () => {
    const { fake, client } = await setUp();
    const pr = fake.state.addPullRequest({ files: 1 });
    const first = await upsertCommentSection(client, { repo: REPO, issueNumber: pr.number, section: risk });
    const comment = fake.state.repo('octo-org/widgets').comments.get(first.commentId)!;
    // Right after our next write, another gate that had read the comment earlier writes it back
    // with its own section and without ours.
    let raced = false;
    client.hook.after('request', (_response, options) => {
      if (!raced && options.method === 'PATCH') {
        raced = true;
        comment.body = `<!-- floodgate:report -->\n${mergeCommentSection(undefined, coverage)}`;
      }
    });
    const high = { ...risk, markdown: '### Risk: high' };
    await upsertCommentSection(client, { repo: REPO, issueNumber: pr.number, section: high });
    expect(raced).toBe(true);
    expect(comment.body).toContain('### Risk: high');
    expect(comment.body).toContain('### Coverage: 81%');
  });
});

describe('mergeCommentSection cutting a section with no line break that fits', () => {
  it('keeps what fits of the line, never half of an emoji', () => {
    const wall = { ...coverage, markdown: '😀'.repeat(40_000) };
    const body = mergeCommentSection(mergeCommentSection(undefined, wall), risk);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('### Risk: low');
    expect(body).toContain("😀\n\n_Cut to fit GitHub's comment size limit");
    expect(body).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
