export * from './order.js';
export * from './schedule.js';
