# The API image. The seed data is not baked in: mount the shared data folder at /data.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV PORT=3000 DATA_DIR=/data
EXPOSE 3000
USER node
CMD ["npx", "tsx", "server/main.ts"]
