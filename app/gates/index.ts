export * from './schemas';
export * from './checklist';
export * from './budget';
export * from './start-gate';
export * from './alerts';
