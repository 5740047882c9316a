package org.sanad.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml, the Dockerfile and .env.example as the clinic's IT person uses them (no Docker engine runs
 * here: .ci/run also has docker-compose check the file when it is installed).
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of(".");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml"), StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        return (Map<String, Object>) ((Map<String, Object>) compose().get("services")).get(name);
    }

    @Test
    @SuppressWarnings("unchecked")
    void postgresKeepsItsDataInANamedVolumeAndSaysWhenItIsReady() throws IOException {
        Map<String, Object> postgres = service("postgres");

        // the exact version the tests' own PostgreSQL runs (pom.xml's postgres.version)
        assertThat(postgres.get("image")).isEqualTo("postgres:" + pomProperty("postgres.version"));
        assertThat((List<String>) postgres.get("volumes")).anyMatch(v -> v.startsWith("postgres-data:/var/lib/postgresql/data"));
        assertThat((Map<String, Object>) compose().get("volumes")).containsKey("postgres-data");
        assertThat(String.valueOf(((Map<String, Object>) postgres.get("healthcheck")).get("test"))).contains("pg_isready");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theBotIsBuiltHereStartsOnceTheDatabaseIsHealthyAndTalksToIt() throws IOException {
        Map<String, Object> bot = service("bot");

        assertThat(bot.get("build")).isEqualTo(".");
        Map<String, Object> dependsOn = (Map<String, Object>) bot.get("depends_on");
        assertThat((Map<String, Object>) dependsOn.get("postgres")).containsEntry("condition", "service_healthy");
        assertThat(bot.get("env_file")).isEqualTo(".env");
        Map<String, Object> environment = (Map<String, Object>) bot.get("environment");
        assertThat(String.valueOf(environment.get("SPRING_DATASOURCE_URL"))).startsWith("jdbc:postgresql://postgres:5432/");
        assertThat(environment).containsKeys("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "DATA_DIR");
        assertThat((List<String>) bot.get("volumes")).anyMatch(v -> v.startsWith("sanad-data:/data"));
    }

    @Test
    void theImageIsBuiltInTwoStagesAndRunsAsAnUnprivilegedUserWithAHealthcheck() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"), StandardCharsets.UTF_8);

        assertThat(dockerfile).containsPattern("(?m)^FROM maven:3\\.\\d+\\.\\d+-eclipse-temurin-17 AS build$")
                .containsPattern("(?m)^FROM eclipse-temurin:17\\.0\\.\\d+_\\d+-jre$")
                .containsPattern("(?m)^ENV JAVA_OPTS=\".*-XX:MaxRAMPercentage=\\d+.*-Xss\\d+k.*\"$")
                .containsPattern("(?m)^ENTRYPOINT \\[\"/app/entrypoint\\.sh\"]$")
                .containsPattern("(?m)^COPY --from=build .*sanad\\.jar")
                .containsPattern("(?m)^USER sanad$")
                .containsPattern("(?m)^VOLUME \\[\"/data\"]$")
                .containsPattern("(?m)^HEALTHCHECK .*\\n?.*/actuator/health");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyImageIsPinnedEveryServiceIsLimitedAndItsLogsRotate() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        for (Map.Entry<String, Object> entry : services.entrySet()) {
            Map<String, Object> service = (Map<String, Object>) entry.getValue();
            String image = String.valueOf(service.get("image"));
            if (service.containsKey("build")) {
                continue; // sanad:latest is built here from the pinned Dockerfile
            }
            assertThat(image).as(entry.getKey() + "'s image").matches("[a-z0-9/._-]+:\\d+(\\.\\d+)+");
            if (!List.of("never").equals(service.get("profiles"))) {
                assertThat(service).as(entry.getKey()).containsKeys("mem_limit", "logging");
            }
        }
        for (String name : List.of("postgres", "bot", "proxy")) {
            Map<String, Object> logging = (Map<String, Object>) service(name).get("logging");
            assertThat(logging).as(name).containsEntry("driver", "json-file");
            assertThat((Map<String, Object>) logging.get("options")).as(name).containsKeys("max-size", "max-file");
        }
        assertThat(service("bot")).containsEntry("mem_limit", "512m");
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyThisMachineReachesTheAppUnlessTheProxyProfileServesIt() throws IOException {
        assertThat((List<String>) service("bot").get("ports")).allMatch(port -> port.startsWith("127.0.0.1:"));
        Map<String, Object> proxy = service("proxy");
        assertThat((List<String>) proxy.get("profiles")).containsExactly("proxy");
        assertThat((List<String>) proxy.get("ports")).contains("443:443");
        assertThat(String.valueOf(proxy.get("command"))).contains("bot:8080");
    }

    /** Without a Docker engine, Compose still reads the file: `config` must refuse the example's placeholder. */
    @Test
    void composeRefusesThePlaceholderPasswordAndAcceptsARealOne() throws Exception {
        List<String> compose = composeCommand();
        Assumptions.assumeTrue(compose != null, () -> {
            String message = "skipped: neither `docker compose` nor `docker-compose` is installed"
                    + " (apt-get install docker-compose; .ci/run does so)";
            System.out.println("DeploymentFilesTest " + message);
            return message;
        });
        Path dir = Files.createTempDirectory("sanad-compose");
        Files.copy(ROOT.resolve("docker-compose.yml"), dir.resolve("docker-compose.yml"));
        Files.copy(ROOT.resolve("Dockerfile"), dir.resolve("Dockerfile"));
        String example = Files.readString(ROOT.resolve(".env.example"), StandardCharsets.UTF_8);
        assertThat(example).contains("POSTGRES_PASSWORD=" + PLACEHOLDER);

        Files.writeString(dir.resolve(".env"), example);
        Result placeholder = run(dir, compose);
        assertThat(placeholder.exit()).as("docker-compose config with the placeholder").isNotZero();
        assertThat(placeholder.output()).contains("refuse-the-example-password");

        Files.writeString(dir.resolve(".env"), example.replace(PLACEHOLDER, "sTr0ng-and-Rand0m-4f1c9a7e2b"));
        Result real = run(dir, compose);
        assertThat(real.exit()).as("docker-compose config with a real password: " + real.output()).isZero();

        Files.writeString(dir.resolve(".env"), example.replace("POSTGRES_PASSWORD=" + PLACEHOLDER, "POSTGRES_PASSWORD="));
        Result empty = run(dir, compose);
        assertThat(empty.exit()).as("docker-compose config with no password").isNotZero();
        assertThat(empty.output()).contains("set POSTGRES_PASSWORD in .env");
    }

    @Test
    void theImageRefusesThePlaceholderPasswordBeforeStartingJava() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", ROOT.resolve("docker/entrypoint.sh").toString())
                .redirectErrorStream(true);
        builder.environment().put("SPRING_DATASOURCE_PASSWORD", PLACEHOLDER);
        builder.environment().put("JAVA_OPTS", "-version");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).isEqualTo(64);
        assertThat(output).contains("placeholder").doesNotContain("openjdk");
        assertThat(String.valueOf(service("postgres").get("entrypoint"))).contains(PLACEHOLDER);
    }

    private static final String PLACEHOLDER = "change-me-to-a-long-random-password";

    private record Result(int exit, String output) {
    }

    private static List<String> composeCommand() throws InterruptedException {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            List<String> version = new java.util.ArrayList<>(candidate);
            version.add("version");
            try {
                Process process = new ProcessBuilder(version).redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed
            }
        }
        return null;
    }

    private static Result run(Path dir, List<String> compose) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(compose);
        command.addAll(List.of("config", "-q"));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private static String pomProperty(String name) throws IOException {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(m.find()).as(name + " in pom.xml").isTrue();
        return m.group(1);
    }

    @Test
    void theExampleEnvironmentHoldsNoSecretAndEveryVariableIsInTheReadme() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve(".env.example"), StandardCharsets.UTF_8);
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        Set<String> variables = new LinkedHashSet<>();
        for (String line : lines) {
            Matcher assignment = Pattern.compile("^([A-Z_]+)=(.*)$").matcher(line);
            if (assignment.matches()) {
                variables.add(assignment.group(1));
                if (assignment.group(1).contains("TOKEN")) {
                    assertThat(assignment.group(2)).as(assignment.group(1) + " must be left empty").isEmpty();
                }
            }
        }

        assertThat(variables).contains("TELEGRAM_BOT_TOKEN", "POSTGRES_PASSWORD", "BOT_STAFF_IDS", "SANAD_BROADCAST_RATE");
        for (String variable : variables) {
            assertThat(readme).as(variable + " in the README").contains("`" + variable + "`");
        }
        assertThat(Files.readString(ROOT.resolve(".gitignore"))).containsPattern("(?m)^\\.env$");
    }
}
