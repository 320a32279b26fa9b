export * from './types.js';
export { dependencyChanges, type ChangedPath } from './changes.js';
export { lockfileEcosystem, manifestFormat } from './ecosystems.js';
export { changedLines, hunkLines, hunkSides, hunksByFile } from './hunks.js';
export { changedSections, sectionsOf } from './sections.js';
export { bumpKind, minimumVersion } from './versions.js';
