/** A `::name key=value,...::message` line the runner would act on, as it parses it. */
export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
  /** 1-based line of stdout it came from. */
  line: number;
}

export type AnnotationLevel = 'error' | 'warning' | 'notice';
export interface Annotation {
  level: AnnotationLevel;
  message: string;
  title?: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

/**
 * Parses workflow commands from a step's stdout the way the runner does (ActionCommand.TryParseV2),
 * honouring ::stop-commands::<token> ... ::<token>::.
 */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  let stopToken: string | undefined;
  stdout.split(/\r?\n/).forEach((raw, index) => {
    const text = raw.trim();
    if (!text.startsWith('::')) return;
    const end = text.indexOf('::', 2);
    if (end < 0) return;
    const info = text.slice(2, end);
    const message = text.slice(end + 2);
    if (stopToken !== undefined) {
      if (info === stopToken) stopToken = undefined;
      return;
    }
    const space = info.indexOf(' ');
    const command = space < 0 ? info : info.slice(0, space);
    const properties: Record<string, string> = {};
    if (space >= 0) {
      for (const pair of info.slice(space + 1).split(',')) {
        const eq = pair.indexOf('=');
        if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
      }
    }
    if (command === 'stop-commands') {
      stopToken = message;
      return;
    }
    commands.push({ command, properties, message: unescapeData(message), line: index + 1 });
  });
  return commands;
}

export function annotationsOf(commands: WorkflowCommand[]): Annotation[] {
  const numberOf = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  return commands
    .filter((c): c is WorkflowCommand & { command: AnnotationLevel } =>
      ['error', 'warning', 'notice'].includes(c.command),
    )
    .map((c) => {
      const annotation: Annotation = { level: c.command, message: c.message };
      const p = c.properties;
      if (p.title !== undefined) annotation.title = p.title;
      if (p.file !== undefined) annotation.file = p.file;
      const line = numberOf(p.line);
      const endLine = numberOf(p.endLine);
      const col = numberOf(p.col);
      const endColumn = numberOf(p.endColumn);
      if (line !== undefined) annotation.line = line;
      if (endLine !== undefined) annotation.endLine = endLine;
      if (col !== undefined) annotation.col = col;
      if (endColumn !== undefined) annotation.endColumn = endColumn;
      return annotation;
    });
}
