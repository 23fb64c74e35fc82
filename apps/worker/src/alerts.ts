import { formatDate } from '@malkoll/goals';
import { nightOf } from '@malkoll/jobs';
import { formatRunCounts, loadRunEntry, loadSourceStatuses } from '@malkoll/pipeline';
import type { Logger } from '@malkoll/runtime';
import { claimAlert, getSource, recordAlertDelivery, type Warehouse } from '@malkoll/warehouse';
import nodemailer from 'nodemailer';

export interface AlertSettings {
  /** Receives `{"text": "..."}`: Slack incoming webhooks and Teams incoming-webhook connectors read `text`. */
  webhookUrl?: string | undefined;
  /** smtp:// or smtps:// with user and password in the URL when the server needs them. */
  smtpUrl?: string | undefined;
  smtpFrom?: string | undefined;
  emailTo?: string[] | undefined;
}

export interface Alerter {
  /** Whether any channel is configured. */
  enabled: boolean;
  /** A run failed for good (retries used up, or unrecoverable). */
  sourceFailed(alert: { sourceId: string; runId: number | null; error: string; at?: Date }): Promise<boolean>;
  /** A run loaded but rejected rows or values: no plain success, so it is alerted like a failure. */
  sourceWarning(alert: { sourceId: string; runId: number; warning: string; at?: Date }): Promise<boolean>;
  /** Alerts every source whose data is overdue (see freshness in the definition). */
  checkStaleness(now?: Date): Promise<string[]>;
  close(): void;
}

/**
 * Sends alerts about sources to a webhook and by e-mail, at most one per source and night: the alert
 * row's unique key (source, night) in Postgres decides which process, and which event, sends it. A
 * warning (a run that loaded with rejections) never blocks a failure or a staleness alert the same
 * night: those take over its row and are sent too (claimAlert).
 */
export function createAlerter(db: Warehouse, settings: AlertSettings, log: Logger): Alerter {
  const emailTo = settings.emailTo ?? [];
  const mailer =
    settings.smtpUrl && emailTo.length > 0 ? nodemailer.createTransport(settings.smtpUrl) : undefined;
  const enabled = Boolean(settings.webhookUrl) || mailer !== undefined;

  async function deliver(
    subject: string,
    text: string,
  ): Promise<{ channels: string[]; error: string | null }> {
    const channels: string[] = [];
    const errors: string[] = [];
    if (settings.webhookUrl) {
      try {
        const response = await fetch(settings.webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: `*${subject}*\n${text}` }),
          signal: AbortSignal.timeout(10_000),
        });
        if (!response.ok) throw new Error(`svarade HTTP ${response.status}`);
        channels.push('webhook');
      } catch (error) {
        errors.push(`webhook: ${(error as Error).message}`);
      }
    }
    if (mailer) {
      try {
        await mailer.sendMail({ from: settings.smtpFrom ?? 'malkoll@localhost', to: emailTo, subject, text });
        channels.push('email');
      } catch (error) {
        errors.push(`email: ${(error as Error).message}`);
      }
    }
    return { channels, error: errors.length > 0 ? errors.join('; ') : null };
  }

  /** "Rader: … · Värden: …" of a run that read something; null otherwise. */
  async function runCountsLine(runId: number | null): Promise<string | null> {
    if (runId === null) return null;
    const run = await loadRunEntry(db, runId);
    return run !== undefined && run.rows_read > 0 ? formatRunCounts(run) : null;
  }

  async function send(claim: Parameters<typeof claimAlert>[1], subject: string): Promise<boolean> {
    if (!enabled) return false;
    const id = await claimAlert(db, claim);
    if (id === undefined) {
      log.info(
        { source_id: claim.sourceId, night: claim.night },
        'alert skipped: this source had one tonight',
      );
      return false;
    }
    const delivery = await deliver(subject, claim.message);
    await recordAlertDelivery(db, id, delivery);
    if (delivery.error)
      log.error({ source_id: claim.sourceId, alert_id: id, err: delivery.error }, 'alert delivery failed');
    else log.info({ source_id: claim.sourceId, alert_id: id, channels: delivery.channels }, 'alert sent');
    return delivery.channels.length > 0;
  }

  return {
    enabled,
    async sourceFailed({ sourceId, runId, error, at = new Date() }) {
      const night = nightOf(at);
      const title = (await getSource(db, sourceId))?.title ?? sourceId;
      const message = [
        `Källan "${title}" (${sourceId}) misslyckades natten till ${formatDate(night)}.`,
        `Fel: ${error}`,
        // A run that read its file and failed on it (too many rejections) has its rows and values.
        await runCountsLine(runId),
        runId === null
          ? null
          : `Körning ${runId}: se källsidan i Målkoll eller \`malkoll runs rejected ${runId}\`.`,
      ]
        .filter(Boolean)
        .join('\n');
      return send({ sourceId, night, kind: 'failure', runId, message }, `Målkoll: ${title} misslyckades`);
    },
    async sourceWarning({ sourceId, runId, warning, at = new Date() }) {
      if (!enabled) return false;
      const night = nightOf(at);
      const title = (await getSource(db, sourceId))?.title ?? sourceId;
      const message = [
        `Källan "${title}" (${sourceId}) lästes in med varning natten till ${formatDate(night)}.`,
        `Varning: ${warning}`,
        await runCountsLine(runId),
        `Körning ${runId}: se källsidan i Målkoll eller \`malkoll runs rejected ${runId}\`.`,
      ]
        .filter(Boolean)
        .join('\n');
      return send(
        { sourceId, night, kind: 'warning', runId, message },
        `Målkoll: ${title} lästes in med varning`,
      );
    },
    async checkStaleness(now = new Date()) {
      if (!enabled) return [];
      const alerted: string[] = [];
      for (const s of await loadSourceStatuses(db, now)) {
        if (s.freshness.state !== 'stale') continue;
        const message = `Källan "${s.title}" (${s.id}) är försenad: ${s.freshness.expectedPeriod} skulle ha kommit senast ${formatDate(s.freshness.due as string)}. Senaste period: ${s.lastPeriod?.label ?? 'ingen'}.`;
        const sent = await send(
          { sourceId: s.id, night: nightOf(now), kind: 'stale', runId: null, message },
          `Målkoll: ${s.title} är försenad`,
        );
        if (sent) alerted.push(s.id);
      }
      return alerted;
    },
    close() {
      mailer?.close();
    },
  };
}
