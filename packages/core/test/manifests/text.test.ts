import { describe, expect, it } from 'vitest';
import { changedLines, changedSections, hunkSides, sectionsOf } from '../../src/shared/manifests/index.js';
import { tomlEntries } from '../../src/shared/manifests/toml.js';

describe('the text helpers the checks are built on', () => {
  it('changedLines is a multiset difference: moved lines are not changes, duplicates count', () => {
    expect(changedLines('a\nb\nb\nc', 'c\nb\na\nd\n  d  ')).toEqual({ added: ['d', 'd'], removed: ['b'] });
  });

  it('hunkSides splits a hunk into the old and new fragments', () => {
    const sides = hunkSides(['@@ -1,3 +1,3 @@', ' keep', '-old', '+new', '\\ No newline at end of file']);
    expect(sides).toEqual({ base: '\nkeep\nold', head: '\nkeep\nnew', added: ['new'], removed: ['old'] });
  });

  it('sectionsOf groups lines under INI/TOML headers, comments and blank lines aside', () => {
    const text =
      'top = 1\n[tool.coverage.run]\n# note\nsource = ["src"]\n\n[ tool . coverage . report ]\nfail_under = 90\n[[bin]]\nname = "a"\n[[bin]]\nname = "b"\n';
    expect([...sectionsOf(text)]).toEqual([
      ['', ['top = 1']],
      ['tool.coverage.run', ['source = ["src"]']],
      ['tool.coverage.report', ['fail_under = 90']],
      ['bin', ['name = "a"', 'name = "b"']],
    ]);
    expect(changedSections(text, text.replace('90', '0'), /^tool\.coverage/)).toEqual([
      'tool.coverage.report',
    ]);
  });

  it('tomlEntries reads multi-line arrays, inline tables, and # inside strings', () => {
    const entries = tomlEntries(
      '[project]\ndependencies = [\n  "requests[socks]>=2.31", # http\n  "click>=8",\n]\nurl = "https://x.test/#frag" # comment\n[deps]\nserde = { version = "1.0", features = ["derive"] }\n',
    );
    expect(entries).toEqual([
      {
        section: 'project',
        key: 'dependencies',
        value: '[ "requests[socks]>=2.31", "click>=8", ]',
        strings: ['requests[socks]>=2.31', 'click>=8'],
      },
      { section: 'project', key: 'url', value: '"https://x.test/#frag"', strings: ['https://x.test/#frag'] },
      {
        section: 'deps',
        key: 'serde',
        value: '{ version = "1.0", features = ["derive"] }',
        strings: [],
        version: '1.0',
      },
    ]);
  });
});
