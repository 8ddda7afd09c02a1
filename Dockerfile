# Entente as a container: docker build -t entente . && docker run -p 4000:4000 entente
# The build stage installs everything and compiles to dist/; the final image holds dist/ and the
# production dependencies only, and runs node directly (no npm, no tsx) as an unprivileged user,
# so `docker stop` sends SIGTERM to the server itself and it drains (SHUTDOWN_GRACE_MS, 10 s by
# default, within docker's own 10 s).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 4000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/index.js"]
