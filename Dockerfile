# Dispatch in a container: build once, run with production dependencies only.
# better-sqlite3 and sharp are native modules, so both stages use the same Debian bookworm
# base: what is compiled or downloaded for the build stage runs unchanged in the runtime one.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Toolchain for better-sqlite3 in case no prebuilt binary matches.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Dependencies in their own layer; their install scripts (the native modules) wait for the
# sources, since our own `prepare` builds and needs them.
RUN npm ci --ignore-scripts
COPY . .
RUN npm rebuild && npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
  HOST=0.0.0.0 \
  PORT=8080 \
  DISPATCH_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
# The reader's script and styles are served from their sources, its words read from them.
COPY --from=build /app/src/reader/assets ./src/reader/assets
COPY --from=build /app/src/reader/i18n/messages ./src/reader/i18n/messages
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# The slim image has no curl: Node's own fetch asks the health route.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "bin/dispatch.js", "serve"]
