#!/usr/bin/env node
import {
  applyPlanAndRecompute,
  formatRunList,
  listRecentRuns,
  loadRunEntry,
  type RunCounts,
  RunWaitTimeout,
} from '@malkoll/pipeline';
import { FollowUpImportError } from '@malkoll/pipeline/plan-import';
import { listRejectedRows, listSources, removeSource } from '@malkoll/warehouse';
// The `malkoll` command. From the repository root: `pnpm malkoll <command>`.
import { Command, Option } from 'commander';
import { type AssessOptions, type BreakOptions, runIndicatorsBreak, runStatusAssess } from './board-trust.ts';
import {
  applyPlanFiles,
  applySourceFiles,
  formatAppliedPlan,
  formatRunSummary,
  loadDemo,
  runSourceNow,
} from './commands.ts';
import { createCliContext, migrate } from './context.ts';
import { type DeriveOptions, runIndicatorsDerive } from './indicators-derive.ts';
import { formatImportMessages, importPlanFromReport, type PlansImportOptions } from './plans-import.ts';
import { loadNightSummary, printNightSummary } from './runs-night.ts';
import { type CheckCommandOptions, checkAsJson, checkDefinition, formatCheck } from './sources-check.ts';
import { type DetectCommandOptions, runDetect } from './sources-detect.ts';
import { recordSource } from './sources-record.ts';
import { stageFileInInbox } from './sources-run-file.ts';
import { startSystem } from './start.ts';
import { runStatusFreeze, runStatusHistory, runStatusRecompute } from './status-history.ts';
import { formatStatusReport, loadStatusReport, orderRowsAsPlan, StatusReportError } from './status-report.ts';
import { runTokensAdd, runTokensList, runTokensRevoke } from './tokens.ts';
import { ensureDemoUsers, runUsersAdd, runUsersDisabled, runUsersReset, runUsersRole } from './users.ts';

const ctx = createCliContext();

/** Rows and values of a stored run, for the JSON of a failed run. */
const runCounts = (r: RunCounts): RunCounts => ({
  rows_read: r.rows_read,
  rows_loaded: r.rows_loaded,
  rows_skipped: r.rows_skipped,
  rows_rejected: r.rows_rejected,
  values_inserted: r.values_inserted,
  values_updated: r.values_updated,
  values_unchanged: r.values_unchanged,
  values_rejected: r.values_rejected,
});
const program = new Command('malkoll')
  .description('Målkoll: goal follow-up for Swedish municipalities')
  // Needed for `status`'s own positional options: without it `status recompute --plan x` lost --plan.
  .enablePositionalOptions()
  .showHelpAfterError();

/**
 * Runs a command body, prints errors plainly, releases connections, and exits with an explicit code
 * (an embedded Postgres's exit hook would otherwise turn a failure's exit code into 0).
 */
const action =
  <A extends unknown[]>(fn: (...args: A) => Promise<void>) =>
  async (...args: A) => {
    let code = 0;
    try {
      await fn(...args);
    } catch (error) {
      console.error(`Error: ${(error as Error).message}`);
      code = 1;
    }
    await ctx.close();
    process.exit(code || (process.exitCode as number | undefined) || 0);
  };

program
  .command('migrate')
  .description('Apply pending warehouse migrations and the reference areas')
  .action(
    action(async () => {
      const { db } = await ctx.warehouse();
      const applied = await migrate(db);
      console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The warehouse is up to date.');
    }),
  );

const sources = program.command('sources').description('Source definitions and runs');
sources
  .command('apply <files...>')
  .description('Validate and store source definitions (YAML or JSON)')
  .action(
    action(async (files: string[]) => {
      const { db } = await ctx.warehouse();
      await migrate(db);
      for (const line of await applySourceFiles(ctx, files)) console.log(line);
    }),
  );
sources
  .command('detect <file>')
  .description('Propose a complete source definition for a sample export (--json: exactly the definition)')
  .option('--json', 'print only the definition, as JSON that `sources apply` accepts')
  .option('--id <id>', 'source id (default: from the file name)')
  .option(
    '--area <area>',
    'the area of a file with no area column (code or name, e.g. 0586, "Stockholms län"); default Riket',
  )
  .option('--period <period>', 'the period of a file with no period column, e.g. 2024, 2016K1, 2014M03')
  .action(
    action(async (file: string, opts: DetectCommandOptions) => console.log(await runDetect(ctx, file, opts))),
  );
sources
  .command('check <definition>')
  .description(
    'Read a sample file with a definition: settings, mapping, first values, every rejection (writes nothing)',
  )
  .requiredOption('--sample <file>', 'the sample export to read')
  .option('--json', 'print the result as JSON')
  .option('--area <area>', 'read the whole sample as this area (code or name), whatever the mapping says')
  .option('--period <period>', 'read the whole sample as this period, e.g. 2024, 2016K1, 2014M03')
  .action(
    action(async (definition: string, opts: { sample: string; json?: boolean } & CheckCommandOptions) => {
      const result = await checkDefinition(ctx, definition, opts.sample, opts);
      console.log(
        opts.json ? JSON.stringify(checkAsJson(result), null, 2) : formatCheck(opts.sample, result),
      );
      if (result.preview.error !== null) process.exitCode = 1;
    }),
  );
sources
  .command('list')
  .description('List stored sources and their schedules')
  .action(
    action(async () => {
      const { db } = await ctx.warehouse();
      for (const s of await listSources(db)) {
        const schedule = s.schedule_cron ? `${s.schedule_cron} (${s.schedule_tz})` : 'no schedule';
        console.log(`${s.id}\t${schedule}\t${s.title}`);
      }
    }),
  );
sources
  .command('remove <id>')
  .description('Remove a source (its run history and loaded values stay)')
  .action(
    action(async (id: string) => {
      const { db } = await ctx.warehouse();
      console.log((await removeSource(db, id)) ? `${id}: removed` : `${id}: no such source`);
    }),
  );
sources
  .command('run <id>')
  .description('Run a source now')
  .option('--wait', 'wait for the run and print its summary')
  .option('--json', 'print the summary as JSON')
  .option('--file <file>', "load this file now (copied into the source's inbox folder first)")
  .option('--timeout <minutes>', 'with --wait: stop waiting after this long (the run stays queued)', '30')
  .action(
    action(async (id: string, opts: { wait?: boolean; json?: boolean; file?: string; timeout: string }) => {
      const minutes = Number(opts.timeout.replace(',', '.'));
      if (!(minutes > 0))
        throw new Error(`--timeout ska vara ett antal minuter över 0, fick "${opts.timeout}".`);
      const { db } = await ctx.warehouse();
      await migrate(db);
      try {
        const file = opts.file === undefined ? undefined : await stageFileInInbox(ctx, id, opts.file);
        // Ctrl+C while waiting for a queued run ends the wait, not the run (which stays queued); during a
        // run in this process it stops the process, and the run's open transaction is rolled back.
        const interrupt = new AbortController();
        let queued = false;
        const onSigint = () => {
          if (queued) return interrupt.abort();
          console.error('Avbruten: körningen i den här processen stoppades; inget av den sparades.');
          process.exit(130);
        };
        process.once('SIGINT', onSigint);
        const result = await runSourceNow(ctx, id, {
          wait: Boolean(opts.wait),
          file,
          timeoutMs: minutes * 60_000,
          signal: interrupt.signal,
          onQueued: () => {
            queued = true;
          },
        }).finally(() => process.off('SIGINT', onSigint));
        if (!result.summary) {
          console.log(
            opts.json
              ? JSON.stringify({ job_id: result.jobId, status: 'queued' })
              : `Queued as job ${result.jobId}`,
          );
          return;
        }
        const { touched_indicator_ids: _ids, changed_indicator_ids: _changed, ...summary } = result.summary;
        console.log(
          opts.json ? JSON.stringify({ ...summary, via: result.via }) : formatRunSummary(result.summary),
        );
      } catch (error) {
        const runId = (error as { runId?: number }).runId;
        if (opts.json) {
          // A run that read its file and failed on it (too many rejections) still has its rows and values.
          const stored = runId === undefined ? undefined : await loadRunEntry(db, runId);
          console.log(
            JSON.stringify({
              ...(stored === undefined ? {} : runCounts(stored)),
              run_id: runId ?? null,
              source_id: id,
              status: error instanceof RunWaitTimeout ? 'queued' : 'failed',
              error: (error as Error).message,
            }),
          );
          process.exitCode = 1;
          return;
        }
        throw error;
      }
    }),
  );

sources
  .command('record <id>')
  .description(
    "Fetch a Kolada or SCB source's API answers and store them as its recorded responses (needs network)",
  )
  .option('--out <file>', 'where to write them (default: MALKOLL_RECORDED/<id>.json)')
  .action(
    action(async (id: string, opts: { out?: string }) => {
      console.log(await recordSource(ctx, id, opts));
    }),
  );

const runs = program
  .command('runs')
  .description(
    "Run history: the latest runs with their rows and values; --night [date] prints what a night's refresh did",
  )
  .option('--night [date]', 'the night ending on this date (YYYY-MM-DD; default the latest)')
  .option('--source <id>', 'only the runs of this source')
  .option('--limit <n>', 'how many runs (newest first)', '20')
  .option('--json', 'the runs or the night summary as JSON')
  .action(
    action(async (opts: { night?: string | boolean; source?: string; limit: string; json?: boolean }) => {
      const { db } = await ctx.warehouse();
      if (opts.night !== undefined) {
        printNightSummary(await loadNightSummary(db, opts.night), opts.json === true);
        return;
      }
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw new Error(`--limit ska vara ett heltal mellan 1 och 1000, fick "${opts.limit}".`);
      const list = await listRecentRuns(db, { limit, ...(opts.source ? { sourceId: opts.source } : {}) });
      console.log(opts.json ? JSON.stringify(list, null, 2) : formatRunList(list));
    }),
  );
runs
  .command('rejected <runId>')
  .description('Print the rows a run rejected, with file, line and reason')
  .addOption(new Option('--lang <lang>', 'language of the reasons').choices(['sv', 'en']).default('sv'))
  .action(
    action(async (runId: string, opts: { lang: 'sv' | 'en' }) => {
      const { db } = await ctx.warehouse();
      for (const r of await listRejectedRows(db, Number(runId))) {
        const where = `${r.origin ?? ''}:${r.line}${r.column_name ? ` [${r.column_name}]` : ''}`;
        console.log(`${where}\t${opts.lang === 'sv' ? r.reason_sv : r.reason_en}\t${r.raw}`);
      }
    }),
  );

const plans = program.command('plans').description('Plans and goals');
plans
  .command('apply <files...>')
  .description('Load plan definitions (YAML or JSON) and compute their status')
  .action(
    action(async (files: string[]) => {
      const { db } = await ctx.warehouse();
      await migrate(db);
      for (const line of await applyPlanFiles(ctx, files)) console.log(line);
    }),
  );
plans
  .command('import <file>')
  .description(
    'Turn a follow-up report pasted into a CSV (Kommunmål/Nämndåtagande blocks, activity and Nyckeltal tables) into a plan',
  )
  .option('--id <plan-id>', 'plan id (default: from the file name); also prefixes the indicator keys')
  .option('--area <code>', 'municipality code, e.g. 0586 (default: the municipality the text names most)')
  .option('--name <name>', 'plan name (default: "Verksamhetsplan 2016" from the report title)')
  .option('--organisation <text>', 'organisation (default: "<kommun> kommun")')
  .option('--start <date>', 'plan start (default: the baseline date, "Ingångsvärde 160101")')
  .option('--end <date>', 'plan end (default: 31 December of the start year)')
  .option(
    '--follow-ups <dates>',
    'comma-separated follow-up dates (default: 30 April, 31 August, 31 December)',
  )
  .option('--status-date <date>', 'date of the Status column (default: "per 160430" in the report)')
  .option(
    '--ytd <keys>',
    'comma-separated indicator keys to read as year-to-date sums (replaces the heuristic)',
  )
  .option(
    '--out <file>',
    'write the plan as YAML (default: print it when neither --out nor --apply is given)',
  )
  .option('--values-out <file>', 'write the Status column as a CSV (Nyckeltal;Kommun;Period;Värde)')
  .option('--source-out <file>', 'write a source definition that loads the --values-out file from the inbox')
  .option('--apply', 'load the plan into the warehouse and compute its status')
  .action(
    action(async (file: string, opts: PlansImportOptions & { apply?: boolean }) => {
      let imported: Awaited<ReturnType<typeof importPlanFromReport>>;
      try {
        imported = await importPlanFromReport(file, opts);
      } catch (error) {
        if (error instanceof FollowUpImportError) {
          for (const m of error.messages)
            console.error(`${m.line > 0 ? `rad ${m.line}` : 'filen'} (${m.level}): ${m.text}`);
        }
        throw error;
      }
      const { result, planYaml, lines } = imported;
      const report = formatImportMessages(result);
      if (report.length > 0) {
        console.error(`Att granska (${report.length}):`);
        for (const line of report) console.error(`  ${line}`);
      }
      if (!opts.out && !opts.apply) process.stdout.write(planYaml);
      for (const line of lines) console.error(line);
      if (opts.apply) {
        const { db } = await ctx.warehouse();
        await migrate(db);
        const applied = await applyPlanAndRecompute(db, result.plan);
        for (const line of formatAppliedPlan(result.plan, applied)) console.log(line);
      }
    }),
  );

const status = program
  .command('status')
  .description("Goal status: print a plan's status (--plan), or recompute it")
  // Options after "recompute" belong to recompute, not to this command.
  .enablePositionalOptions()
  .option('--plan <id>', 'the plan to print')
  .option('--as-of <date>', 'follow-up date (default: the latest follow-up with data, as the dashboard)')
  .option('--json', 'print the rows of mart.goal_status as a JSON array')
  .action(
    action(async (opts: { plan?: string; asOf?: string; json?: boolean }) => {
      if (!opts.plan) {
        status.help({ error: true });
        return;
      }
      const { db } = await ctx.warehouse();
      let report: Awaited<ReturnType<typeof loadStatusReport>>;
      try {
        report = await loadStatusReport(db, opts.plan, opts.asOf);
      } catch (error) {
        if (!(error instanceof StatusReportError)) throw error;
        console.error(error.message);
        process.exitCode = 1;
        return;
      }
      console.log(opts.json ? JSON.stringify(orderRowsAsPlan(report), null, 2) : formatStatusReport(report));
    }),
  );
status
  .command('recompute')
  .option('--plan <id>', 'only this plan')
  .option('--refreeze', 'also recompute frozen follow-up snapshots (they stay frozen)')
  .action(
    action(async (opts: { plan?: string; refreeze?: boolean }) => {
      const { db } = await ctx.warehouse();
      console.log(await runStatusRecompute(db, opts));
    }),
  );
status
  .command('freeze')
  .description('Freeze the follow-up snapshots of a plan that have passed (the report is decided)')
  .requiredOption('--plan <id>', 'the plan')
  .option('--as-of <date>', 'only this follow-up date')
  .action(
    action(async (opts: { plan: string; asOf?: string }) => {
      const { db } = await ctx.warehouse();
      console.log(await runStatusFreeze(db, opts));
    }),
  );
status
  .command('history')
  .description('How each status moved between follow-ups')
  .requiredOption('--plan <id>', 'the plan')
  .option('--json', 'print listStatusHistory as JSON')
  .action(
    action(async (opts: { plan: string; json?: boolean }) => {
      const { db } = await ctx.warehouse();
      console.log(await runStatusHistory(db, opts));
    }),
  );

status
  .command('assess')
  .description("Record the nämnd's own assessment of a nyckeltal at a follow-up, beside the computed status")
  .requiredOption('--plan <id>', 'the plan')
  .requiredOption('--goal <key>', 'the goal the nyckeltal is linked to')
  .requiredOption('--indicator <key>', 'the indicator')
  .requiredOption('--as-of <date>', 'the follow-up date')
  .option('--area <code>', 'the area, when the goal links the indicator for several')
  .option('--status <status>', 'Uppnått, I fas, Risk, Ej i fas or Inga nya data (or the English words)')
  .option('--reason <text>', "the nämnd's reason (required with --status)")
  .option('--clear', 'remove the assessment')
  .action(
    action(async (opts: AssessOptions) => {
      const { db } = await ctx.warehouse();
      console.log(await runStatusAssess(db, opts));
    }),
  );

const indicators = program.command('indicators').description('Indicators');
indicators
  .command('break <key>')
  .description('Declare a break in a series (new method or definition): trends never fit across it')
  .requiredOption('--date <date>', 'the first day of the new series')
  .option('--reason <text>', 'why the series breaks (required unless --remove)')
  .option('--successor <key>', 'the indicator that continues the series')
  .option('--remove', 'remove the break declared on --date')
  .action(
    action(async (key: string, opts: BreakOptions) => {
      const { db } = await ctx.warehouse();
      console.log(await runIndicatorsBreak(db, key, opts));
    }),
  );
indicators
  .command('derive <key>')
  .description('Define an indicator as a formula over others and compute its values')
  .requiredOption('--formula <formula>', 'per_1000, share, sum_units or change')
  .requiredOption('--a <key>', 'numerator, or the indicator summed / compared')
  .option('--b <key>', 'denominator (per_1000, share)')
  .option('--title <text>', 'Swedish title')
  .option('--unit <unit>', 'unit as shown')
  .option('--decimals <n>', 'decimals (default 1)')
  .option('--direction <higher|lower>', 'which way is better (default higher)')
  .action(
    action(async (key: string, opts: DeriveOptions) => {
      const { db } = await ctx.warehouse();
      console.log(await runIndicatorsDerive(db, key, opts));
    }),
  );

program
  .command('demo')
  .description('Load the demo plan, sources and inbox files')
  .action(
    action(async () => {
      const { db } = await ctx.warehouse();
      await migrate(db);
      for (const line of await loadDemo(ctx)) console.log(line);
      for (const line of await ensureDemoUsers(db)) console.log(`konto ${line}`);
    }),
  );

program
  .command('start')
  .description('Start the whole system with demo content (what `pnpm start` runs)')
  .action(async () => {
    try {
      await startSystem(ctx);
    } catch (error) {
      console.error(`Error: ${(error as Error).message}`);
      await ctx.close();
      process.exit(1);
    }
  });

const users = program.command('users').description('Dashboard accounts (roles: viewer, steward, admin)');
const inWarehouse = (fn: (db: Awaited<ReturnType<typeof ctx.warehouse>>['db']) => Promise<string>) =>
  action(async () => {
    const { db } = await ctx.warehouse();
    await migrate(db);
    console.log(await fn(db));
  });
users
  .command('add <name>')
  .description('Create an account; prints a generated password once')
  .requiredOption('--role <role>', 'viewer, steward or admin')
  .action((name: string, opts: { role: string }) => inWarehouse((db) => runUsersAdd(db, name, opts.role))());
users
  .command('role <name> <role>')
  .description("Change an account's role (ends its sessions)")
  .action((name: string, role: string) => inWarehouse((db) => runUsersRole(db, name, role))());
users
  .command('reset <name>')
  .description('Set a new generated password, printed once (ends its sessions)')
  .action((name: string) => inWarehouse((db) => runUsersReset(db, name))());
users
  .command('disable <name>')
  .description('Disable an account: no sign-in, sessions end, its tokens are refused')
  .action((name: string) => inWarehouse((db) => runUsersDisabled(db, name, true))());
users
  .command('enable <name>')
  .description('Enable a disabled account again')
  .action((name: string) => inWarehouse((db) => runUsersDisabled(db, name, false))());

const tokens = program
  .command('tokens')
  .description('API tokens for automation (scopes: read, runs, sources, plans)');
tokens
  .command('add <user>')
  .description('Create a token acting as <user>, limited to the scopes; prints it once')
  .requiredOption('--name <label>', 'what the token is for')
  .requiredOption('--scope <scopes>', 'comma-separated: read, runs, sources, plans')
  .option('--expires-days <n>', 'days until it stops working (default: never)')
  .action((user: string, opts: { name: string; scope: string; expiresDays?: string }) =>
    inWarehouse((db) => runTokensAdd(db, user, opts))(),
  );
tokens
  .command('list')
  .description('List tokens (never their secrets): scopes, last use, expiry, revocation')
  .option('--user <name>', 'only this user’s tokens')
  .action((opts: { user?: string }) => inWarehouse((db) => runTokensList(db, opts.user))());
tokens
  .command('revoke <id>')
  .description('Revoke a token at once')
  .action((id: string) => inWarehouse((db) => runTokensRevoke(db, id))());

await program.parseAsync();
