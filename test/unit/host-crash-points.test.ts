// SWITCHYARD_CRASH_AT, the fault suite's crash hook: nothing without it; a named point, action and count with it.
import { describe, expect, it } from 'vitest';
import { crashPoints, parseCrashSpec } from '../../main/host/crash-points';

describe('SWITCHYARD_CRASH_AT', () => {
  it('changes nothing when unset or empty', () => {
    expect(crashPoints({})).toBeUndefined();
    expect(crashPoints({ SWITCHYARD_CRASH_AT: ' ' })).toBeUndefined();
  });

  it('reads a point, optionally an action (or *) and the nth time', () => {
    expect(parseCrashSpec('after-commit')).toEqual({ point: 'after-commit', action: null, nth: 1 });
    expect(parseCrashSpec('before-platform:rollback')).toEqual({ point: 'before-platform', action: 'rollback', nth: 1 });
    expect(parseCrashSpec('after-commit:start:2')).toEqual({ point: 'after-commit', action: 'start', nth: 2 });
    expect(parseCrashSpec('*:step:3')).toEqual({ point: null, action: 'step', nth: 3 });
    expect(parseCrashSpec('before-close:*:4')).toEqual({ point: 'before-close', action: null, nth: 4 });
  });

  it('refuses a point it does not know or a count that is not a whole number from 1, so a typo never passes silently', () => {
    expect(() => parseCrashSpec('after-comit')).toThrow(/SWITCHYARD_CRASH_AT="after-comit": the point must be one of after-intent, after-commit, before-platform, after-platform, before-close or \*/);
    expect(() => parseCrashSpec('after-commit:step:0')).toThrow(/whole number from 1/);
    expect(() => parseCrashSpec('after-commit:step:x')).toThrow(/whole number from 1/);
  });
});
