/** Where editors find the policy's JSON Schema (completion, validation as you type). */
export const SCHEMA_URL =
  'https://raw.githubusercontent.com/floodgate-dev/floodgate/v1/floodgate.schema.json';

/** The starter policy: observe mode, the article's defaults spelt out where people adjust them first. */
export function starterPolicy(): string {
  return `# yaml-language-server: $schema=${SCHEMA_URL}
# Floodgate policy: how pull requests are scored, gated and merged. It is read from the base
# branch of each pull request, so a PR cannot loosen the rules that judge it.
# Check it locally with \`npx floodgate validate\`; judge a change with \`npx floodgate check\`.
version: 1

# observe: every gate reports what it would do (job summary) and writes nothing — no labels,
# statuses, comments or merges. Switch to enforce once the reports look right.
mode: observe

merge:
  # whose pull requests may be merged automatically: ai (agents' PRs), all, or none
  auto-merge: ai
  # how long after Floodgate first saw a head it may merge it
  wait: 60m
  method: squash

coverage:
  # line coverage below this blocks; the changed lines need the same
  minimum: 80
  patch-minimum: 80

# Tiers high and critical ask for human review: name who reviews them, e.g.
# risk:
#   tiers:
#     high:
#       reviewers: { count: 1, teams: [my-org/reviewers] }
#     critical:
#       reviewers: { count: 2, teams: [my-org/security] }
`;
}
