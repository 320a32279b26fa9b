import { InvalidFileError } from '../../shared/errors.js';
import { isReopenable, type CoverageInput } from './input.js';
import { LineHitsBuilder } from './line-hits.js';
import type { CoverageReport } from './model.js';
import type { PathOptions } from './paths.js';
import { ReportBuilder } from './report-builder.js';
import { anonymousArms, ArmBudget, lineNumberProblem, MAX_ARMS_PER_LINE } from './limits.js';
import {
  countAttribute,
  lineAttribute,
  requiredAttribute,
  rootElement,
  streamXml,
  type XmlHandlers,
  type XmlOffset,
  type XmlWhere,
} from './xml.js';
import { scanXml, type ScanHandlers, type ScanPlace } from './xml-scan.js';

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
  // The byte scanner where the input can be read again: anything it leaves, or an error it cannot place
  // where saxes would, sends the whole report through saxes from the start.
  if (typeof input === 'string' || isReopenable(input)) {
    try {
      return await parseCoberturaWith('scanner', input, file, paths);
    } catch (error) {
      if (error instanceof InvalidFileError && error.position.file !== '') throw error;
      // read again below
    }
  }
  return parseCoberturaWith('saxes', input, file, paths);
}

/** One reader, without the fallback: what tests hold the scanner and saxes to the same answers with. */
export function parseCoberturaWith(
  reader: 'scanner' | 'saxes',
  input: CoverageInput,
  file: string,
  paths: PathOptions = {},
): Promise<CoverageReport> {
  return reader === 'scanner'
    ? collect(file, paths, (collector) => scanXml(input, (place) => collector.scanHandlers(file, place)))
    : collect(file, paths, (collector) =>
        streamXml(input, file, (where, offset) => collector.saxesHandlers(where, offset)),
      );
}

async function collect(
  file: string,
  paths: PathOptions,
  read: (collector: CoberturaCollector) => Promise<void>,
): Promise<CoverageReport> {
  const collector = new CoberturaCollector(paths);
  await read(collector);
  return collector.builder.build(file);
}

const NO_POSITION: XmlWhere = () => ({ file: '' });
const TEXT_IN: ReadonlySet<string> = new Set(['source']);

/** What a Cobertura report says, element by element, whichever parser reads it. */
class CoberturaCollector {
  readonly builder: ReportBuilder;
  private readonly sources: string[] = [];
  private sourceText: string | undefined;
  private current: ClassRecord | undefined;
  private method: { key: string; hits: number; declared: boolean } | undefined;
  private root: string | undefined;
  /**
   * where an error is raised: saxes' position, or on the fast path the same where it can tell, else none
   * (the report then goes through saxes)
   */
  private where: XmlWhere = NO_POSITION;
  /**
   * characters read, for the arm budget: saxes' position, or on the fast path the least it can be (so that
   * the fast path never passes a report saxes fails)
   */
  private offset: XmlOffset = () => 0;
  private readonly arms = new ArmBudget();

  constructor(paths: PathOptions) {
    this.builder = new ReportBuilder('cobertura', 'lines', paths);
  }

  saxesHandlers(where: XmlWhere, offset: XmlOffset): XmlHandlers {
    this.where = where;
    this.offset = offset;
    return {
      open: (name, attributes) => this.open(name, attributes),
      close: (name) => this.close(name),
      text: (text) => this.text(text),
    };
  }

  scanHandlers(file: string, place: ScanPlace): ScanHandlers {
    this.where = () => {
      const at = place.at();
      return at ? { file, ...at } : { file: '' };
    };
    // Bytes are UTF-16 code units where all are ASCII, and never more than three to one.
    this.offset = () => (place.ascii ? place.offset : Math.floor(place.offset / 3));
    return {
      open: (name, attributes) => this.open(name, attributes),
      close: (name) => this.close(name),
      text: (text) => this.text(text),
      textIn: TEXT_IN,
      line: (number, hits, branch, condition) => {
        if (!this.current) return;
        // A missing or out-of-range number: the error saxes' way of reading the <line> gives.
        if (number === -1 || hits === -1 || lineNumberProblem(number)) {
          const attributes: Record<string, string> = {};
          if (number !== -1) attributes.number = String(number);
          if (hits !== -1) attributes.hits = String(hits);
          lineAttribute(attributes, 'number', 'line', this.where);
          countAttribute(attributes, 'hits', 'line', this.where);
        }
        this.line(number, hits, branch, condition);
      },
    };
  }

  private line(
    number: number,
    hits: number,
    branch: string | undefined,
    condition: string | undefined,
  ): void {
    const current = this.current!;
    const where = this.where;
    if (this.method) {
      if (!this.method.declared) this.method.hits = Math.max(this.method.hits, hits);
      return;
    }
    current.lines.add(number, hits);
    if (branch === 'true' && condition !== undefined) {
      const match = CONDITION_COVERAGE.exec(condition);
      if (!match) {
        throw new InvalidFileError(
          where(),
          `expected condition-coverage like '50% (1/2)', found '${condition}'`,
        );
      }
      const covered = Number(match[1]);
      const total = Number(match[2]);
      if (covered > total) throw new InvalidFileError(where(), `expected covered <= total in '${condition}'`);
      if (total > MAX_ARMS_PER_LINE) {
        throw new InvalidFileError(
          where(),
          `expected at most ${MAX_ARMS_PER_LINE} branches on one line, found '${condition}'`,
        );
      }
      // gcovr 8 lists a line once per function instance (templates), each with its own arms, and
      // counts them all: the arms of a repeated line are kept side by side, up to the same limit.
      const existing = current.branches.get(number);
      if (existing && existing.length + total > MAX_ARMS_PER_LINE) {
        throw new InvalidFileError(
          where(),
          `expected at most ${MAX_ARMS_PER_LINE} branches on one line, found ${existing.length + total} on line ${number}, listed more than once`,
        );
      }
      const problem = this.arms.claim(total, this.offset());
      if (problem) throw new InvalidFileError(where(), problem);
      if (existing) {
        for (let index = 0; index < total; index++) existing.push(index < covered ? 1 : 0);
      } else current.branches.set(number, anonymousArms(covered, total));
    }
  }

  private open(name: string, attributes: Record<string, string>): void {
    const where = this.where;
    if (this.root === undefined) {
      this.root = rootElement(name, 'coverage', 'Cobertura', where);
      return;
    }
    switch (name) {
      case 'line':
        // saxes' <line>, and the fast path's generic way for a <line> with attributes it does not read.
        if (!this.current) return;
        this.line(
          lineAttribute(attributes, 'number', 'line', where),
          countAttribute(attributes, 'hits', 'line', where),
          attributes.branch,
          attributes['condition-coverage'],
        );
        return;
      case 'class':
        this.current = {
          filename: requiredAttribute(attributes, 'filename', 'class', where),
          lines: new LineHitsBuilder(),
          branches: new Map(),
          functions: new Map(),
        };
        return;
      case 'method': {
        if (!this.current) return;
        const hits = attributes.hits;
        this.method = {
          key: `${attributes.name ?? ''}${attributes.signature ?? ''}`,
          hits: hits === undefined ? 0 : countAttribute(attributes, 'hits', 'method', where),
          declared: hits !== undefined,
        };
        return;
      }
      case 'source':
        this.sourceText = '';
        return;
    }
  }

  private text(text: string): void {
    if (this.sourceText !== undefined) this.sourceText += text;
  }

  private close(name: string): void {
    switch (name) {
      case 'source':
        if (this.sourceText !== undefined && this.sourceText.trim() !== '')
          this.sources.push(this.sourceText.trim());
        this.sourceText = undefined;
        return;
      case 'method': {
        const { current, method } = this;
        if (current && method)
          current.functions.set(method.key, (current.functions.get(method.key) ?? 0) + method.hits);
        this.method = undefined;
        return;
      }
      case 'class': {
        const current = this.current;
        if (!current) return;
        const path = this.builder.resolveAmong(current.filename, this.sources);
        if (path !== undefined) {
          const lines = current.lines.build();
          const { entries, coveredEntries } = current.lines;
          this.builder.add({
            path,
            declared: {},
            lines,
            // A class listing lines more than once (gcovr 8, per function instance): gcovr's tally.
            ...(entries > lines.lines.length ? { tallied: { covered: coveredEntries, total: entries } } : {}),
            ...(current.branches.size > 0 ? { branches: current.branches } : {}),
            ...(current.functions.size > 0 ? { functions: current.functions } : {}),
          });
        }
        this.current = undefined;
        return;
      }
    }
  }
}
