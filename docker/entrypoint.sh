#!/bin/sh
# Starts Sanad in the image: refuses the example's placeholder password, then runs the jar with the image's JVM
# options (JAVA_OPTS, set in the Dockerfile; see the README's "Memory").
set -eu
if [ "${SPRING_DATASOURCE_PASSWORD:-}" = "change-me-to-a-long-random-password" ]; then
  echo "Sanad: SPRING_DATASOURCE_PASSWORD (POSTGRES_PASSWORD in .env) is still the example's placeholder." >&2
  echo "Sanad: choose a long random password (e.g. openssl rand -base64 24) and put it in .env." >&2
  exit 64
fi
# JAVA_OPTS is split into words on purpose.
# shellcheck disable=SC2086
exec java $JAVA_OPTS -jar /app/sanad.jar "$@"
