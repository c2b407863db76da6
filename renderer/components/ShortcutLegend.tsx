// The release view's keyboard shortcuts, as the action catalogue names them.

import { Fragment } from 'react';
import { ACTIONS, RELEASE_ACTIONS } from '../../app/release/actions';
import { parseShortcut } from '../domain/shortcuts';

function Keys({ shortcut }: { shortcut: string }) {
  const { key, shift } = parseShortcut(shortcut);
  return shift ? (
    <>
      <kbd>Shift</kbd>+<kbd>{key.toUpperCase()}</kbd>
    </>
  ) : (
    <kbd>{key}</kbd>
  );
}

export function ShortcutLegend() {
  const keyed = RELEASE_ACTIONS.flatMap((action) => {
    const { shortcut, label } = ACTIONS[action];
    return shortcut === null ? [] : [{ action, shortcut, label }];
  });
  return (
    <p className="shortcuts muted small" aria-hidden="true">
      {keyed.map(({ action, shortcut, label }) => (
        <Fragment key={action}>
          <Keys shortcut={shortcut} /> {label.toLowerCase()} ·{' '}
        </Fragment>
      ))}
      <kbd>j</kbd>/<kbd>k</kbd> next / previous service
    </p>
  );
}
