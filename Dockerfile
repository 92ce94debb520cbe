# One image for the six services: `docker compose` picks the service with its command.
# Stage 1 installs and builds the whole workspace; stage 2 keeps production dependencies and the built output.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs ./libs
COPY apps ./apps
COPY tools ./tools
COPY scripts ./scripts
COPY tsconfig.base.json tsconfig.build.json nx.json ./
RUN npm ci --no-audit --no-fund && npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/libs ./libs
COPY --from=build /app/apps ./apps
COPY --from=build /app/tools ./tools
COPY --from=build /app/scripts ./scripts
USER node
CMD ["node", "--heap-growing-percent=100", "--max-semi-space-size=8", "apps/api-gateway/dist/main.js"]
