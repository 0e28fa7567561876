import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const apiTarget = process.env.FLUXO_API_URL ?? "http://localhost:3000";

export default defineConfig({
  plugins: [react()],
  server: { proxy: { "/api": { target: apiTarget, changeOrigin: false } } },
  build: { outDir: "dist", sourcemap: true },
});
