# Build:  docker build -t content-club .
# Run:    docker run -p 8080:8080 -v content-club-data:/data content-club
# Configure with CONTENT_CLUB__SECTION__KEY environment variables (see config/default.toml),
# e.g. -e CONTENT_CLUB__DATABASE__URL=postgres://club:secret@db/club
#      -e CONTENT_CLUB__CLUB__BASE_URL=https://club.example.org

FROM rust:1.95-slim-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends pkg-config libssl-dev make perl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY .cargo ./.cargo
COPY src ./src
COPY migrations ./migrations
COPY templates ./templates
COPY config ./config
# postgres-tls: libpq with TLS, for managed PostgreSQL services that require it.
RUN cargo build --release --locked --features postgres-tls \
 && strip target/release/content-club

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libssl3 curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin club \
 && mkdir -p /data && chown club: /data
COPY --from=build /src/target/release/content-club /usr/local/bin/content-club
USER club
WORKDIR /data
ENV CONTENT_CLUB__SERVER__BIND=0.0.0.0:8080 \
    CONTENT_CLUB__SERVER__DATA_DIR=/data \
    CONTENT_CLUB__DATABASE__URL=sqlite:///data/content-club.db \
    CONTENT_CLUB__EMAIL__FILE_DIR=/data/mail
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["content-club"]
CMD ["serve"]
