import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const actionsDir = fileURLToPath(new URL('../actions/', import.meta.url));
const actions = readdirSync(actionsDir).filter((name) => {
  try {
    readFileSync(`${actionsDir}${name}/action.yml`);
    return true;
  } catch {
    return false;
  }
});

interface ActionMetadata {
  name: string;
  description: string;
  inputs?: Record<string, { description?: string; default?: string; required?: boolean }>;
  outputs?: Record<string, { description?: string }>;
  runs: { using: string; main: string };
}

async function actionParseErrors(content: string): Promise<string[]> {
  const { parseAction } = await import('@actions/workflow-parser/actions/index');
  const { NoOperationTraceWriter } = await import('@actions/workflow-parser');
  const result = parseAction({ name: 'action.yml', content }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((error) => error.message);
}

it('the action parser does reject a broken action.yml (so the checks below can fail)', async () => {
  const errors = await actionParseErrors(
    'name: x\ndescription: y\nrunz:\n  using: node24\n  main: dist/index.js\n',
  );
  expect(errors.length).toBeGreaterThan(0);
});

describe.each(actions)('actions/%s/action.yml', (name) => {
  const text = readFileSync(`${actionsDir}${name}/action.yml`, 'utf8');

  it("parses with GitHub's own action parser without errors", async () => {
    expect(await actionParseErrors(text)).toEqual([]);
  });

  it('describes every input and output, uses kebab-case, runs on node24 from dist/', () => {
    const metadata = parse(text) as ActionMetadata;
    expect(metadata.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    for (const [input, spec] of Object.entries(metadata.inputs ?? {})) {
      expect(input, 'kebab-case input').toMatch(/^[a-z][a-z0-9-]*$/);
      expect(spec.description, `input ${input} is described`).toBeTruthy();
    }
    for (const [output, spec] of Object.entries(metadata.outputs ?? {})) {
      expect(output).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(spec.description, `output ${output} is described`).toBeTruthy();
    }
    if (metadata.inputs?.token) expect(metadata.inputs.token.default).toBe('${{ github.token }}');
  });
});
