export * from './baseline/index.js';
