// Browser mode's stand-in for OS notifications: a rule fired or a release waits for an operator. Dismissable.

import { useEffect, useState } from 'react';
import { AlertTracker, type Alert } from '../../app/gates/alerts';
import { useApi } from '../api-context';

interface Shown extends Alert {
  key: number;
}

export function AlertBanner() {
  const api = useApi();
  const [alerts, setAlerts] = useState<Shown[]>([]);
  useEffect(() => {
    // Electron shows OS notifications from main; the banner is for browser mode only.
    if (api.kind !== 'http') return;
    const tracker = new AlertTracker();
    let next = 0;
    return api.subscribe((message) => {
      const fresh = tracker.alertsFor(message).map((alert) => ({ ...alert, key: next++ }));
      if (fresh.length > 0) setAlerts((shown) => [...shown, ...fresh].slice(-5));
    });
  }, [api]);
  if (alerts.length === 0) return null;
  return (
    <div className="alert-banners">
      {alerts.map((alert) => (
        <div key={alert.key} className="banner banner--alert" role="alert">
          <strong>{alert.title}</strong> <span>{alert.body}</span>
          <button type="button" className="btn btn--small" aria-label={`Dismiss: ${alert.title}`} onClick={() => setAlerts((shown) => shown.filter((a) => a.key !== alert.key))}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
