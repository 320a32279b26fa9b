export * from './model.js';
export * from './policy.js';
export * from './verdict.js';
export * from './compare.js';
export { type MetricComparison, type ComparisonMethod } from './compare-metric.js';
export * from './summary.js';
export * from './parse/index.js';
export { directionOfUnit, kindOfUnit } from './units.js';
export * from './stats/index.js';
