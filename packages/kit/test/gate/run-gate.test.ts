import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeMarkdown } from '@floodgate/core';
import { describe, expect, it } from 'vitest';
import { pullRequestEvent, type FakeGitHub } from '../../../../test/fake-github/index.js';
import type { ActionIO } from '../../src/action/io.js';
import type { RunContext } from '../../src/action/context.js';
import type { GitHubClient } from '../../src/github/client.js';
import { runGate, type GateDefinition, type GateInputs, type HeadMoved } from '../../src/gate/index.js';
import { REPO, setUp } from '../github/fake.js';

/** Everything a gate said to the runner, in order. */
function recordingIO() {
  const said: string[] = [];
  const outputs: Record<string, string> = {};
  const summaries: string[] = [];
  const io: ActionIO = {
    info: (message) => said.push(`info ${message}`),
    notice: (message) => said.push(`notice ${message}`),
    warning: (message) => said.push(`warning ${message}`),
    error: (message) => said.push(`error ${message}`),
    debug: () => {},
    setOutput: (name, value) => {
      said.push(`output ${name}`);
      outputs[name] = value;
    },
    summary: async (markdown) => {
      said.push('summary');
      summaries.push(markdown);
    },
  };
  return { io, said, outputs, summaries };
}

interface ToyFacts {
  regression: number;
}

/**
 * A gate as small as a gate can be, using the perf gate's protocol entry: it reports what the
 * runner asked of it, so each test sees which steps ran, in which order.
 */
function toyGate(options: { moved?: string; failWrite?: boolean; calls: string[] }) {
  const gate: GateDefinition<'perf', GateInputs, ToyFacts, 'pass' | 'fail'> = {
    gate: 'perf',
    heading: (subject) => `toy of ${subject}`,
    observed: 'nothing was written.',
    async gather(run): Promise<ToyFacts | HeadMoved> {
      options.calls.push(`gather ${run.mode}${run.writesSkipped ? ' skipped' : ''}`);
      return options.moved ? { headMoved: options.moved } : { regression: 0.3 };
    },
    evaluate(facts) {
      options.calls.push('evaluate');
      return facts.regression > 0.2 ? 'fail' : 'pass';
    },
    present(outcome) {
      options.calls.push('present');
      return {
        outputs: () => ({ regression: '0.3', result: outcome, report: '{}' }),
        log: [`toy: ${outcome}`],
        status: { state: outcome === 'fail' ? 'failure' : 'success', description: `${outcome}: 30% slower` },
        comment: () => `toy section: ${outcome}`,
        summary: (actions) => `## toy\n\n${actions.join('\n')}\n`,
        ...(outcome === 'fail' ? { failure: 'Toy gate failed: 30% slower.' } : {}),
      };
    },
    async write() {
      options.calls.push('write');
      if (options.failWrite) throw new Error('labels: GitHub said no');
      return ['Labels: added toy.'];
    },
    async record(_outcome, _facts, run) {
      options.calls.push(`record${run.pr ? '' : ' on push'}`);
      return ['Recorded.'];
    },
  };
  return gate;
}

function contextFor(
  fake: FakeGitHub | undefined,
  payload: Record<string, unknown>,
  eventName = 'pull_request',
) {
  const context: RunContext = {
    eventName,
    payload,
    repo: REPO,
    sha: 'a'.repeat(40),
    ref: 'refs/heads/main',
    workspace: mkdtempSync(join(tmpdir(), 'gate-')),
    apiUrl: fake?.url ?? 'https://api.github.com',
    graphqlUrl: fake ? `${fake.url}/graphql` : 'https://api.github.com/graphql',
    serverUrl: 'https://github.com',
  };
  return context;
}

const INPUTS: GateInputs = { policyPath: '.github/floodgate.yml', comment: true };
const POLICY = 'version: 1\nmode: enforce\n';

async function withPullRequest() {
  const { fake, client } = await setUp();
  fake.state.commitFiles('main', { '.github/floodgate.yml': POLICY });
  const payload = pullRequestEvent(fake.state, 'opened', { number: 7 }, fake.url);
  return { fake, client: client as GitHubClient, payload };
}

describe('the gate runner', () => {
  it('on a PR: gathers, judges, writes status, then its own writes, then its section, then records; fails last', async () => {
    const { fake, client, payload } = await withPullRequest();
    const calls: string[] = [];
    const { io, said, outputs, summaries } = recordingIO();

    await expect(
      runGate(toyGate({ calls }), INPUTS, { io, context: contextFor(fake, payload), client }),
    ).rejects.toThrow('Toy gate failed: 30% slower.');

    expect(calls).toEqual(['gather enforce', 'evaluate', 'present', 'write', 'record']);
    const writes = fake.writes().map((write) => `${write.method} ${write.route}`);
    const status = writes.indexOf('POST /repos/{owner}/{repo}/statuses/{sha}');
    const comment = writes.indexOf('POST /repos/{owner}/{repo}/issues/{issue_number}/comments');
    expect(status).toBeGreaterThanOrEqual(0);
    expect(comment).toBeGreaterThan(status);
    const head = fake.state.repo().pulls.get(7)!.head.sha;
    expect(
      fake.state
        .repo()
        .statuses.filter((s) => s.sha === head)
        .map((s) => [s.context, s.state]),
    ).toEqual([['floodgate/perf', 'failure']]);
    expect(outputs).toEqual({ regression: '0.3', result: 'fail', report: '{}' });
    expect(summaries).toEqual(['## toy\n\nLabels: added toy.\nRecorded.\n']);
    // The summary is the last thing said before the failure.
    expect(said.at(-1)).toBe('summary');
  });

  it('without a token: reads nothing, writes nothing, says so, and still records nothing it cannot', async () => {
    const { fake, payload } = await withPullRequest();
    const calls: string[] = [];
    const { io, said, summaries } = recordingIO();

    await expect(
      runGate(toyGate({ calls }), INPUTS, { io, context: contextFor(undefined, payload) }),
    ).rejects.toThrow('Toy gate failed');

    expect(calls).toEqual(['gather enforce skipped', 'evaluate', 'present', 'record']);
    expect(said).toContain('notice No token was given: nothing was written to GitHub.');
    expect(fake.requests).toEqual([]);
    expect(summaries).toHaveLength(1);
  });

  it('in observe mode: no status, no writes, no comment; the record still runs', async () => {
    const { fake, client, payload } = await withPullRequest();
    const calls: string[] = [];
    const { io, said } = recordingIO();

    await expect(
      runGate(
        toyGate({ calls }),
        { ...INPUTS, mode: 'observe' },
        { io, context: contextFor(fake, payload), client },
      ),
    ).rejects.toThrow('Toy gate failed');

    expect(calls).toEqual(['gather observe skipped', 'evaluate', 'present', 'record']);
    expect(said).toContain('notice Observe mode: nothing was written.');
    expect(fake.writes()).toEqual([]);
  });

  it('when the head moved while facts were read: a notice and a summary, nothing judged or written', async () => {
    const { fake, client, payload } = await withPullRequest();
    const calls: string[] = [];
    const { io, said, outputs, summaries } = recordingIO();

    const outcome = await runGate(toyGate({ calls, moved: 'Pull request #7 moved.' }), INPUTS, {
      io,
      context: contextFor(fake, payload),
      client,
    });

    expect(outcome).toBeUndefined();
    expect(calls).toEqual(['gather enforce']);
    expect(said).toEqual(['notice Pull request #7 moved.', 'summary']);
    expect(summaries).toEqual(['## Floodgate: toy of #7\n\nPull request #7 moved.\n']);
    expect(outputs).toEqual({});
    expect(fake.writes()).toEqual([]);
  });

  it('refuses a head other than the one asked for, before reading anything else', async () => {
    const { fake, client, payload } = await withPullRequest();
    const calls: string[] = [];
    const { io } = recordingIO();

    await expect(
      runGate(
        toyGate({ calls }),
        { ...INPUTS, headSha: 'b'.repeat(40) },
        { io, context: contextFor(fake, payload), client },
      ),
    ).rejects.toThrow(/b{7}/);
    expect(calls).toEqual([]);
    expect(fake.writes()).toEqual([]);
  });

  it('a failed write still leaves the outputs and the summary, and the error is the write’s', async () => {
    const { fake, client, payload } = await withPullRequest();
    const calls: string[] = [];
    const { io, outputs, summaries } = recordingIO();

    await expect(
      runGate(toyGate({ calls, failWrite: true }), INPUTS, {
        io,
        context: contextFor(fake, payload),
        client,
      }),
    ).rejects.toThrow('labels: GitHub said no');

    expect(outputs.result).toBe('fail');
    expect(summaries).toHaveLength(1);
    expect(calls).not.toContain('record');
  });

  it('on a push: no pull request, no PR writes, the record runs', async () => {
    const { fake, client } = await setUp();
    const calls: string[] = [];
    const { io } = recordingIO();

    await expect(
      runGate(toyGate({ calls }), INPUTS, { io, context: contextFor(fake, {}, 'push'), client }),
    ).rejects.toThrow('Toy gate failed');

    expect(calls).toEqual(['gather enforce', 'evaluate', 'present', 'record on push']);
    expect(fake.writes()).toEqual([]);
  });

  it('a base-policy glob that matches no file of the base commit is a warning in the log and one summary line', async () => {
    const { fake, client } = await setUp();
    // `payments/**` (line 3, column 28) matches no file of main; `src/**` matches one.
    const text = "version: 1\nmerge:\n  review-paths: ['src/**', 'payments/**']\n";
    fake.state.commitFiles('main', { '.github/floodgate.yml': text, 'src/a.ts': 'export {};\n' });
    const payload = pullRequestEvent(fake.state, 'opened', { number: 8 }, fake.url);
    const base = fake.state.branchSha('main')!;
    const calls: string[] = [];
    const { io, said, summaries } = recordingIO();

    await expect(
      runGate(toyGate({ calls }), INPUTS, { io, context: contextFor(fake, payload), client }),
    ).rejects.toThrow('Toy gate failed');

    const warning = `.github/floodgate.yml@main:3:28: glob 'payments/**' matches no file of the base commit ${base.slice(0, 7)}`;
    expect(said.filter((line) => line.startsWith('warning '))).toEqual([`warning ${warning}`]);
    expect(summaries).toEqual([
      '## toy\n\nLabels: added toy.\nRecorded.\n' +
        '\n**Policy warnings**\n\n' +
        `- ⚠️ \`.github/floodgate.yml@main:3:28\`: ${escapeMarkdown(warning.slice(warning.indexOf('glob ')))}\n`,
    ]);
    expect(summaries[0]!.split('\n').filter((line) => line.includes('payments'))).toHaveLength(1);
  });

  it('the policy warnings are in the summary of a run whose head moved, too', async () => {
    const { fake, client } = await setUp();
    const text = "version: 1\nmerge:\n  review-paths: ['infra/**']\n";
    fake.state.commitFiles('main', { '.github/floodgate.yml': text, 'src/a.ts': 'export {};\n' });
    const payload = pullRequestEvent(fake.state, 'opened', { number: 9 }, fake.url);
    const { io, summaries } = recordingIO();

    await runGate(toyGate({ calls: [], moved: 'Pull request #9 moved.' }), INPUTS, {
      io,
      context: contextFor(fake, payload),
      client,
    });

    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatch(
      /^## Floodgate: toy of #9\n\nPull request #9 moved\.\n\n\*\*Policy warnings\*\*\n\n- ⚠️ `\.github\/floodgate\.yml@main:3:18`: glob 'infra\/\\\*\\\*' matches no file of the base commit [0-9a-f]{7}\n$/,
    );
  });

  it('a gate that needs a pull request says which event had none', async () => {
    const calls: string[] = [];
    const { io } = recordingIO();
    const gate = {
      ...toyGate({ calls }),
      requiresPullRequest: (event: string) => `No pull request on '${event}'.`,
    };

    await expect(runGate(gate, INPUTS, { io, context: contextFor(undefined, {}, 'push') })).rejects.toThrow(
      "No pull request on 'push'.",
    );
    expect(calls).toEqual([]);
  });
});
