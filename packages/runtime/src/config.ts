import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type LogFormat, resolveLogFormat } from './logger.ts';

/** Walks up from `start` to the directory holding pnpm-workspace.yaml: the checkout's root. */
export function findRepoRoot(start: string = process.cwd()): string {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

const envSchema = z.object({
  DATABASE_URL: z.url().optional(),
  REDIS_URL: z.url().optional(),
  MALKOLL_DATA_DIR: z.string().optional(),
  MALKOLL_INBOX: z.string().optional(),
  MALKOLL_QUEUE_PREFIX: z
    .string()
    // Letters, digits, _ and -, optionally in braces: `{malkoll}` is a Redis Cluster hash tag that keeps
    // every key of the queues on one slot.
    .regex(/^(?:[a-zA-Z0-9_-]+|\{[a-zA-Z0-9_-]+\})$/)
    .default('malkoll'),
  MALKOLL_EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  MALKOLL_EMBEDDED_REDIS_PORT: z.coerce.number().int().min(1024).max(65535).default(63790),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1_000).optional(),
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(100).optional(),
  MALKOLL_SCHEDULER: z.enum(['on', 'off']).default('on'),
  ALERT_WEBHOOK_URL: z.url().optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  SMTP_FROM: z.string().min(3).optional(),
  ALERT_EMAIL_TO: z.string().optional(),
  /** The plan the dashboard opens when the address names none (default: the newest plan). */
  DASHBOARD_DEFAULT_PLAN: z.string().min(1).optional(),
  /** off: no sign-in (the demo); required: every API call signed in; public-read: anonymous overview. */
  DASHBOARD_AUTH: z.enum(['off', 'required', 'public-read']).default('required'),
  DASHBOARD_SESSION_HOURS: z.coerce
    .number()
    .min(0.1)
    .max(24 * 30)
    .default(8),
  /** Largest file a steward may upload on the Sources pages, in MB (the request is refused beyond it). */
  DASHBOARD_UPLOAD_MAX_MB: z.coerce.number().positive().max(1024).default(50),
  /** on: behind a TLS-terminating proxy; trust X-Forwarded-Proto/-For/-Host (Secure cookie, client address). */
  DASHBOARD_TRUST_PROXY: z.enum(['on', 'off']).default('off'),
  /** OpenID Connect sign-in (e.g. Entra ID): on when OIDC_ISSUER is set; see docs/security.md. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The dashboard's callback as the provider knows it: https://<host>/api/session/oidc/callback. */
  OIDC_REDIRECT_URL: z.url().optional(),
  OIDC_SCOPES: z.string().default('openid profile email'),
  /** The claim holding the user's roles or groups (Entra ID app roles: `roles`). */
  OIDC_ROLE_CLAIM: z.string().min(1).default('roles'),
  /** Claim value = Målkoll role, comma-separated: `Malkoll.Admin=admin,Malkoll.Steward=steward`. */
  OIDC_ROLE_MAP: z.string().default(''),
  /** The role of a user none of whose claim values is mapped; none: refuse the sign-in. */
  OIDC_DEFAULT_ROLE: z.enum(['none', 'viewer', 'steward', 'admin']).default('none'),
  /** The provider's name on the sign-in button ("Logga in med Entra ID"). */
  OIDC_LABEL: z.string().min(1).max(80).default('OpenID Connect'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** json: one JSON object per line (services, log collectors); pretty: lines for people; auto: pretty on a terminal. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  KOLADA_BASE_URL: z.url().default('https://api.kolada.se/v3'),
  SCB_BASE_URL: z.url().default('https://statistikdatabasen.scb.se/api/v2'),
  MALKOLL_API_MODE: z.enum(['auto', 'live', 'recorded']).default('auto'),
  MALKOLL_RECORDED: z.string().optional(),
});

export type ConfigRole = 'viewer' | 'steward' | 'admin';

/** OpenID Connect sign-in settings; null when OIDC_ISSUER is unset. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Unset: a public client (PKCE only, no client authentication). */
  clientSecret: string | undefined;
  redirectUrl: string;
  scopes: string;
  roleClaim: string;
  roleMap: Record<string, ConfigRole>;
  /** null: a user without a mapped role is refused. */
  defaultRole: ConfigRole | null;
  label: string;
}

export interface Config {
  repoRoot: string;
  /** Where embedded services keep their data when no URL is given (default `<root>/.data`). */
  dataDir: string;
  /** Root folder that file sources are confined to. */
  inboxRoot: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  queuePrefix: string;
  embeddedPgPort: number;
  embeddedRedisPort: number;
  workerConcurrency: number;
  /** Port of the worker's /health and /health/ready (0: any free port). */
  workerHealthPort: number;
  /** Longest a SIGTERM waits for jobs in progress before the worker exits anyway. */
  workerShutdownTimeoutMs: number;
  /** BullMQ lock duration: a dead worker's job is handed on after this (BullMQ default 30 s). */
  workerLockDurationMs: number | undefined;
  /** How often a worker looks for jobs whose worker died (BullMQ default 30 s). */
  workerStalledIntervalMs: number | undefined;
  /** Whether the worker process also runs the scheduler duties. */
  scheduler: boolean;
  /** Where failure and staleness alerts go (webhook JSON, e-mail); unset channels are not used. */
  alerts: { webhookUrl?: string; smtpUrl?: string; smtpFrom?: string; emailTo: string[] };
  /** The plan the dashboard opens when the address names none; undefined: the newest. */
  defaultPlanId: string | undefined;
  /** Dashboard sign-in: mode, session lifetime, whether X-Forwarded-* headers are trusted. */
  dashboardAuth: {
    mode: 'off' | 'required' | 'public-read';
    sessionTtlMs: number;
    trustProxy: boolean;
    oidc: OidcConfig | null;
  };
  /** Largest upload the dashboard accepts (DASHBOARD_UPLOAD_MAX_MB), in bytes. */
  dashboardUploadMaxBytes: number;
  host: string;
  port: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  logFormat: LogFormat;
  /** Kolada, SCB: base URLs, live or recorded answers (auto: recorded when the API cannot be reached), recordings folder. */
  connectors: {
    koladaBaseUrl: string;
    scbBaseUrl: string;
    apiMode: 'auto' | 'live' | 'recorded';
    recordedDir: string;
  };
}

/** Reads and validates the environment once, at start-up; packages take the result as an argument. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, repoRoot = findRepoRoot()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const emailTo = (e.ALERT_EMAIL_TO ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (e.SMTP_URL && emailTo.length === 0) {
    throw new Error('Invalid environment:\n  ALERT_EMAIL_TO: required when SMTP_URL is set');
  }
  const oidc = parseOidc(e);
  const dataDir = path.resolve(repoRoot, e.MALKOLL_DATA_DIR ?? '.data');
  return {
    repoRoot,
    dataDir,
    inboxRoot: path.resolve(repoRoot, e.MALKOLL_INBOX ?? path.join(dataDir, 'inbox')),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.MALKOLL_QUEUE_PREFIX,
    embeddedPgPort: e.MALKOLL_EMBEDDED_PG_PORT,
    embeddedRedisPort: e.MALKOLL_EMBEDDED_REDIS_PORT,
    workerConcurrency: e.WORKER_CONCURRENCY,
    workerHealthPort: e.WORKER_HEALTH_PORT,
    workerShutdownTimeoutMs: e.WORKER_SHUTDOWN_TIMEOUT_MS,
    workerLockDurationMs: e.WORKER_LOCK_DURATION_MS,
    workerStalledIntervalMs: e.WORKER_STALLED_INTERVAL_MS,
    scheduler: e.MALKOLL_SCHEDULER === 'on',
    alerts: {
      ...(e.ALERT_WEBHOOK_URL ? { webhookUrl: e.ALERT_WEBHOOK_URL } : {}),
      ...(e.SMTP_URL ? { smtpUrl: e.SMTP_URL, smtpFrom: e.SMTP_FROM ?? 'malkoll@localhost' } : {}),
      emailTo,
    },
    defaultPlanId: e.DASHBOARD_DEFAULT_PLAN,
    dashboardAuth: {
      mode: e.DASHBOARD_AUTH,
      sessionTtlMs: Math.round(e.DASHBOARD_SESSION_HOURS * 3600_000),
      trustProxy: e.DASHBOARD_TRUST_PROXY === 'on',
      oidc,
    },
    dashboardUploadMaxBytes: Math.round(e.DASHBOARD_UPLOAD_MAX_MB * 1024 * 1024),
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    logFormat: resolveLogFormat(e.LOG_FORMAT),
    connectors: {
      koladaBaseUrl: e.KOLADA_BASE_URL,
      scbBaseUrl: e.SCB_BASE_URL,
      apiMode: e.MALKOLL_API_MODE,
      recordedDir: path.resolve(repoRoot, e.MALKOLL_RECORDED ?? path.join(dataDir, 'recorded')),
    },
  };
}

const ROLE_NAMES: readonly string[] = ['viewer', 'steward', 'admin'];

function parseOidc(e: z.infer<typeof envSchema>): OidcConfig | null {
  const invalid = (line: string) => new Error(`Invalid environment:\n  ${line}`);
  if (!e.OIDC_ISSUER) {
    if (e.OIDC_CLIENT_ID || e.OIDC_REDIRECT_URL)
      throw invalid('OIDC_ISSUER: required when OIDC_CLIENT_ID or OIDC_REDIRECT_URL is set');
    return null;
  }
  if (!e.OIDC_CLIENT_ID) throw invalid('OIDC_CLIENT_ID: required when OIDC_ISSUER is set');
  if (!e.OIDC_REDIRECT_URL) throw invalid('OIDC_REDIRECT_URL: required when OIDC_ISSUER is set');
  const roleMap: Record<string, ConfigRole> = {};
  for (const entry of e.OIDC_ROLE_MAP.split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = entry.lastIndexOf('=');
    const value = entry.slice(0, at).trim();
    const role = entry.slice(at + 1).trim();
    if (at <= 0 || !value || !ROLE_NAMES.includes(role)) {
      // The entry is a claim value, not a secret, so it may be quoted.
      throw invalid(`OIDC_ROLE_MAP: "${entry}" is not claim-value=viewer|steward|admin`);
    }
    roleMap[value] = role as ConfigRole;
  }
  if (Object.keys(roleMap).length === 0 && e.OIDC_DEFAULT_ROLE === 'none') {
    throw invalid('OIDC_ROLE_MAP: map at least one claim value to a role, or set OIDC_DEFAULT_ROLE');
  }
  return {
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    redirectUrl: e.OIDC_REDIRECT_URL,
    scopes: e.OIDC_SCOPES,
    roleClaim: e.OIDC_ROLE_CLAIM,
    roleMap,
    defaultRole: e.OIDC_DEFAULT_ROLE === 'none' ? null : e.OIDC_DEFAULT_ROLE,
    label: e.OIDC_LABEL,
  };
}
