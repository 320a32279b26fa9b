import type { PatchCoverage } from './patch.js';

/** GitHub shows at most this many warning annotations per step; more are dropped silently. */
export const ANNOTATIONS_PER_STEP = 10;

export interface UncoveredAnnotation {
  path: string;
  startLine: number;
  endLine: number;
  message: string;
}

export interface AnnotationPlan {
  annotations: UncoveredAnnotation[];
  /** uncovered ranges not annotated, for one notice that says how many */
  rest: { ranges: number; lines: number };
}

/**
 * The uncovered added ranges worth an annotation when only `limit` fit: the largest ranges first
 * (most untested code in one place), ties in diff order. A range's line count is its executable
 * lines only when known; the span is what a reviewer sees highlighted.
 */
export function planUncoveredAnnotations(
  patch: Pick<PatchCoverage, 'files'>,
  limit = ANNOTATIONS_PER_STEP,
): AnnotationPlan {
  const ranges = patch.files.flatMap((file, fileIndex) =>
    file.uncovered.map((range, rangeIndex) => ({
      path: file.path,
      start: range.start,
      end: range.end,
      order: fileIndex * 1e9 + rangeIndex,
    })),
  );
  const ranked = [...ranges].sort((a, b) => b.end - b.start - (a.end - a.start) || a.order - b.order);
  const picked = ranked.slice(0, Math.max(0, limit)).sort((a, b) => a.order - b.order);
  const left = ranked.slice(Math.max(0, limit));
  return {
    annotations: picked.map((range) => ({
      path: range.path,
      startLine: range.start,
      endLine: range.end,
      message:
        range.start === range.end
          ? `Added line ${range.start} is not covered by tests.`
          : `Added lines ${range.start}-${range.end} are not covered by tests.`,
    })),
    rest: {
      ranges: left.length,
      lines: left.reduce((sum, range) => sum + range.end - range.start + 1, 0),
    },
  };
}
