import type { Config } from 'tailwindcss';
import colors from 'tailwindcss/colors.js';
import { CHART_COLOURS } from './src/client/theme.ts';

// Tailwind 3 with @tremor/react 3's theme tokens (tremor.so/docs/getting-started/installation, v3).
// Tremor composes colour classes at run time ("stroke-" + colour + "-500"), which Tailwind's source scan
// cannot see: the safelist below keeps them, or every chart line renders grey.
const shades = '50|100|200|300|400|500|600|700|800|900|950';
const chartColours = CHART_COLOURS.join('|');

export default {
  content: ['./index.html', './src/client/**/*.{ts,tsx}', './node_modules/@tremor/react/dist/**/*.js'],
  theme: {
    transparent: 'transparent',
    current: 'currentColor',
    extend: {
      colors: {
        tremor: {
          brand: {
            faint: colors.blue[50],
            muted: colors.blue[200],
            subtle: colors.blue[400],
            DEFAULT: colors.blue[500],
            emphasis: colors.blue[700],
            inverted: colors.white,
          },
          background: {
            muted: colors.gray[50],
            subtle: colors.gray[100],
            DEFAULT: colors.white,
            emphasis: colors.gray[700],
          },
          border: { DEFAULT: colors.gray[200] },
          ring: { DEFAULT: colors.gray[200] },
          content: {
            subtle: colors.gray[400],
            // gray-600, not Tremor's gray-500: axis labels are small text and must reach 4.5:1 on white.
            DEFAULT: colors.gray[600],
            emphasis: colors.gray[700],
            strong: colors.gray[900],
            inverted: colors.white,
          },
        },
      },
      boxShadow: {
        'tremor-input': '0 1px 2px 0 rgb(0 0 0 / 0.05)',
        'tremor-card': '0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)',
        'tremor-dropdown': '0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)',
      },
      borderRadius: {
        'tremor-small': '0.375rem',
        'tremor-default': '0.5rem',
        'tremor-full': '9999px',
      },
      fontSize: {
        'tremor-label': ['0.75rem', { lineHeight: '1rem' }],
        'tremor-default': ['0.875rem', { lineHeight: '1.25rem' }],
        'tremor-title': ['1.125rem', { lineHeight: '1.75rem' }],
        'tremor-metric': ['1.875rem', { lineHeight: '2.25rem' }],
      },
    },
  },
  safelist: [
    {
      pattern: new RegExp(`^(bg|text|border|ring|stroke|fill)-(${chartColours})-(${shades})$`),
      variants: ['hover', 'ui-selected'],
    },
  ],
  plugins: [],
} satisfies Config;
