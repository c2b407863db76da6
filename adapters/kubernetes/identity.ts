// Who holds a release Lease: `<user>@<host>/<pid>`, the way a second instance names the first.

import { hostname, userInfo } from 'node:os';

export function driverIdentity(user?: string): string {
  let name = user;
  if (!name) {
    try {
      name = userInfo().username;
    } catch {
      name = process.env.USER ?? 'unknown';
    }
  }
  return `${name}@${hostname()}/${process.pid}`;
}
