import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goModFiles, goModuleOf, type GoModule } from '@floodgate/core/coverage';

/**
 * Every Go module of the repository at `root` (go.mod at the root and below it, as goModFiles picks
 * them from `repoFiles`), for placing a coverprofile's import paths: coverage-gate and the cli's
 * `check --coverage` both read them here. A go.mod that cannot be read, or declares no module, is skipped.
 */
export function readGoModules(root: string, repoFiles: readonly string[] | undefined): GoModule[] {
  const modules: GoModule[] = [];
  for (const goMod of goModFiles(repoFiles)) {
    let text: string;
    try {
      text = readFileSync(join(root, goMod), 'utf8');
    } catch {
      continue;
    }
    const module = goModuleOf(goMod, text);
    if (module) modules.push(module);
  }
  return modules;
}
