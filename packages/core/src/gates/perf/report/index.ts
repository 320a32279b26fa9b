export * from './context.js';
export { orderMetrics } from './order.js';
export * from './markdown.js';
export * from './chart.js';
export * from './json.js';
export * from './status.js';
