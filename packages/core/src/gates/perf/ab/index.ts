export * from './order.js';
export * from './schedule.js';
export * from './confirm.js';
