export * from './action/index.js';
export * from './github/index.js';
export * from './policy/index.js';
export * from './pr/index.js';
