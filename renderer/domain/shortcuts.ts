// Keyboard shortcuts of the release view: s step, p pause, r resume, Shift+P promote, Shift+R rollback.

import type { ActionName } from '../../app/api';

export type ShortcutCommand = Exclude<ActionName, 'start'> | 'next-service' | 'previous-service';

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

export function isTyping(target: TargetLike | null): boolean {
  if (target === null) return false;
  const tag = target.tagName?.toUpperCase();
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable === true;
}

/** Promote and rollback need Shift explicitly, so Caps Lock alone never triggers them. */
export function shortcutCommand(event: KeyLike, target: TargetLike | null): ShortcutCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || isTyping(target)) return null;
  const key = event.key.toLowerCase();
  if (event.shiftKey) {
    if (key === 'p') return 'promote';
    if (key === 'r') return 'rollback';
    return null;
  }
  switch (key) {
    case 's':
      return 'step';
    case 'p':
      return 'pause';
    case 'r':
      return 'resume';
    case 'j':
      return 'next-service';
    case 'k':
      return 'previous-service';
    default:
      return null;
  }
}
