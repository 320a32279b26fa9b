import type * as Core from '@actions/core';
import { escapeLog } from '@floodgate/core';
import * as commands from './commands.js';

type AnnotationProperties = commands.AnnotationProperties;

/**
 * What an action says to the runner. Actions take this instead of importing @actions/core, so
 * tests pass a recording fake. Messages are trusted text; untrusted parts go through escapeLog.
 */
export interface ActionIO {
  info(message: string): void;
  notice(message: string, properties?: AnnotationProperties): void;
  warning(message: string, properties?: AnnotationProperties): void;
  error(message: string, properties?: AnnotationProperties): void;
  debug(message: string): void;
  setOutput(name: string, value: string): void;
  /** appends Markdown to the job summary */
  summary(markdown: string): Promise<void>;
}

/** The IO of an action's entry: an ActionIO that can also fail the step (runAction's catch). */
export interface RunnerIO extends ActionIO {
  /** Fails the step with one error line (pinned to a file and line when given). */
  setFailed(message: string, properties?: AnnotationProperties): void;
}

/** The summary without GITHUB_STEP_SUMMARY (a local run): printed to the log instead. */
const printSummary = (info: (message: string) => void, markdown: string) =>
  info(markdown.split('\n').map(escapeLog).join('\n'));

/**
 * Writes the runner's commands itself (commands.ts), byte for byte as @actions/core does,
 * without loading @actions/core: the IO on a runner.
 */
export function commandIO(): RunnerIO {
  return {
    info: (message) => commands.info(message),
    notice: (message, properties) => commands.notice(message, properties ?? {}),
    warning: (message, properties) => commands.warning(message, properties ?? {}),
    error: (message, properties) => commands.error(message, properties ?? {}),
    debug: (message) => commands.debug(message),
    setOutput: (name, value) => commands.setOutput(name, value),
    summary: async (markdown) => {
      if (!process.env.GITHUB_STEP_SUMMARY) return printSummary(commands.info, markdown);
      await commands.appendSummary(markdown);
    },
    setFailed: (message, properties) => {
      commands.error(message, properties ?? {});
      process.exitCode = 1;
    },
  };
}

/** The part of @actions/core an action's IO uses (a module, or a stand-in for it). */
export type ActionsCore = Pick<
  typeof Core,
  'info' | 'notice' | 'warning' | 'error' | 'debug' | 'setOutput' | 'setFailed'
> & { summary: Pick<typeof Core.summary, 'addRaw'> };

/**
 * Everything through @actions/core, so whatever stands in for it sees the outputs, annotations,
 * summary and failure: GitHub's local runner (`@github/local-action`) stubs @actions/core and
 * prints what the action set.
 */
export function toolkitIO(core: ActionsCore): RunnerIO {
  return {
    info: (message) => core.info(message),
    notice: (message, properties) => core.notice(message, properties ?? {}),
    warning: (message, properties) => core.warning(message, properties ?? {}),
    error: (message, properties) => core.error(message, properties ?? {}),
    debug: (message) => core.debug(message),
    setOutput: (name, value) => core.setOutput(name, value),
    summary: async (markdown) => {
      if (!process.env.GITHUB_STEP_SUMMARY) return printSummary(core.info, markdown);
      await core.summary.addRaw(markdown, true).write();
    },
    // setFailed takes no position; the message of a file error names the file, line and column.
    setFailed: (message) => core.setFailed(message),
  };
}

/**
 * The IO of an action's entry. On a runner (every runner sets GITHUB_ACTIONS=true) it writes the
 * commands itself: @actions/core with its OIDC and HTTP clients is about 1 MB more to load at
 * every start. Anywhere else — `@github/local-action`, a developer's shell — it goes through
 * @actions/core, imported only then (ncc emits it as a chunk a runner never loads).
 */
export async function actionIO(env: NodeJS.ProcessEnv = process.env): Promise<RunnerIO> {
  if (env.GITHUB_ACTIONS === 'true') return commandIO();
  return toolkitIO(await import('@actions/core'));
}
