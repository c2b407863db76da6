// The renderer's origin in the Electron shell: app://switchyard.

export const APP_SCHEME = 'app';
export const APP_HOST = 'switchyard';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * True when `url` belongs to the app origin. Compares the parsed scheme and host (never a string prefix:
 * "app://switchyard.evil" must not pass); Node's URL reports origin "null" for custom schemes, so the parts are compared.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
