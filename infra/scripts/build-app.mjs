// Builds an app to plain JavaScript for `node`: `node ../../infra/scripts/build-app.mjs src/main.ts`, run from
// the app's folder (its `build` script). One ES module in the app's dist/, with the workspace packages
// (@malkoll/*, which export TypeScript source) bundled in and every other package left as an import that
// Node resolves from the app's own node_modules at run time. Such a package must therefore be one of the
// app's `dependencies`; the build fails naming any that is not, instead of a production start failing later.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const builtins = new Set(builtinModules);

/** `@scope/name/deep` → `@scope/name`; `name/deep` → `name`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Leaves npm packages external and checks that the app declares each one. */
function externalDependencies(appDir) {
  const manifest = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8'));
  const declared = new Set(Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }));
  return {
    name: 'external-dependencies',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        const spec = args.path;
        if (spec.startsWith('node:') || builtins.has(spec)) return { path: spec, external: true };
        const name = packageName(spec);
        if (name.startsWith('@malkoll/')) return undefined; // bundled: resolved through the workspace link
        if (!declared.has(name)) {
          return {
            errors: [
              {
                text: `${manifest.name} does not list "${name}" in its dependencies: Node would not find it from dist/ at run time`,
              },
            ],
          };
        }
        return { path: spec, external: true };
      });
    },
  };
}

/**
 * Bundles one entry point. `appDir` is the folder whose package.json lists the external dependencies
 * (and from whose node_modules they are found at run time), so `outfile` must lie inside it.
 */
export async function buildEntry({ appDir, entry, outfile, minify = false }) {
  const started = Date.now();
  const result = await esbuild.build({
    absWorkingDir: appDir,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    sourcemap: 'linked',
    minify,
    // Names stay readable in stack traces and in pino's error serialisation.
    keepNames: true,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    plugins: [externalDependencies(appDir)],
  });
  const bytes = Object.values(result.metafile.outputs).reduce(
    (sum, o) => sum + (o.entryPoint ? o.bytes : 0),
    0,
  );
  return { outfile, bytes, ms: Date.now() - started };
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const [entry, outArg] = process.argv.slice(2);
  if (entry === undefined) {
    console.error('usage: node infra/scripts/build-app.mjs <entry.ts> [outfile] (run from the app folder)');
    process.exit(2);
  }
  const appDir = process.cwd();
  const outfile = path.resolve(appDir, outArg ?? 'dist/main.js');
  try {
    const built = await buildEntry({ appDir, entry, outfile });
    console.log(
      `${path.relative(appDir, built.outfile)}: ${(built.bytes / 1024).toFixed(0)} KB in ${built.ms} ms`,
    );
  } catch {
    // esbuild has printed the errors already.
    process.exit(1);
  }
}
