// Import rules for packages/*/src and actions/*/src, checked by `npm run lint` (`lint:imports`);
// test/layers.test.ts shows each rule failing on a small tree and the real sources passing.
//
// core's layers, each importing only the ones to its left:
//   shared ← protocol ← policy ← gates/<gate>   (no gate imports another gate)
// kit is runtime glue on top of core; an action (actions/<name>/src) uses core and kit; the cli
// uses core and kit. core imports no kit, no @actions/*, no @octokit/*, no network or child
// process module; nothing imports an action.
// Type-only imports count too: a type that points up a layer is an upward dependency all the same.

const CORE = '^packages/core/src/';
const KIT = '^packages/kit/src/';
const CLI = '^packages/cli/src/';
const ACTIONS = '^actions/[^/]+/src/';
const SOURCES = '^(packages|actions)/[^/]+/src/';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'An import cycle: move what both sides need into a lower module (or its own file).',
      from: { path: SOURCES },
      to: { circular: true },
    },
    {
      name: 'core-shared-is-the-bottom',
      severity: 'error',
      comment: 'core/shared holds helpers every layer uses; it imports no protocol, policy or gate.',
      from: { path: `${CORE}shared/` },
      to: { path: `${CORE}(protocol|policy|gates)/` },
    },
    {
      name: 'core-protocol-below-policy',
      severity: 'error',
      comment: 'core/protocol may import only core/shared.',
      from: { path: `${CORE}protocol/` },
      to: { path: `${CORE}(policy|gates)/` },
    },
    {
      name: 'core-policy-below-gates',
      severity: 'error',
      comment: 'core/policy may import core/shared and core/protocol, never a gate.',
      from: { path: `${CORE}policy/` },
      to: { path: `${CORE}gates/` },
    },
    {
      name: 'core-no-gate-imports-another',
      severity: 'error',
      comment: 'A gate is a unit: what two gates share belongs in policy, protocol or shared.',
      from: { path: `${CORE}gates/([^/]+)/` },
      to: { path: `${CORE}gates/`, pathNot: `${CORE}gates/$1/` },
    },
    {
      name: 'core-barrel-is-the-top',
      severity: 'error',
      comment: "core's index.ts re-exports every layer; nothing inside core imports it.",
      from: { path: CORE },
      to: { path: `${CORE}index\\.ts$` },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'core is pure policy: no kit, no @actions/*, no @octokit/*, no action, no cli.',
      from: { path: CORE },
      to: {
        path: [KIT, CLI, ACTIONS, '(^|/)node_modules/@actions/', '(^|/)node_modules/@octokit/'],
      },
    },
    {
      name: 'core-no-network',
      severity: 'error',
      comment:
        'core decides from facts it is given: no network, no child processes (kit and the actions gather).',
      from: { path: CORE },
      to: {
        dependencyTypes: ['core'],
        path: '^(node:)?(http|https|http2|net|tls|dgram|dns|child_process)(/|$)',
      },
    },
    {
      name: 'kit-below-actions',
      severity: 'error',
      comment: 'kit is shared by every action and the cli: it imports core, never an action or the cli.',
      from: { path: KIT },
      to: { path: [ACTIONS, CLI] },
    },
    {
      name: 'actions-stand-alone',
      severity: 'error',
      comment: 'An action imports core and kit, never another action (or the cli).',
      from: { path: '^actions/([^/]+)/src/' },
      to: { path: [ACTIONS, CLI], pathNot: '^actions/$1/' },
    },
    {
      name: 'cli-imports-no-action',
      severity: 'error',
      comment: 'The cli runs on core and kit; an action is not a library.',
      from: { path: CLI },
      to: { path: ACTIONS },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import the checker cannot resolve is an import it cannot check.',
      from: { path: SOURCES },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '^(packages|actions)/[^/]+/(dist|lib)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    preserveSymlinks: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'node', 'default'],
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types'],
    },
    skipAnalysisNotInRules: true,
  },
};
