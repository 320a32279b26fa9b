import { matchesAnyName } from '../../shared/glob/match.js';
import type { CheckRunRecord, StatusRecord } from './signals.js';

/**
 * Whom the decision believes. Anyone who can run a workflow or install an app on the repository can
 * post a check run named like the test job or a status named like a required check, so a signal
 * counts only from a source the policy names (`merge.trusted-apps`, `merge.trusted-status-logins`),
 * and Floodgate's own `floodgate/*` statuses only from the login Floodgate's token writes as.
 */
export interface SignalSources {
  /** app slugs whose check runs count, e.g. `github-actions` */
  apps: readonly string[];
  /** logins whose commit statuses (other than `floodgate/*`) count */
  statusLogins: readonly string[];
  /** the login Floodgate's own token writes as */
  floodgateLogin: string;
}

export interface SourcedSignals<S extends StatusRecord, R extends CheckRunRecord> {
  statuses: S[];
  checkRuns: R[];
  /** left out: written by someone the policy does not name */
  ignoredStatuses: S[];
  ignoredCheckRuns: R[];
}

const same = (a: string | null | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();

export const isFloodgateContext = (context: string): boolean =>
  context.toLowerCase().startsWith('floodgate/');

export function trustsStatus(status: StatusRecord, sources: SignalSources): boolean {
  if (isFloodgateContext(status.context)) return same(status.creator, sources.floodgateLogin);
  return sources.statusLogins.some((login) => same(status.creator, login));
}

export function trustsCheckRun(run: CheckRunRecord, sources: SignalSources): boolean {
  return sources.apps.some((app) => same(run.app, app));
}

/** Splits a commit's statuses and check runs into those from trusted sources and the rest. */
export function bySource<S extends StatusRecord, R extends CheckRunRecord>(
  statuses: readonly S[],
  checkRuns: readonly R[],
  sources: SignalSources,
): SourcedSignals<S, R> {
  return {
    statuses: statuses.filter((status) => trustsStatus(status, sources)),
    checkRuns: checkRuns.filter((run) => trustsCheckRun(run, sources)),
    ignoredStatuses: statuses.filter((status) => !trustsStatus(status, sources)),
    ignoredCheckRuns: checkRuns.filter((run) => !trustsCheckRun(run, sources)),
  };
}

/** One line per ignored signal, for the log and the summary. */
export function describeIgnored(
  ignored: Pick<SourcedSignals<StatusRecord, CheckRunRecord>, 'ignoredStatuses' | 'ignoredCheckRuns'>,
  sources: SignalSources,
): string[] {
  const statuses = ignored.ignoredStatuses.map((status) => {
    const trusted = isFloodgateContext(status.context)
      ? `Floodgate's token (${sources.floodgateLogin})`
      : `merge.trusted-status-logins (${sources.statusLogins.join(', ') || 'none'})`;
    return `Ignored status ${status.context} (${status.state}) by ${status.creator ?? 'an unknown author'}: not written by ${trusted}.`;
  });
  const runs = ignored.ignoredCheckRuns.map(
    (run) =>
      `Ignored check run '${run.name}' (${run.conclusion ?? run.status}) from app ${run.app ?? 'unknown'}: not one of merge.trusted-apps (${sources.apps.join(', ') || 'none'}).`,
  );
  return [...statuses, ...runs];
}

/** The sources a policy names, plus Floodgate's own login. */
export function signalSourcesOf(
  merge: { 'trusted-apps': readonly string[]; 'trusted-status-logins': readonly string[] },
  floodgateLogin: string,
): SignalSources {
  return { apps: merge['trusted-apps'], statusLogins: merge['trusted-status-logins'], floodgateLogin };
}

type Ignored = Pick<SourcedSignals<StatusRecord, CheckRunRecord>, 'ignoredStatuses' | 'ignoredCheckRuns'>;

/**
 * The ignored signals that would have changed the decision had they counted: a `floodgate/*`
 * status, a required check, or a check run named like the tests. The rest (a deploy preview's
 * status, another app's lint) are only logged, so the warnings name what matters.
 */
export function ignoredThatMatter(
  ignored: Ignored,
  names: { requiredChecks: readonly string[]; testChecks: readonly string[] },
): Ignored {
  const required = new Set(names.requiredChecks.map((name) => name.toLowerCase()));
  return {
    ignoredStatuses: ignored.ignoredStatuses.filter(
      (status) => isFloodgateContext(status.context) || required.has(status.context.toLowerCase()),
    ),
    ignoredCheckRuns: ignored.ignoredCheckRuns.filter(
      (run) =>
        required.has(run.name.toLowerCase()) || matchesAnyName(run.name, names.testChecks) !== undefined,
    ),
  };
}
