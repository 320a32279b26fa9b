import type { GateOutputs } from '../../protocol/gates.js';
import { encodeRiskStatus } from '../../protocol/risk-status.js';
import type { Mode, Tier } from '../../policy/types.js';
import type { PolicySource } from '../../policy/source.js';
import { describeRequesters } from '../../policy/review/independence.js';
import { escapeLog } from '../../shared/text/escape.js';
import { renderRiskReport, type ProposedPolicy } from './report.js';
import type { RiskOutcome } from './evaluate.js';
import { riskFailure } from './evaluate.js';

/** GitHub shows at most 10 notices per step: the rest are counted in one more. */
const ANNOTATIONS_SHOWN = 10;

export interface RiskAnnotation {
  message: string;
  title?: string;
  file?: string;
  line?: number;
}

export interface RiskPresentationContext {
  /** `#12` */
  subject: string;
  policy: PolicySource;
  mode: Mode;
  failOn: Tier | 'never';
  proposedPolicy?: ProposedPolicy;
  writesSkipped?: string;
}

export interface RiskPresentation {
  outputs: GateOutputs<'risk'>;
  log: string[];
  annotations: RiskAnnotation[];
  status: ReturnType<typeof encodeRiskStatus>;
  comment: string;
  summary: (actions: readonly string[]) => string;
  failure?: string;
}

/** Notices on the exact changed lines that made a factor fire (SQL, findings, ...). */
function annotationsOf({ assessment }: RiskOutcome): RiskAnnotation[] {
  const lineFactors = assessment.factors.filter(
    (factor) => factor.moreLineEvidence > 0 || factor.evidence.some((item) => item.line !== undefined),
  );
  const lines = lineFactors.flatMap((factor) =>
    factor.evidence.flatMap((item) =>
      item.file !== undefined && item.line !== undefined
        ? [{ factor, file: item.file, line: item.line, item }]
        : [],
    ),
  );
  const shown: RiskAnnotation[] = lines.slice(0, ANNOTATIONS_SHOWN).map(({ factor, file, line, item }) => ({
    message: escapeLog(`${factor.description} (+${factor.score}): ${item.detail ?? factor.reason}`),
    title: `Floodgate risk: ${factor.id}`,
    file,
    line,
  }));
  // Beyond what is shown: the rest of the listed lines, and the lines each factor only counted.
  const rest =
    Math.max(0, lines.length - ANNOTATIONS_SHOWN) +
    lineFactors.reduce((sum, factor) => sum + factor.moreLineEvidence, 0);
  if (rest > 0) shown.push({ message: `${rest} more risky changed lines were not annotated.` });
  return shown;
}

/** Everything the risk gate shows of its outcome: outputs, log, annotations, status, comment, summary. */
export function presentRisk(outcome: RiskOutcome, context: RiskPresentationContext): RiskPresentation {
  const { assessment } = outcome;
  const requesterLine = describeRequesters(outcome.requesters);
  const report = (actions: readonly string[]) =>
    renderRiskReport(assessment, {
      policy: context.policy,
      mode: context.mode,
      ...(context.proposedPolicy ? { proposedPolicy: context.proposedPolicy } : {}),
      ...(context.writesSkipped ? { writesSkipped: context.writesSkipped } : {}),
      actions: [...actions],
    });
  const failure = riskFailure(assessment, context.failOn);
  return {
    outputs: {
      tier: assessment.tier,
      score: String(assessment.score),
      factors: JSON.stringify(assessment.factors),
      'qa-strategy': assessment.routing.qa,
      'requires-human': String(assessment.routing.requiresHuman),
      'ai-generated': String(assessment.ai.aiGenerated),
      'lines-changed': String(assessment.linesChanged),
      'files-changed': String(assessment.filesChanged),
    },
    log: [
      `Risk of ${context.subject}: ${assessment.tier} (score ${assessment.score}), QA ${assessment.routing.qa}`,
      ...assessment.factors.map(
        (factor) =>
          `  ${factor.score >= 0 ? '+' : ''}${factor.score} ${factor.id}: ${escapeLog(factor.reason)}`,
      ),
    ],
    annotations: annotationsOf(outcome),
    // automerge-gate reads the tier from it when not given as input.
    status: encodeRiskStatus({
      tier: assessment.tier,
      score: assessment.score,
      requiresHuman: assessment.routing.requiresHuman,
      qa: assessment.routing.qa,
    }),
    comment: report([]),
    summary: (actions) =>
      `## Floodgate: risk of ${context.subject}\n\n${report(requesterLine ? [requesterLine, ...actions] : actions)}\n`,
    ...(failure ? { failure } : {}),
  };
}
