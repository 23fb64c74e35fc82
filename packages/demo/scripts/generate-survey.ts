// Generates the demo employee survey (SYNTHETIC: every answer is invented by a seeded generator):
//   pnpm --filter @malkoll/demo exec tsx scripts/generate-survey.ts
// One row per respondent, as survey tools export it: förvaltning, year and the nine HME questions on a
// 1–5 scale ("Vet ej" and blanks are no answer). The förvaltningar are those of a municipality like
// Mjölby in 2016 (seed 002 names kommunstyrelseförvaltningen and utbildningsförvaltningen); the small
// Överförmyndarkontoret has fewer than five respondents, so the demo shows "för få svar".
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let state = 20161015;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const units: [name: string, respondents: number, level: number][] = [
  ['Kommunstyrelseförvaltningen', 64, 4.05],
  ['Utbildningsförvaltningen', 212, 3.85],
  ['Socialförvaltningen', 188, 3.6],
  ['Kultur- och fritidsförvaltningen', 41, 4.1],
  ['Samhällsbyggnadsförvaltningen', 57, 3.75],
  ['Överförmyndarkontoret', 3, 3.9],
];

function answer(level: number, question: number): string {
  const r = random();
  if (r < 0.02) return 'Vet ej';
  if (r < 0.03) return '';
  // Leadership questions (4–6) spread more than the others.
  const spread = question >= 4 && question <= 6 ? 1.1 : 0.8;
  const x = level + (random() + random() + random() - 1.5) * spread * 1.4;
  return String(Math.min(5, Math.max(1, Math.round(x))));
}

const lines = ['Förvaltning;År;HME1;HME2;HME3;HME4;HME5;HME6;HME7;HME8;HME9'];
for (const [name, n, level] of units) {
  for (let i = 0; i < n; i++) {
    const own = level + (random() - 0.5) * 0.8;
    lines.push([name, '2016', ...Array.from({ length: 9 }, (_, q) => answer(own, q + 1))].join(';'));
  }
}
writeFileSync(
  fileURLToPath(new URL('../inbox/mjolby/medarbetarenkat-2016.csv', import.meta.url)),
  `${lines.join('\r\n')}\r\n`,
);
console.log(`${lines.length - 1} respondents`);
