// Which stream messages deserve an OS notification; the rules live in app/gates/alerts.ts, shared with the browser banner.

export { AlertTracker, type Alert } from '../../app/gates/alerts';
