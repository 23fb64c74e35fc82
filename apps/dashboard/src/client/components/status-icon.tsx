import type { GoalStatus } from '../../shared/api-types.ts';

// Each status has its own shape, so it reads without colour (colour-blind users, black-and-white print).
const PATHS: Record<GoalStatus, string> = {
  // check
  achieved: 'M4.5 10.5l3.5 3.5 7.5-8',
  // arrow up-right: moving the right way
  on_track: 'M5.5 14.5l9-9M7.5 5.5h7v7',
  // exclamation
  at_risk: 'M10 4.5v7M10 15.2v.3',
  // cross
  off_track: 'M5.5 5.5l9 9M14.5 5.5l-9 9',
  // dash: nothing new, neither good nor bad
  no_data: 'M5 10h10',
};

export function StatusIcon({ status, className = 'h-4 w-4' }: { status: GoalStatus; className?: string }) {
  return (
    <svg
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.25}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[status]} />
    </svg>
  );
}
