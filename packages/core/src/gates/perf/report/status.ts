import { encodeGateStatus } from '../../../protocol/gate-status.js';
import { plural } from '../../../shared/markdown.js';
import type { PerfComparison } from '../compare.js';
import { percent } from '../percent.js';
import type { PerfReportContext } from './context.js';
import { worstMetric } from './order.js';

/**
 * The `floodgate/perf` commit status, encoded as every gate status is (protocol/gate-status): review
 * is a success whose description starts with "review" (what automerge-gate reads); observe mode
 * never fails.
 */
export function perfStatus(
  comparison: PerfComparison | undefined,
  context: Pick<PerfReportContext, 'result' | 'mode' | 'acknowledgment' | 'baseline'>,
): { state: 'success' | 'failure'; description: string } {
  const worst = comparison ? worstMetric(comparison) : undefined;
  const regression = comparison && comparison.regression > 0 ? ` ${percent(comparison.regression)}` : '';
  const what = worst && regression ? `${regression} ${worst.name}` : '';
  const failing = comparison?.metrics.filter((c) => c.gated && c.result !== 'pass').length ?? 0;
  const status =
    !comparison || (!context.baseline && context.result === 'pass')
      ? encodeGateStatus({ result: 'pass', detail: 'no baseline to compare with' })
      : context.acknowledgment
        ? encodeGateStatus({
            result: 'pass',
            detail: `regression acknowledged by ${context.acknowledgment.by}${what ? ` (${what.trim()})` : ''}`,
          })
        : context.result === 'pass'
          ? encodeGateStatus({
              result: 'pass',
              detail: `${plural(comparison.metrics.length, 'metric')} within thresholds`,
            })
          : encodeGateStatus({
              result: context.result,
              detail: `${plural(failing, 'metric')}${what ? `, worst${what}` : ''}`,
            });
  if (context.mode === 'observe' && context.result !== 'pass') {
    return { state: 'success', description: `observe mode, would be ${status.description}` };
  }
  return status;
}
