# Lightbox app image: Next.js standalone server + a bundled migrate step and job worker. Used by docker-compose.yml
# (the `app` service runs the server, the `worker` service `node worker.mjs`).
FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN NEXT_OUTPUT=standalone npx next build \
 && npx esbuild scripts/migrate.ts --bundle --platform=node --format=esm --conditions=react-server \
      --external:@node-rs/argon2 --external:pg-native --banner:js="import { createRequire } from 'module'; const require = createRequire(import.meta.url);" \
      --outfile=dist/migrate.mjs \
 && npx esbuild scripts/worker.ts --bundle --platform=node --format=esm --conditions=react-server \
      --external:sharp --external:pg-native \
      --banner:js="import { createRequire } from 'module'; const require = createRequire(import.meta.url);" \
      --outfile=dist/worker.mjs

FROM node:22-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/dist/migrate.mjs ./migrate.mjs
COPY --from=build /app/dist/worker.mjs ./worker.mjs
COPY --from=build /app/lib/db/migrations ./lib/db/migrations
COPY --from=build /app/node_modules/@node-rs ./node_modules/@node-rs
USER node
EXPOSE 3000
CMD ["sh", "-c", "node migrate.mjs --migrations lib/db/migrations && exec node server.js"]
