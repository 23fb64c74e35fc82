import type { ReactNode } from 'react';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { StatePanel } from './state-panel.tsx';

/**
 * Shows `children` to stewards only; anyone else reaching the address gets a plain refusal that says why
 * and where to go, not a broken page. The server refuses the actions again (auth.ts).
 */
export function StewardGate({
  children,
  texts,
}: {
  children: ReactNode;
  texts: {
    checking: string;
    title: string;
    viewer: string;
    anonymous: string;
    back: string;
    backHref: string;
  };
}) {
  const { session, can } = useSession();
  if (session === null) return <StatePanel kind="loading" message={texts.checking} />;
  if (can('steward')) return <>{children}</>;
  return (
    <div
      role="alert"
      data-testid="steward-refusal"
      className="mx-auto my-10 max-w-xl rounded-lg border border-amber-300 bg-amber-50 px-5 py-6 text-amber-950"
    >
      <p className="font-semibold">{texts.title}</p>
      <p className="mt-1 text-sm">{session.user ? texts.viewer : texts.anonymous}</p>
      <Link
        href={texts.backHref}
        className="mt-3 inline-block text-sm font-medium text-blue-800 underline underline-offset-2"
      >
        {texts.back}
      </Link>
    </div>
  );
}
