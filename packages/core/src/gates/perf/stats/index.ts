export * from './normal.js';
export * from './mann-whitney.js';
export * from './hodges-lehmann.js';
export * from './multiple-testing.js';
export * from './proportions.js';
export * from './exact-ties.js';
