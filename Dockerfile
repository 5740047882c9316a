# Sanad: build the jar with Maven, run it on a plain JRE as an unprivileged user.
#   docker build -t sanad .      (docker compose builds it for you: see the README)
# Image tags are pinned to exact versions; to take security updates, raise them here (and run the tests).

FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so that a change in the code does not download them again.
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY src ./src
# The tests start their own PostgreSQL and drive Chromium; they run in CI (.ci/run), not in the image build.
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17.0.16_8-jre
RUN groupadd --system sanad \
 && useradd --system --gid sanad --home-dir /app --no-create-home --shell /usr/sbin/nologin sanad \
 && mkdir -p /app /data \
 && chown sanad:sanad /data
WORKDIR /app
COPY --from=build /src/target/sanad.jar /app/sanad.jar
COPY docker/entrypoint.sh /app/entrypoint.sh
# A copy of the documents; docker-compose.yml mounts ./knowledge over it so that edits need no rebuild.
COPY knowledge /app/knowledge
# JVM options for a container of 512 MB (docker-compose.yml's mem_limit), measured by AnsweringBenchmark: see
# the README's "Memory". MaxRAMPercentage is of the container's limit.
ENV JAVA_OPTS="-XX:+UseSerialGC -XX:MaxRAMPercentage=50 -Xss512k -XX:MaxMetaspaceSize=160m -XX:+ExitOnOutOfMemoryError"
ENV SERVER_PORT=8080 \
    DATA_DIR=/data \
    KNOWLEDGE_DIR=/app/knowledge
# The Lucene index and, without PostgreSQL, the embedded H2 database.
VOLUME ["/data"]
EXPOSE 8080
USER sanad
# No curl in the JRE image: bash's /dev/tcp asks /actuator/health, which says UP once an index is serving.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT} && printf 'GET /actuator/health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]
ENTRYPOINT ["/app/entrypoint.sh"]
