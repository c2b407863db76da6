import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { operatorName, userDataDir } from '../../main/paths';

describe('userDataDir', () => {
  it('uses ~/.local/share/switchyard on Linux', () => {
    expect(userDataDir({ env: {}, platform: 'linux', home: '/home/ada' })).toBe('/home/ada/.local/share/switchyard');
  });

  it('honours an absolute XDG_DATA_HOME and ignores a relative one', () => {
    expect(userDataDir({ env: { XDG_DATA_HOME: '/data/xdg' }, platform: 'linux', home: '/home/ada' })).toBe('/data/xdg/switchyard');
    expect(userDataDir({ env: { XDG_DATA_HOME: 'rel/xdg' }, platform: 'linux', home: '/home/ada' })).toBe('/home/ada/.local/share/switchyard');
  });

  it('uses Application Support on macOS and APPDATA on Windows', () => {
    expect(userDataDir({ env: {}, platform: 'darwin', home: '/Users/ada' })).toBe('/Users/ada/Library/Application Support/Switchyard');
    expect(userDataDir({ env: { APPDATA: 'C:/Users/ada/AppData/Roaming' }, platform: 'win32', home: 'C:/Users/ada' })).toBe(
      join('C:/Users/ada/AppData/Roaming', 'Switchyard'),
    );
    expect(userDataDir({ env: {}, platform: 'win32', home: '/home/ada' })).toBe(join('/home/ada', 'AppData', 'Roaming', 'Switchyard'));
  });

  it('lets SWITCHYARD_DATA_DIR override every platform default', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(userDataDir({ env: { SWITCHYARD_DATA_DIR: '/tmp/sy-data', XDG_DATA_HOME: '/x' }, platform, home: '/h' })).toBe('/tmp/sy-data');
    }
  });
});

describe('operatorName', () => {
  it('prefers the --operator flag, trimmed', () => {
    expect(operatorName('  grace ')).toBe('grace');
  });

  it('refuses an empty or unprintable operator name', () => {
    expect(() => operatorName('   ')).toThrow(/--operator must be 1 to 100 printable characters/);
    expect(() => operatorName('ada\nbob')).toThrow(/printable/);
    expect(() => operatorName('x'.repeat(101))).toThrow(/printable/);
  });

  it('uses SWITCHYARD_OPERATOR when no flag is given', () => {
    expect(operatorName(undefined, { SWITCHYARD_OPERATOR: ' e2e-operator ' })).toBe('e2e-operator');
    expect(operatorName('grace', { SWITCHYARD_OPERATOR: 'e2e-operator' })).toBe('grace');
  });

  it('falls back to the OS user name', () => {
    const name = operatorName(undefined, {});
    expect(name.length).toBeGreaterThan(0);
    expect(name).toBe(operatorName(undefined, { USER: 'someone-else' }));
  });
});
