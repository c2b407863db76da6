import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../main/electron/app-origin';

describe('the app:// origin check used for navigation and IPC', () => {
  it('accepts pages of app://switchyard', () => {
    expect(isAppUrl('app://switchyard/index.html')).toBe(true);
    expect(isAppUrl('app://switchyard/services/checkout?tab=journal#x')).toBe(true);
  });

  it('refuses look-alikes that a string prefix check would let through', () => {
    for (const url of [
      'app://switchyard.evil.example/index.html',
      'app://switchyardx/',
      'app://user@switchyard/',
      'https://switchyard/index.html',
      'http://127.0.0.1:3000/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});
