import { InvalidFileError } from '../errors.js';
import type { CoverageInput } from './input.js';
import { LineHitsBuilder } from './line-hits.js';
import type { CoverageReport } from './model.js';
import type { PathOptions } from './paths.js';
import { ReportBuilder } from './report-builder.js';
import { MAX_ARMS_PER_LINE } from './limits.js';
import { countAttribute, lineAttribute, requiredAttribute, streamXml } from './xml.js';

const CONDITION_COVERAGE = /\((\d{1,15})\/(\d{1,15})\)/;

interface ClassRecord {
  filename: string;
  lines: LineHitsBuilder;
  branches: Map<number, number[]>;
  functions: Map<string, number>;
}

/**
 * Cobertura XML (coverage.py, gcovr, istanbul/c8 `cobertura`, Cobertura itself). Totals follow the root's
 * `lines-covered/lines-valid` (coverage.py's `line-rate`): one entry per `<line>` of a class, hit when
 * `hits > 0`; the `<line>`s repeated under `<method>` only mark the method as entered. Branches come from
 * `condition-coverage="50% (1/2)"` (covered arms / arms). Relative filenames are taken from `<sources>`.
 */
export async function parseCobertura(
  input: CoverageInput,
  file: string,
  paths: PathOptions = {},
): Promise<CoverageReport> {
  const builder = new ReportBuilder('cobertura', 'lines', paths);
  const sources: string[] = [];
  let sourceText: string | undefined;
  let current: ClassRecord | undefined;
  let method: { key: string; hits: number; declared: boolean } | undefined;
  let root: string | undefined;

  await streamXml(input, file, (where) => ({
    open(name, attributes) {
      if (root === undefined) {
        root = name;
        if (name !== 'coverage')
          throw new InvalidFileError(where(), `expected a Cobertura <coverage> root, found <${name}>`);
        return;
      }
      switch (name) {
        case 'line': {
          if (!current) return;
          const number = lineAttribute(attributes, 'number', 'line', where);
          const hits = countAttribute(attributes, 'hits', 'line', where);
          if (method) {
            if (!method.declared) method.hits = Math.max(method.hits, hits);
            return;
          }
          current.lines.add(number, hits);
          const condition = attributes['condition-coverage'];
          if (attributes.branch === 'true' && condition !== undefined) {
            const match = CONDITION_COVERAGE.exec(condition);
            if (!match) {
              throw new InvalidFileError(
                where(),
                `expected condition-coverage like '50% (1/2)', found '${condition}'`,
              );
            }
            const covered = Number(match[1]);
            const total = Number(match[2]);
            if (covered > total)
              throw new InvalidFileError(where(), `expected covered <= total in '${condition}'`);
            if (total > MAX_ARMS_PER_LINE) {
              throw new InvalidFileError(
                where(),
                `expected at most ${MAX_ARMS_PER_LINE} branches on one line, found '${condition}'`,
              );
            }
            const arms = Array.from({ length: total }, (_, index) => (index < covered ? 1 : 0));
            // gcovr 8 lists a line once per function instance (templates), each with its own arms, and
            // counts them all: the arms of a repeated line are kept side by side.
            const existing = current.branches.get(number);
            current.branches.set(number, existing ? existing.concat(arms) : arms);
          }
          return;
        }
        case 'class':
          current = {
            filename: requiredAttribute(attributes, 'filename', 'class', where),
            lines: new LineHitsBuilder(),
            branches: new Map(),
            functions: new Map(),
          };
          return;
        case 'method': {
          if (!current) return;
          const hits = attributes.hits;
          method = {
            key: `${attributes.name ?? ''}${attributes.signature ?? ''}`,
            hits: hits === undefined ? 0 : countAttribute(attributes, 'hits', 'method', where),
            declared: hits !== undefined,
          };
          return;
        }
        case 'source':
          sourceText = '';
          return;
      }
    },
    text(text) {
      if (sourceText !== undefined) sourceText += text;
    },
    close(name) {
      switch (name) {
        case 'source':
          if (sourceText !== undefined && sourceText.trim() !== '') sources.push(sourceText.trim());
          sourceText = undefined;
          return;
        case 'method':
          if (current && method)
            current.functions.set(method.key, (current.functions.get(method.key) ?? 0) + method.hits);
          method = undefined;
          return;
        case 'class': {
          if (!current) return;
          const path = builder.resolveAmong(current.filename, sources);
          if (path !== undefined) {
            const lines = current.lines.build();
            const { entries, coveredEntries } = current.lines;
            builder.add({
              path,
              declared: {},
              lines,
              // A class listing lines more than once (gcovr 8, per function instance): gcovr's tally.
              ...(entries > lines.lines.length
                ? { tallied: { covered: coveredEntries, total: entries } }
                : {}),
              ...(current.branches.size > 0 ? { branches: current.branches } : {}),
              ...(current.functions.size > 0 ? { functions: current.functions } : {}),
            });
          }
          current = undefined;
          return;
        }
      }
    },
  }));
  return builder.build(file);
}
