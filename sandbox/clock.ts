// The sandbox's second public entry: its world clock alone, which every host runs on (sandbox/index would load the world).

export { WorldClock, type WorldClockOptions } from './emulators/clock';
