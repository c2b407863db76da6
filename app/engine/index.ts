export { ReleaseEngine, type EngineDeps, type EngineRequest } from './engine';
export { actionRefusal, startRefusal } from './transitions';
export { clockTime, whereNow } from './format';
export { remainingMs, trafficMethod, waitDuration } from './steps';
