# Fluxo: API + built web app in one image. The database is external (DATABASE_URL),
# see docker-compose.yml. Prisma runs on its wasm engines, so nothing is downloaded at run time.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.base.json prisma.config.ts ./
COPY apps ./apps
COPY packages ./packages
COPY prisma ./prisma
COPY scripts ./scripts
RUN npx -y pnpm@12.4.2 install --frozen-lockfile \
 && DATABASE_URL=postgresql://build@localhost/build node_modules/.bin/prisma generate --no-hints \
 && cd apps/web && node_modules/.bin/vite build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
COPY --from=build /app /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node_modules/.bin/tsx", "apps/server/src/main.ts"]
