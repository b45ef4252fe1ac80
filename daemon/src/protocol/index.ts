export * from './action.js';
export * from './decision.js';
export * from './receipt.js';
export * from './messages.js';
export * from './effects.js';
export * from './session.js';
export * from './result.js';
export * from './state-layout.js';
