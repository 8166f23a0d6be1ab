import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The devtools server builds this on first start (see src/server/ui-assets.ts) and serves
// dist/ from the same origin as its API. elkjs is loaded lazily, hence the larger chunk limit.
export default defineConfig({
  plugins: [react()],
  base: "/",
  build: { chunkSizeWarningLimit: 2500, sourcemap: false },
});
