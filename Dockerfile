# syntax=docker/dockerfile:1
#
# ClaimDesk in a container (docs/deploy/README.md). Two stages: the release build with the Rust
# toolchain on Debian bookworm, then bookworm-slim with only what the binary links. `ldd` on the
# binary lists libpq.so.5 and what libpq pulls in (libssl3, libgssapi-krb5-2, libldap-2.5-0 and
# their own dependencies), libgcc_s and libc: installing libpq5 brings every one of them; libc6 and
# libgcc-s1 are in the base image already. SQLite is compiled into the binary.
#
#   docker build -t claimdesk .
#   docker run -d --name claimdesk -p 127.0.0.1:8080:8080 -v claimdesk-data:/var/lib/claimdesk \
#     -e CLAIMDESK_PUBLIC_URL=https://claims.example.org -e CLAIMDESK_SECURE_COOKIES=true claimdesk
#   docker exec claimdesk claimdesk backup /var/lib/claimdesk/backup-$(date +%F).db
#
# PostgreSQL instead of the SQLite file: -e DATABASE_URL=postgres://claimdesk@db/claimdesk and
# -e CLAIMDESK_SECRET_KEY=… (the same key for every instance).

# What CI builds with; Cargo.toml's rust-version (1.85) is the oldest that works.
ARG RUST_VERSION=1.95
# The build and runtime stages must share a Debian release: the binary links that release's glibc
# and libpq.
ARG DEBIAN_RELEASE=bookworm

FROM rust:${RUST_VERSION}-${DEBIAN_RELEASE} AS build
# libpq-dev: libpq's headers and pg_config for diesel's PostgreSQL backend. The image already has
# the C compiler the bundled SQLite needs.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# .cargo/config.toml: the bundled SQLite's compile flags (no process-wide memory locks).
COPY .cargo .cargo
COPY Cargo.toml Cargo.lock build.rs ./
COPY benches benches
COPY migrations migrations
COPY src src
COPY static static
COPY templates templates
# The registry and target folders are build caches (BuildKit), so a rebuild after a source change
# recompiles ClaimDesk, not its dependencies. The binary leaves the cache through /out.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked \
 && install -D -m 0755 target/release/claimdesk /out/claimdesk

FROM debian:${DEBIAN_RELEASE}-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 claimdesk \
 && useradd --system --uid 10001 --gid claimdesk --home-dir /var/lib/claimdesk \
      --no-create-home --shell /usr/sbin/nologin claimdesk \
 && install -d -o claimdesk -g claimdesk -m 0700 /var/lib/claimdesk
COPY --from=build /out/claimdesk /usr/local/bin/claimdesk
# Runs as the unprivileged claimdesk user. A new named volume takes the folder's owner and mode
# from the image; a host folder mounted there must be writable by uid 10001.
USER claimdesk:claimdesk
WORKDIR /var/lib/claimdesk
# Inside the container ClaimDesk listens on every interface; publish the port to the host's
# loopback and put the HTTPS proxy in front (docs/deploy). On SQLite with no CLAIMDESK_SECRET_KEY,
# the two-factor key is generated once into claimdesk.db.key beside the database, in the volume.
ENV DATABASE_URL=/var/lib/claimdesk/claimdesk.db \
    CLAIMDESK_BIND=0.0.0.0:8080 \
    RUST_LOG=info
VOLUME ["/var/lib/claimdesk"]
EXPOSE 8080
# Healthy when /readyz answers 200 (the server is up and its database answers). The slim image has
# no curl or wget; bash's /dev/tcp speaks the one HTTP/1.0 request, on the port of CLAIMDESK_BIND.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${CLAIMDESK_BIND##*:} && printf 'GET /readyz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# `docker run IMAGE` serves; `docker run IMAGE COMMAND …` (or docker exec) runs any other command.
ENTRYPOINT ["claimdesk"]
CMD ["serve"]
