# One image per app, built from the whole workspace:
#   docker build --build-arg APP=identity --build-arg PORT=3002 -t ghcr.io/cdp/identity:0.1.0 .
# APP is one of the services in libs/shared/util-config/src/services.ts; PORT is its default port
# there (the Helm chart sets PORT in the environment anyway).
ARG NODE_IMAGE=node:20-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The build compiles every app and copies each data-access lib's migrations into dist/.
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ARG APP
ARG PORT=3000
RUN test -n "$APP" || (echo "build with --build-arg APP=<service>" >&2; exit 1)
ENV NODE_ENV=production \
    APP=${APP} \
    HOST=0.0.0.0 \
    PORT=${PORT}
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Numeric uid (the image's "node" user) so Kubernetes' runAsNonRoot can check it.
USER 1000:1000
EXPOSE ${PORT}
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Shell form so ${APP} expands at run time; exec so node gets SIGTERM directly and drains.
CMD exec node dist/apps/${APP}/src/main.js
