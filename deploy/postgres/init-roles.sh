#!/usr/bin/env bash
# The production layout's two roles and the database (docs/production-store.md), created once
# by the postgres image when it initialises an empty data volume (/docker-entrypoint-initdb.d).
#   turingcore_migrator  owns the database and every table; only `turingcore migrate` uses it
#   turingcore_app       what `turingcore serve` connects as: no ownership, no BYPASSRLS
# Passwords come from the environment (deploy/.env); the SQL never holds them literally.
# The entrypoint may source this file rather than run it, so it sets no shell options.
if [ -z "${TURINGCORE_MIGRATOR_PASSWORD:-}" ] || [ -z "${TURINGCORE_APP_PASSWORD:-}" ]; then
  echo "init-roles: TURINGCORE_MIGRATOR_PASSWORD and TURINGCORE_APP_PASSWORD must be set" >&2
  exit 1
fi
psql --no-psqlrc -v ON_ERROR_STOP=1 \
  --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
  --set migrator_password="$TURINGCORE_MIGRATOR_PASSWORD" \
  --set app_password="$TURINGCORE_APP_PASSWORD" <<'SQL' || exit 1
CREATE ROLE turingcore_migrator LOGIN PASSWORD :'migrator_password';
CREATE ROLE turingcore_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE
  PASSWORD :'app_password';
CREATE DATABASE turingcore OWNER turingcore_migrator;
SQL
