// Maps a request path to a file of the renderer build: no traversal, no dotfiles, SPA fallback to index.html.

import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { contentTypeFor } from './content-types';

export type StaticLookup =
  | { kind: 'file'; path: string; contentType: string; size: number }
  | { kind: 'bad-path'; message: string }
  | { kind: 'not-found' };

function pathSegments(rawPath: string): string[] | null {
  if (!rawPath.startsWith('/') || rawPath.includes('\\') || rawPath.includes('\0')) return null;
  const segments: string[] = [];
  for (const encoded of rawPath.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return null;
    }
    if (segment === '..' || segment.includes('/') || segment.includes('\\') || segment.includes('\0')) return null;
    if (segment !== '' && segment !== '.') segments.push(segment);
  }
  return segments;
}

function inside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

async function regularFile(root: string, filePath: string): Promise<{ path: string; size: number } | null> {
  try {
    const real = await realpath(filePath);
    if (!inside(await realpath(root), real)) return null;
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size } : null;
  } catch {
    return null;
  }
}

/** rawPath is the URL path as received (percent-encoded, not normalised). */
export async function lookupStatic(root: string, rawPath: string): Promise<StaticLookup> {
  const segments = pathSegments(rawPath);
  if (!segments) return { kind: 'bad-path', message: 'Bad path: ".." segments, backslashes and malformed escapes are not allowed.' };
  if (segments.some((s) => s.startsWith('.'))) return { kind: 'not-found' };

  const wantsIndex = segments.length === 0 || rawPath.endsWith('/');
  const candidate = wantsIndex ? join(root, ...segments, 'index.html') : join(root, ...segments);
  if (!inside(root, candidate)) return { kind: 'bad-path', message: 'Bad path: outside the renderer directory.' };

  const found = await regularFile(root, candidate);
  if (found) return { kind: 'file', ...found, contentType: contentTypeFor(found.path) };

  // Client-side routes (no file extension) get the app shell; missing assets stay 404.
  const last = segments[segments.length - 1] ?? '';
  if (!wantsIndex && extname(last) === '') {
    const shell = await regularFile(root, join(root, 'index.html'));
    if (shell) return { kind: 'file', ...shell, contentType: contentTypeFor(shell.path) };
  }
  return { kind: 'not-found' };
}
