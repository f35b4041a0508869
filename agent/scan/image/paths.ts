// Path rules for archive members: leading "/" and "./" are legitimate in tars, escaping the root is not.
import { ImageInputError } from './types';

/** Anything the fast path cannot take as is: NUL, empty, "." or ".." segments. */
const NEEDS_SPLIT = /\0|\/\/|(?:^|\/)\.\.?(?:\/|$)/;

/**
 * Normalise a tar member name to an absolute path inside the image ("./usr//bin/" → "/usr/bin").
 * Returns null when a ".." would climb above the root; callers refuse the archive then.
 */
export function normalizeMemberPath(name: string): string | null {
  // Nearly every member is already clean ("usr/bin/" style): only its edge slashes need handling.
  if (!NEEDS_SPLIT.test(name)) {
    const start = name.startsWith('/') ? 1 : 0;
    const end = name.length > start && name.endsWith('/') ? name.length - 1 : name.length;
    return '/' + name.slice(start, end);
  }
  if (name.includes('\0')) return null;
  const parts: string[] = [];
  for (const seg of name.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return null;
      parts.pop();
      continue;
    }
    parts.push(seg);
  }
  return '/' + parts.join('/');
}

/** Like normalizeMemberPath but throws an ImageInputError naming the input and the member. */
export function safeMemberPath(name: string, input: string): string {
  const p = normalizeMemberPath(name);
  if (p === null) throw new ImageInputError(`${input}: member "${name}" escapes the archive root`);
  return p;
}

/**
 * Whether a symlink at `linkPath` pointing at `target` leaves the root when resolved lexically.
 * Absolute targets resolve against the image root, so only relative ".." chains can escape.
 */
export function symlinkEscapes(linkPath: string, target: string): boolean {
  if (target.startsWith('/')) return normalizeMemberPath(target) === null;
  const dir = linkPath.split('/').slice(0, -1).join('/');
  return normalizeMemberPath(`${dir}/${target}`) === null;
}

/** True when `path` is `dir` itself or lies below it. */
export function isUnder(path: string, dir: string): boolean {
  if (dir === '/') return true;
  return path === dir || path.startsWith(dir + '/');
}
