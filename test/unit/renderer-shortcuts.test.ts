import { describe, expect, it } from 'vitest';
import { shortcutCommand } from '../../renderer/domain/shortcuts';

const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods,
});
const body = { tagName: 'BODY' };

describe('keyboard shortcuts', () => {
  it('maps s, p, r, Shift+P and Shift+R to the operator actions', () => {
    expect(shortcutCommand(key('s'), body)).toBe('step');
    expect(shortcutCommand(key('p'), body)).toBe('pause');
    expect(shortcutCommand(key('r'), body)).toBe('resume');
    expect(shortcutCommand(key('P', { shiftKey: true }), body)).toBe('promote');
    expect(shortcutCommand(key('R', { shiftKey: true }), body)).toBe('rollback');
  });

  it('never promotes or rolls back on Caps Lock alone', () => {
    expect(shortcutCommand(key('P'), body)).toBe('pause');
    expect(shortcutCommand(key('R'), body)).toBe('resume');
  });

  it('ignores keys while typing and with Ctrl, Cmd or Alt held', () => {
    expect(shortcutCommand(key('s'), { tagName: 'TEXTAREA' })).toBeNull();
    expect(shortcutCommand(key('p'), { tagName: 'input' })).toBeNull();
    expect(shortcutCommand(key('r'), { tagName: 'DIV', isContentEditable: true })).toBeNull();
    expect(shortcutCommand(key('r', { ctrlKey: true }), body)).toBeNull();
    expect(shortcutCommand(key('s', { metaKey: true }), body)).toBeNull();
    expect(shortcutCommand({ ...key('s'), repeat: true }, body)).toBeNull();
  });
});
