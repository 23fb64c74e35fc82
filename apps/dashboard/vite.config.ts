import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The client is served by the dashboard's own Hono server from dist/client (see src/server/app.ts);
// in `vite dev` the API calls go to that server on port 3000.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    // Tremor + recharts is one large lazy chunk by design; warn only if it grows well past that.
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
});
