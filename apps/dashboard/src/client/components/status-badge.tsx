import type { GoalStatus } from '../../shared/api-types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { STATUS_STYLES } from '../theme.ts';
import { StatusIcon } from './status-icon.tsx';

/** A status in words, with its icon and colour: the word carries the meaning, the rest helps scanning. */
export function StatusBadge({ status, size = 'md' }: { status: GoalStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { messages } = useI18n();
  const sizing = {
    sm: 'gap-1 px-2 py-0.5 text-xs',
    md: 'gap-1.5 px-2.5 py-1 text-sm',
    lg: 'gap-2 px-3 py-1.5 text-base',
  }[size];
  return (
    <span
      className={`inline-flex shrink-0 items-center whitespace-nowrap rounded-full font-semibold ring-1 ring-inset ${sizing} ${STATUS_STYLES[status].badge}`}
      data-status={status}
    >
      <StatusIcon status={status} className={size === 'lg' ? 'h-5 w-5' : 'h-4 w-4'} />
      {messages.status[status]}
    </span>
  );
}
