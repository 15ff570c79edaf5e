# The tai2 service. Build the jar first, then the image:
#   ./mvnw -B -DskipTests package && docker compose build tai2
# The build extracts the jar and trains a JDK 25 AOT cache (scripts/tai2, TAI2_AOT=train): the container then reaches
# a healthy /health in about half the time of a plain java -jar (docs/BENCHMARKS.md, "Start-up"). The training run
# uses a scratch embedded database and closed local ports for OKX and the LLM, so the build reaches nothing outside.
FROM eclipse-temurin:25-jre

RUN groupadd --system tai2 && useradd --system --gid tai2 --home-dir /app --no-create-home tai2
WORKDIR /app
COPY target/tai2.jar /opt/tai2/tai2.jar
COPY scripts/tai2 /opt/tai2/tai2
ENV TAI2_JAR=/opt/tai2/tai2.jar TAI2_APP_DIR=/opt/tai2/app
RUN TAI2_AOT=train /opt/tai2/tai2 && chown -R tai2:tai2 /app
USER tai2

EXPOSE 8000
# GET /health is public and answers {"status":"ok",...} while the process serves requests (bash only, no curl needed).
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8000 && printf "GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" >&3 && grep -q "\"status\":\"ok\"" <&3'

# The launcher execs java, so java is PID 1 and gets SIGTERM: tai2 shuts down gracefully. Arguments go to tai2
# (default: serve). TAI2_AOT=off starts without the cache.
ENTRYPOINT ["/opt/tai2/tai2"]
