// The HAProxy runtime-API emulator: its state (backends, servers, counters, checks) and the text protocol over TCP or a unix socket.

export { HaproxyEmulator, type EmulatorAddress, type EmulatorListenOptions } from './emulator';
export { HaproxyState, type HaproxyStateOptions } from './state';
export type { BackendSpec } from './backend';
export type { AdminState, CheckOutcome, ServerSpec } from './server';
export { parseLine, CliSession } from './protocol';
