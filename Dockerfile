# One image for gateway, worker, simulator and the operator CLI; the command picks the app.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm run build:hub \
  && npx turbo run build --filter=@kim/cli --output-logs=errors-only && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
# The demo volume (compose profile demo) takes this folder's owner: the seed writes there as node.
RUN mkdir -p /demo && chown node:node /demo
USER node
CMD ["node", "apps/gateway/dist/main.js"]
