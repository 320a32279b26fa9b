import { escapeLog } from '@floodgate/core';
import * as core from './commands.js';

/**
 * What an action says to the runner. Actions take this instead of importing @actions/core, so
 * tests pass a recording fake. Messages are trusted text; untrusted parts go through escapeLog.
 */
export interface ActionIO {
  info(message: string): void;
  notice(message: string, properties?: core.AnnotationProperties): void;
  warning(message: string, properties?: core.AnnotationProperties): void;
  error(message: string, properties?: core.AnnotationProperties): void;
  debug(message: string): void;
  setOutput(name: string, value: string): void;
  /** appends Markdown to the job summary */
  summary(markdown: string): Promise<void>;
}

export function coreIO(): ActionIO {
  return {
    info: (message) => core.info(message),
    notice: (message, properties) => core.notice(message, properties ?? {}),
    warning: (message, properties) => core.warning(message, properties ?? {}),
    error: (message, properties) => core.error(message, properties ?? {}),
    debug: (message) => core.debug(message),
    setOutput: (name, value) => core.setOutput(name, value),
    summary: async (markdown) => {
      if (!process.env.GITHUB_STEP_SUMMARY) {
        core.info(markdown.split('\n').map(escapeLog).join('\n'));
        return;
      }
      await core.appendSummary(markdown);
    },
  };
}
