import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';

/** Loading, empty and error states: one calm panel, worded for a reader, with the technical detail below. */
export function StatePanel({
  kind,
  message,
  detail,
  onRetry,
}: {
  kind: 'loading' | 'error' | 'empty';
  message: string;
  detail?: string | null;
  onRetry?: () => void;
}) {
  const { messages } = useI18n();
  const tone =
    kind === 'error' ? 'border-red-200 bg-red-50 text-red-900' : 'border-slate-200 bg-white text-slate-700';
  return (
    <div
      role={kind === 'error' ? 'alert' : 'status'}
      aria-live="polite"
      className={`mx-auto my-10 max-w-xl rounded-lg border px-5 py-6 text-center ${tone}`}
    >
      {kind === 'loading' && (
        <span
          className="mx-auto mb-3 block h-6 w-6 animate-spin rounded-full border-2 border-slate-300 border-t-blue-700 motion-reduce:animate-none"
          aria-hidden="true"
        />
      )}
      <p className="font-medium">{message}</p>
      {detail && <p className="mt-1 text-sm opacity-90">{detail}</p>}
      {onRetry && (
        <button
          type="button"
          onClick={onRetry}
          className="mt-4 rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2"
        >
          {messages.retry}
        </button>
      )}
    </div>
  );
}

/** Says plainly that a demo plan's numbers are made up, so nobody quotes them to the board. */
export function DemoNotice() {
  const { messages } = useI18n();
  return (
    <div className="border-t border-amber-200 bg-amber-50">
      <p className="mx-auto max-w-6xl px-4 py-2 text-sm text-amber-900 md:px-6">
        <span className="mr-1.5 font-semibold">Demo</span>
        {messages.demoNotice}
      </p>
    </div>
  );
}

/** An address that names no page (or no goal of the plan): one message, and the way home. */
export function NotFoundPanel({ message }: { message?: string }) {
  const { messages } = useI18n();
  return (
    <section className="mx-auto my-10 max-w-xl rounded-lg border border-slate-200 bg-white px-5 py-6 text-center text-slate-700">
      <h2 className="text-lg font-semibold text-slate-900">{message ?? messages.pageNotFound}</h2>
      <p className="mt-1 text-sm">{messages.pageNotFoundHint}</p>
      <Link
        href="/"
        className="mt-4 inline-block rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2"
      >
        {messages.toOverview}
      </Link>
    </section>
  );
}
