/**
 * Code that reaches into a coverage tool at run time: the counters a test run reports from, or the hooks
 * that collect them. A PR's own tests write its coverage report, so one line such as
 * `for (const f of Object.values(globalThis.__coverage__)) …` in a test file makes untested code read as
 * covered, without touching any configuration. Product code has no reason to name these.
 */
const COVERAGE_RUNTIME: readonly { needle: string; what: string }[] = [
  { needle: '__coverage__', what: "istanbul's counters (__coverage__)" },
  { needle: 'NODE_V8_COVERAGE', what: "V8's coverage output (NODE_V8_COVERAGE)" },
  { needle: 'takeCoverage', what: "V8's coverage hooks (v8.takeCoverage)" },
  { needle: 'stopCoverage', what: "V8's coverage hooks (v8.stopCoverage)" },
  { needle: '$jacocoData', what: "JaCoCo's probes ($jacocoData)" },
  { needle: 'org.jacoco.agent.rt', what: "JaCoCo's agent runtime (org.jacoco.agent.rt)" },
  { needle: 'sys.settrace(', what: "Python's trace hook (sys.settrace), how coverage.py measures" },
  { needle: 'coverage.Coverage(', what: "coverage.py's API (coverage.Coverage)" },
  { needle: '__gcov_', what: "gcov's runtime (__gcov_reset, __gcov_dump)" },
  { needle: '__llvm_profile_', what: "LLVM's profile runtime (__llvm_profile_*)" },
];

/** Why the added lines change what a coverage run measures, if they do: the first runtime they name. */
export function coverageRuntimeReason(addedLines: readonly string[] | undefined): string | undefined {
  if (!addedLines) return undefined;
  for (const line of addedLines) {
    const hit = COVERAGE_RUNTIME.find(({ needle }) => line.includes(needle));
    if (hit) return `its added lines reach into ${hit.what}, which the coverage report is made from`;
  }
  return undefined;
}
