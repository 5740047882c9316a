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

        assertThat(postgres.get("image")).isEqualTo("postgres:15");
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

        assertThat(dockerfile).containsPattern("(?m)^FROM maven:3-eclipse-temurin-17 AS build$")
                .containsPattern("(?m)^FROM eclipse-temurin:17-jre$")
                .containsPattern("(?m)^COPY --from=build .*sanad\\.jar")
                .containsPattern("(?m)^USER sanad$")
                .containsPattern("(?m)^VOLUME \\[\"/data\"]$")
                .containsPattern("(?m)^HEALTHCHECK .*\\n?.*/actuator/health");
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
