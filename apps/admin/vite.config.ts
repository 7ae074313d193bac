import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

// Served by the API process under /admin/ in production; the dev server proxies the API.
export default defineConfig({
  base: '/admin/',
  plugins: [vue()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    port: 5173,
    proxy: { '/graphql': { target: process.env.COVERED_API_URL ?? 'http://localhost:4000', changeOrigin: false } },
  },
})
