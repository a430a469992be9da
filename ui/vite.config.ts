/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The server serves the build from the ui jar's static/ folder; hashed files under assets/ are
// cached for a year, index.html never (see server/src/main/java/io/streamspace/server/ui).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "target/classes/static",
    emptyOutDir: true,
    assetsDir: "assets",
    chunkSizeWarningLimit: 900,
    // For the bundle-size check, which moves it out of static/: it is not for browsers.
    manifest: true,
    // noVNC uses top-level await.
    target: "es2022",
  },
  server: {
    proxy: {
      "/api": "http://localhost:8000",
      "/ws": { target: "ws://localhost:8000", ws: true },
      "/view": "http://localhost:8000",
      "/novnc": "http://localhost:8000",
    },
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["src/test/setup.ts"],
    css: false,
  },
});
