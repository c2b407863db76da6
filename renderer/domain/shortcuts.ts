// Keyboard shortcuts of the release view: the action catalogue's keys (s, p, r, Shift+P, Shift+R), and j / k to move.

import { ACTIONS, RELEASE_ACTIONS } from '../../app/release/actions';
import type { ReleaseAction } from './action-offer';

export type ShortcutCommand = ReleaseAction | 'next-service' | 'previous-service';

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat?: boolean;
}

export interface TargetLike {
  tagName?: string;
  isContentEditable?: boolean;
}

/** A catalogue shortcut as aria-keyshortcuts writes it ("s", "Shift+P"), split into its key and whether Shift is held. */
export function parseShortcut(shortcut: string): { key: string; shift: boolean } {
  const shift = shortcut.startsWith('Shift+');
  return { key: (shift ? shortcut.slice('Shift+'.length) : shortcut).toLowerCase(), shift };
}

const BY_KEY = new Map<string, ReleaseAction>();
for (const action of RELEASE_ACTIONS) {
  const shortcut = ACTIONS[action].shortcut;
  if (shortcut === null) continue;
  const { key, shift } = parseShortcut(shortcut);
  BY_KEY.set(`${shift ? 'shift+' : ''}${key}`, action);
}

const MOVES: Record<string, ShortcutCommand> = { j: 'next-service', k: 'previous-service' };

export function isTyping(target: TargetLike | null): boolean {
  if (target === null) return false;
  const tag = target.tagName?.toUpperCase();
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable === true;
}

/** Promote and rollback need Shift explicitly, so Caps Lock alone never triggers them. */
export function shortcutCommand(event: KeyLike, target: TargetLike | null): ShortcutCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || isTyping(target)) return null;
  const key = event.key.toLowerCase();
  if (event.shiftKey) return BY_KEY.get(`shift+${key}`) ?? null;
  return BY_KEY.get(key) ?? MOVES[key] ?? null;
}
