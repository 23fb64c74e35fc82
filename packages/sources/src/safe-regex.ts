import { type AST, RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';
import { getFirstConsumedChar } from 'regexp-ast-analysis';
import { analyse } from 'scslre';

/*
 * Regular expressions from definitions (`mapping.skip_rows[].matches`, `mapping.wide.columns`) run in the
 * worker and in the dashboard's preview, on text from the steward's file. JavaScript's engine
 * backtracks: `^(a+)+$` on 40 characters takes minutes and blocks the whole process (the 2026-12 probe
 * froze the worker and /health that way). So a pattern is analysed when the definition is validated,
 * before it ever runs, and refused when it can backtrack super-linearly; and the text a pattern is
 * tested against is cut to MAX_MATCHED_CHARS, which bounds what remains.
 *
 * Two checks, both on the regexpp parser ESLint uses:
 * 1. scslre (the engine behind eslint-plugin-regexp's no-super-linear-backtracking) finds quantifiers
 *    that trade characters with each other ("Trade", `a*a*b`) or with themselves ("Self", `(a+)+`),
 *    polynomial or exponential. Both are refused. "Move" reports (an unanchored `a+b` retried at every
 *    position: at most quadratic) are allowed: on 1 000 characters that is milliseconds.
 * 2. scslre does not see alternatives that match the same text inside a repetition (`^(a|a)*$`,
 *    `^(\d|\w)+$`, `(a|aa)+`: exponential all the same), so an alternation under a repeating quantifier
 *    whose alternatives can begin with the same character is refused as well (regexp-ast-analysis gives
 *    the first characters). That also refuses a few harmless patterns such as `(ab|ac)+`; a steward's
 *    skip rule or column pattern rarely repeats an alternation, and the message says what to rewrite.
 */

/** The text a definition's pattern is tested against: cells and header names are cut to this length. */
export const MAX_MATCHED_CHARS = 1_000;

/** Longer patterns are refused unanalysed: analysis time grows with the pattern, and no real rule is this long. */
export const MAX_PATTERN_CHARS = 500;

/**
 * Flags the analysis assumes: skip rules run with `iu`, wide columns with `u`; case-insensitivity only
 * adds ways to match, so what is safe with `iu` is safe with `u`.
 */
const FLAGS = 'iu';

interface Finding {
  part: string;
  exponential: boolean;
  character: string;
}

/**
 * Why `pattern` may not run on a steward's text (in English, like the schema's other messages; the
 * steward pages translate it), or null when it is safe. The pattern must already be a valid RegExp.
 */
export function backtrackingProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_CHARS) {
    return `Pattern too long to check for catastrophic backtracking: ${pattern.length} characters, at most ${MAX_PATTERN_CHARS}`;
  }
  const parser = new RegExpParser();
  const parsed = {
    pattern: parser.parsePattern(pattern, 0, pattern.length, { unicode: true }),
    flags: parser.parseFlags(FLAGS),
  };
  const finding = tradingQuantifier(parsed) ?? ambiguousRepetition(parsed);
  if (finding === null) return null;
  return (
    `Pattern may backtrack catastrophically: "${finding.part}" can take ` +
    `${finding.exponential ? 'exponential' : 'polynomial'} time on a long run of "${finding.character}"; ` +
    'rewrite it so no text can be matched in more than one way'
  );
}

/** Check 1: scslre's Trade and Self reports. */
function tradingQuantifier(parsed: { pattern: AST.Pattern; flags: AST.Flags }): Finding | null {
  const [report] = analyse(parsed, { maxReports: 1, reportTypes: { Move: false } }).reports;
  if (report === undefined || report.type === 'Move') return null;
  const part =
    report.type === 'Self' ? report.parentQuant.raw : `${report.startQuant.raw}…${report.endQuant.raw}`;
  return { part, exponential: report.exponential, character: report.character.pick };
}

/** The innermost quantifier around `node` that repeats (max ≥ 2), or null. */
function repeatingAncestor(node: AST.Node): AST.Quantifier | null {
  for (let at = node.parent; at !== null; at = at.parent) {
    if (at.type === 'Quantifier' && at.max >= 2) return at;
    if (at.type === 'Pattern') return null;
  }
  return null;
}

/** Check 2: an alternation inside a repetition whose alternatives can start alike. */
function ambiguousRepetition(parsed: { pattern: AST.Pattern; flags: AST.Flags }): Finding | null {
  let finding: Finding | null = null;
  const inspect = (group: AST.Group | AST.CapturingGroup) => {
    if (finding !== null || group.alternatives.length < 2) return;
    const repeat = repeatingAncestor(group);
    if (repeat === null) return;
    const firsts = group.alternatives.map((alt) => getFirstConsumedChar(alt, 'ltr', parsed.flags).char);
    firsts.forEach((a, i) => {
      for (const b of firsts.slice(i + 1)) {
        const first = finding === null ? a.intersect(b).ranges[0] : undefined;
        if (first === undefined) continue;
        finding = {
          part: repeat.raw,
          exponential: repeat.max === Number.POSITIVE_INFINITY,
          character: String.fromCodePoint(first.min),
        };
      }
    });
  };
  visitRegExpAST(parsed.pattern, { onGroupEnter: inspect, onCapturingGroupEnter: inspect });
  return finding;
}

/** A cell or header name as a definition's pattern sees it. */
export const boundedForMatch = (text: string): string =>
  text.length <= MAX_MATCHED_CHARS ? text : text.slice(0, MAX_MATCHED_CHARS);
