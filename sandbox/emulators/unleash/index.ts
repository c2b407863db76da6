// The emulated Unleash: its Admin API server and the flag state the sandbox world reads.

export { UnleashEmulator, type UnleashEmulatorOptions } from './server';
export { UnleashFault, UnleashState, type EmulatedEnvironment, type EmulatedEvent, type EmulatedFeature, type EmulatedStrategy } from './state';
