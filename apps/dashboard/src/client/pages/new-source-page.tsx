import { SourcesShell } from '../components/sources-shell.tsx';
import { StewardGate } from '../components/steward-gate.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { STEWARD_MESSAGES } from '../i18n/steward-messages.ts';
import { SOURCES_PATH } from '../router.tsx';
import { Wizard } from './new-source/wizard.tsx';

// "Ny källa", a steward's page: the add-source wizard (new-source/) behind the steward gate. The
// definition edited there is the same JSON `malkoll sources apply` reads; the server validates it with
// the same schema and saves it with the same code (docs/steward-pages.md).

export default function NewSourcePage() {
  const { language } = useI18n();
  const m = STEWARD_MESSAGES[language];
  return (
    <SourcesShell title={m.wizard.title} backHref={SOURCES_PATH} backLabel={m.backToSources}>
      <StewardGate
        texts={{
          checking: m.checkingSession,
          title: m.refusalTitle,
          viewer: m.refusalViewer,
          anonymous: m.refusalAnonymous,
          back: m.backToSources,
          backHref: SOURCES_PATH,
        }}
      >
        <Wizard m={m} />
      </StewardGate>
    </SourcesShell>
  );
}
