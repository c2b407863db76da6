// The last action's outcome: success in a polite status region, refusal or failure as an alert.

import { useUi } from '../state/ui-store';

export function ActionMessages() {
  const message = useUi((s) => s.message);
  return (
    <div className="action-messages">
      <p role="status" className="action-status">{message?.kind === 'status' ? message.text : ''}</p>
      {message?.kind === 'alert' ? (
        <p role="alert" className="action-alert">
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
