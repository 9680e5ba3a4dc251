import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The gateway serves the build on /console; in development Vite serves the sources and passes
// the API through to a running gateway (npm start), so both use the same relative URLs.
const gateway = process.env.KIM_GATEWAY_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/graphql': gateway, '/reports': gateway },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
