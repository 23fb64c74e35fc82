#!/usr/bin/env node
// `pnpm audit --prod`, judged: fails on any high or critical advisory in a production dependency.
// When the registry's audit service does not answer (some mirrors and proxies refuse it), the audit did
// not run: that is said plainly and, unless MALKOLL_AUDIT=required, does not fail the build, since no
// change of ours can fix it. Part of `pnpm test`.
import { spawnSync } from 'node:child_process';

const BLOCKING = ['high', 'critical'];

/** Reads `pnpm audit --json` output: { ok, lines } where lines say what was found or why nothing ran. */
export function judge(output) {
  let report;
  try {
    report = JSON.parse(output);
  } catch {
    return { ran: false, ok: false, lines: [`pnpm audit gave no JSON: ${output.slice(0, 300)}`] };
  }
  if (report.error) {
    const reason = String(report.error.message ?? report.error.code).replace(/\(at [^)]*\)/g, '');
    return { ran: false, ok: true, lines: [`Dependency audit NOT run: ${report.error.code}: ${reason}`] };
  }
  const counts = report.metadata?.vulnerabilities ?? {};
  const found = Object.values(report.advisories ?? {}).filter((a) => BLOCKING.includes(a.severity));
  const lines = [
    `Dependency audit (production): ${['critical', 'high', 'moderate', 'low']
      .map((s) => `${counts[s] ?? 0} ${s}`)
      .join(', ')}`,
    ...found.map(
      (a) =>
        `  ${a.severity}: ${a.module_name} ${a.vulnerable_versions}: ${a.title} (${a.url}); via ${a.findings
          ?.flatMap((f) => f.paths ?? [])
          .slice(0, 3)
          .join(', ')}`,
    ),
  ];
  return { ran: true, ok: found.length === 0, lines };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const run = spawnSync('pnpm', ['audit', '--prod', '--json'], { encoding: 'utf8', timeout: 120_000 });
  const verdict = judge(run.stdout || run.stderr || '');
  for (const line of verdict.lines) console.log(line);
  const required = process.env.MALKOLL_AUDIT === 'required';
  process.exit(verdict.ok && (verdict.ran || !required) ? 0 : 1);
}
