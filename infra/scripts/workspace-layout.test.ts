import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

// The layout rules of ARCHITECTURE.md, checked on every `pnpm test`: apps only wire (no app depends on
// another app, by package.json or by a relative import), every internal import is a declared dependency
// and every declared one is used, and the dependency list in ARCHITECTURE.md is the real one.

const root = fileURLToPath(new URL('../..', import.meta.url));
const scope = '@malkoll/';

interface Workspace {
  dir: string;
  name: string;
  kind: 'app' | 'package';
  dependencies: string[];
  devDependencies: string[];
}

function readWorkspaces(): Workspace[] {
  return (['apps', 'packages'] as const).flatMap((group) =>
    readdirSync(path.join(root, group))
      .filter((d) => statSync(path.join(root, group, d, 'package.json'), { throwIfNoEntry: false }))
      .map((d) => {
        const json = JSON.parse(readFileSync(path.join(root, group, d, 'package.json'), 'utf8'));
        const internal = (deps: Record<string, string> | undefined) =>
          Object.keys(deps ?? {}).filter((n) => n.startsWith(scope));
        return {
          dir: `${group}/${d}`,
          name: json.name as string,
          kind: group === 'apps' ? 'app' : 'package',
          dependencies: internal(json.dependencies),
          devDependencies: [
            ...internal(json.devDependencies),
            ...internal(json.peerDependencies),
            ...internal(json.optionalDependencies),
          ],
        } satisfies Workspace;
      }),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

/** Every module specifier a file imports or re-exports, statically or with import(). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) found.push(m[1] as string);
  return found;
}

const workspaces = readWorkspaces();
const apps = workspaces.filter((w) => w.kind === 'app');
const byName = new Map(workspaces.map((w) => [w.name, w]));

describe('apps only wire', () => {
  test('no app or package names an app in its package.json', () => {
    const appNames = new Set(apps.map((a) => a.name));
    const offending = workspaces.flatMap((w) =>
      [...w.dependencies, ...w.devDependencies].filter((d) => appNames.has(d)).map((d) => `${w.dir} → ${d}`),
    );
    expect(offending).toEqual([]);
  });

  test("no file reaches into another app's folder by a relative import", () => {
    const offending: string[] = [];
    for (const w of workspaces) {
      for (const file of sourceFiles(path.join(root, w.dir))) {
        for (const spec of specifiers(file)) {
          if (!spec.startsWith('.')) continue;
          const target = path.relative(root, path.resolve(path.dirname(file), spec));
          const app = apps.find((a) => target.startsWith(`${a.dir}/`));
          if (app && app.dir !== w.dir) offending.push(`${path.relative(root, file)} imports ${spec}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });
});

describe('declared dependencies are the imported ones', () => {
  test.each(workspaces.map((w) => [w.dir, w] as const))('%s', (_dir, w) => {
    const imported = new Set<string>();
    for (const file of sourceFiles(path.join(root, w.dir))) {
      for (const spec of specifiers(file)) {
        const name = spec.split('/').slice(0, 2).join('/');
        if (spec.startsWith(scope) && name !== w.name) imported.add(name);
      }
    }
    const declared = [...w.dependencies, ...w.devDependencies];
    expect([...imported].filter((n) => !declared.includes(n)).sort(), 'imported but not declared').toEqual(
      [],
    );
    expect(declared.filter((n) => !imported.has(n)).sort(), 'declared but never imported').toEqual([]);
    for (const n of imported) expect(byName.has(n), `${n} is a workspace package`).toBe(true);
  });
});

test('the dependency list in ARCHITECTURE.md is the one in the package.json files', () => {
  const text = readFileSync(path.join(root, 'ARCHITECTURE.md'), 'utf8');
  const block = text.match(/<!-- dependencies -->\n```\n([\s\S]*?)```/)?.[1];
  expect(block, 'ARCHITECTURE.md has a ```…``` block after <!-- dependencies -->').toBeDefined();
  const documented = Object.fromEntries(
    (block ?? '')
      .trim()
      .split('\n')
      .map((line) => {
        const [dir, deps] = line.split('→').map((s) => s.trim());
        return [
          dir,
          deps
            ? deps
                .split(',')
                .map((d) => d.trim())
                .filter(Boolean)
                .sort()
            : [],
        ];
      }),
  );
  const actual = Object.fromEntries(
    workspaces.map((w) => [w.dir, w.dependencies.map((d) => d.slice(scope.length)).sort()]),
  );
  expect(documented).toEqual(actual);
});

test('ARCHITECTURE.md names every warehouse table', () => {
  const text = readFileSync(path.join(root, 'ARCHITECTURE.md'), 'utf8');
  const generated = readFileSync(path.join(root, 'packages/warehouse/src/db.generated.ts'), 'utf8');
  const tables = [...generated.matchAll(/^ {2}"(\w+)\.(\w+)": \w+;$/gm)].map((m) => [m[1], m[2]] as const);
  expect(tables.length).toBeGreaterThan(20);
  const rows = new Map(
    [...text.matchAll(/^\| `(\w+)` +\|(.*)\|$/gm)].map((m) => [m[1] as string, m[2] as string]),
  );
  const missing = tables.filter(([schema, table]) => !rows.get(schema)?.includes(`\`${table}\``));
  expect(missing.map(([schema, table]) => `${schema}.${table}`)).toEqual([]);
});

test('every repository path the docs name in backticks exists', () => {
  const docs = [
    'README.md',
    'ARCHITECTURE.md',
    ...readdirSync(path.join(root, 'docs')).map((f) => `docs/${f}`),
    ...workspaces.map((w) => `${w.dir}/README.md`),
  ].filter((f) => f.endsWith('.md') && statSync(path.join(root, f), { throwIfNoEntry: false }));
  const missing: string[] = [];
  for (const doc of docs) {
    const text = readFileSync(path.join(root, doc), 'utf8');
    for (const m of text.matchAll(/`((?:apps|packages|infra|docs)\/[\w./-]+?)(?::\d+)?`/g)) {
      const target = (m[1] as string).replace(/\/$/, '');
      if (target.includes('*')) continue;
      if (!statSync(path.join(root, target), { throwIfNoEntry: false })) missing.push(`${doc}: ${target}`);
    }
  }
  // An app's or package's README names its own files relative to its folder.
  for (const w of workspaces) {
    const readme = path.join(root, w.dir, 'README.md');
    if (!statSync(readme, { throwIfNoEntry: false })) continue;
    for (const m of readFileSync(readme, 'utf8').matchAll(/`((?:src|test|bench|scripts)\/[\w./-]+?)`/g)) {
      const target = (m[1] as string).replace(/\/$/, '');
      if (!statSync(path.join(root, w.dir, target), { throwIfNoEntry: false })) {
        missing.push(`${w.dir}/README.md: ${target}`);
      }
    }
  }
  expect(missing).toEqual([]);
});
