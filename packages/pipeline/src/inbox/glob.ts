/**
 * Whether a file name matches a glob of the last path segment (`*` any run of characters, `?` one
 * character, everything else literal). Greedy with one remembered star, so the work is at most
 * name × pattern steps: a steward's pattern such as `*a*a*a*a*a*a*a*ab.csv` cannot make the scheduler's
 * inbox scan spin the way the equivalent regular expression backtracks.
 */
export function matchesGlob(name: string, pattern: string): boolean {
  let n = 0;
  let p = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (n < name.length) {
    const c = pattern[p];
    if (c === '*') {
      starAt = p++;
      resumeAt = n;
    } else if (c !== undefined && (c === '?' || c === name[n])) {
      n++;
      p++;
    } else if (starAt !== -1) {
      // Let the last star take one more character and try the rest of the pattern again.
      p = starAt + 1;
      n = ++resumeAt;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
