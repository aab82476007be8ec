# Lightbox app image: Next.js standalone server + a bundled migrate step. Used by docker-compose.yml.
FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN NEXT_OUTPUT=standalone npx next build \
 && npx esbuild scripts/migrate.ts --bundle --platform=node --format=esm --conditions=react-server \
      --external:@node-rs/argon2 --banner:js="import { createRequire } from 'module'; const require = createRequire(import.meta.url);" \
      --outfile=dist/migrate.mjs

FROM node:22-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/dist/migrate.mjs ./migrate.mjs
COPY --from=build /app/db/migrations ./db/migrations
COPY --from=build /app/node_modules/@node-rs ./node_modules/@node-rs
USER node
EXPOSE 3000
CMD ["sh", "-c", "node migrate.mjs --migrations db/migrations && exec node server.js"]
