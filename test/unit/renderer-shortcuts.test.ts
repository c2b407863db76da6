import { describe, expect, it } from 'vitest';
import { ACTIONS, RELEASE_ACTIONS } from '../../app/release/actions';
import { parseShortcut, shortcutCommand } from '../../renderer/domain/shortcuts';

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

describe('shortcuts and the action catalogue', () => {
  it('answers every catalogue shortcut with its action, and no other key with an action', () => {
    for (const action of RELEASE_ACTIONS) {
      const shortcut = ACTIONS[action].shortcut;
      if (shortcut === null) continue;
      const { key: k, shift } = parseShortcut(shortcut);
      expect(shortcutCommand(key(shift ? k.toUpperCase() : k, { shiftKey: shift }), body)).toBe(action);
    }
    const keyed = RELEASE_ACTIONS.filter((a) => ACTIONS[a].shortcut !== null).length;
    const answered = [...'abcdefghijklmnopqrstuvwxyz'].flatMap((k) => [shortcutCommand(key(k), body), shortcutCommand(key(k.toUpperCase(), { shiftKey: true }), body)]);
    expect(answered.filter((c) => c !== null && c !== 'next-service' && c !== 'previous-service')).toHaveLength(keyed);
  });
});
