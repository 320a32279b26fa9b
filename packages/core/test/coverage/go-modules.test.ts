import { describe, expect, it } from 'vitest';
import { goModFiles, goModuleOf, PathResolver } from '../../src/gates/coverage/index.js';

describe('the go.mod files a coverprofile can name modules of', () => {
  it('are the root go.mod and those below it, not vendored or test-data ones', () => {
    expect(
      goModFiles([
        'go.mod',
        'main.go',
        'services/api/go.mod',
        'services/api/go.sum',
        'vendor/example.com/dep/go.mod',
        'services/api/vendor/x/go.mod',
        'internal/testdata/fixture/go.mod',
        'tools/notgo.mod',
        'go.mod.bak',
      ]),
    ).toEqual(['go.mod', 'services/api/go.mod']);
  });

  it('are the root go.mod alone when the repository files are not known', () => {
    expect(goModFiles(undefined)).toEqual(['go.mod']);
    expect(goModFiles([])).toEqual([]);
  });
});

describe("a go.mod's module", () => {
  it('is its module path, placed at the folder of the go.mod', () => {
    expect(goModuleOf('go.mod', 'module example.com/root\n\ngo 1.22\n')).toEqual({
      path: 'example.com/root',
      dir: '',
    });
    expect(
      goModuleOf('services/api/go.mod', '// the API\nmodule  "example.com/api"  \nrequire x v1\n'),
    ).toEqual({
      path: 'example.com/api',
      dir: 'services/api',
    });
  });

  it('is none when the text declares no module', () => {
    expect(goModuleOf('go.mod', 'go 1.22\n')).toBeUndefined();
    expect(goModuleOf('go.mod', '// module example.com/commented\n')).toBeUndefined();
    expect(goModuleOf('go.mod', '')).toBeUndefined();
  });

  it('places import paths on its folder', () => {
    const goModules = [
      goModuleOf('go.mod', 'module example.com/root\n')!,
      goModuleOf('services/api/go.mod', 'module example.com/api\n')!,
    ];
    const resolver = new PathResolver({ goModules });
    expect(resolver.resolve('example.com/api/calc/calc.go')).toEqual({ path: 'services/api/calc/calc.go' });
    expect(resolver.resolve('example.com/root/main.go')).toEqual({ path: 'main.go' });
  });
});
