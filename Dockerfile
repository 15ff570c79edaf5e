# The tai2 service. Build the jar first, then the image:
#   ./mvnw -B -DskipTests package && docker compose build tai2
FROM eclipse-temurin:25-jre

RUN groupadd --system tai2 && useradd --system --gid tai2 --home-dir /app --no-create-home tai2
WORKDIR /app
COPY target/tai2.jar /app/tai2.jar
USER tai2

EXPOSE 8000
# GET /health is public and answers {"status":"ok",...} while the process serves requests (bash only, no curl needed).
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8000 && printf "GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" >&3 && grep -q "\"status\":\"ok\"" <&3'

# Exec form: java is PID 1 and gets SIGTERM, so tai2 shuts down gracefully. Arguments go to tai2 (default: serve).
ENTRYPOINT ["java", "-jar", "/app/tai2.jar"]
