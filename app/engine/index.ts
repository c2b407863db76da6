export { ReleaseEngine, type EngineDeps, type EngineRequest } from './engine';
export { clockTime, whereNow } from '../release/words';
export { remainingMs, trafficMethod, waitDuration } from '../release/steps';
