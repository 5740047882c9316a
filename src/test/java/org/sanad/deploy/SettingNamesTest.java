package org.sanad.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.Yaml;

/**
 * One naming scheme: a setting is either one of the clinic's contract variables, mapped in application.yml, or
 * {@code SANAD_<ROOM>_<SETTING>}, bound by Spring to a {@code sanad.<room>} properties record. The README documents
 * every setting, and no deployment file names a variable Sanad would silently ignore.
 */
class SettingNamesTest {

    private static final Path ROOT = Path.of(".");
    private static final Pattern SANAD_VARIABLE = Pattern.compile("\\bSANAD_[A-Z0-9_]+\\b");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    /** Every setting of every {@code sanad.*} properties record: its environment variable, and its property. */
    private static Map<String, String> settings() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Map<String, String> settings = new LinkedHashMap<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("org.sanad")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            assertThat(prefix).as(type.getName()).matches("sanad\\.[a-z]+");
            assertThat(type.isRecord()).as(type.getName() + " is a record").isTrue();
            collect(prefix, type, settings);
        }
        return settings;
    }

    private static void collect(String prefix, Class<?> type, Map<String, String> settings) {
        for (RecordComponent component : type.getRecordComponents()) {
            String property = prefix + "." + kebab(component.getName());
            if (component.getType().isRecord()) {
                collect(property, component.getType(), settings);
            } else {
                String variable = prefix.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT) + "_"
                        + component.getName().toUpperCase(Locale.ROOT);
                settings.put(variable, property);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** application.yml's {@code sanad.*} properties set from a contract variable, with those variables. */
    @SuppressWarnings("unchecked")
    private static Map<String, Set<String>> contractVariables() throws IOException {
        Map<String, Object> yaml = new Yaml().load(Files.readString(ROOT.resolve("src/main/resources/application.yml")));
        Map<String, Set<String>> mapped = new LinkedHashMap<>();
        flatten("", yaml, mapped);
        return mapped;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String path, Object node, Map<String, Set<String>> mapped) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(path.isEmpty() ? String.valueOf(key) : path + "." + key, value, mapped));
            return;
        }
        Matcher variables = PLACEHOLDER.matcher(String.valueOf(node));
        while (variables.find()) {
            mapped.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(variables.group(1));
        }
    }

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
    }

    @Test
    void everySanadVariableTheDeploymentFilesNameIsARealSetting() throws Exception {
        Set<String> known = settings().keySet();
        assertThat(known).contains("SANAD_BROADCAST_RATE", "SANAD_TELEGRAM_WORKERS", "SANAD_AUDIT_KEEPUNANSWEREDTEXT");
        for (String file : List.of("README.md", ".env.example", "docker-compose.yml", "Dockerfile")) {
            Matcher named = SANAD_VARIABLE.matcher(read(file));
            while (named.find()) {
                assertThat(known).as(named.group() + " in " + file + " sets nothing").contains(named.group());
            }
        }
    }

    @Test
    void theReadmeDocumentsEverySettingUnderTheNameThatSetsIt() throws Exception {
        String readme = read("README.md");
        Map<String, Set<String>> contract = contractVariables();
        settings().forEach((variable, property) -> {
            Set<String> names = contract.getOrDefault(property, Set.of(variable));
            assertThat(names).as(property + " in the README's configuration table")
                    .anyMatch(name -> readme.contains("`" + name + "`"));
        });
    }

    @Test
    void applicationYmlMapsOnlyContractVariablesAndLeavesDefaultsToTheRecords() throws Exception {
        contractVariables().forEach((property, variables) -> assertThat(variables).as(property)
                .noneMatch(variable -> variable.startsWith("SANAD_")));
        assertThat(contractVariables().keySet()).filteredOn(property -> property.startsWith("sanad."))
                .allMatch(property -> property.matches("sanad\\.(knowledge\\.(dir|index-dir)|safety\\..+|staff\\..+"
                        + "|handoff\\.(staff-chat-id|clinic-hours|timezone)"
                        + "|alert\\.(staff-chat-id|include-text)"
                        + "|checkin\\.(schedule|followup-reminder|quiet-hours|clinic-timezone)"
                        + "|telegram\\.(token|api-url|webhook-url|webhook-secret))"));
    }
}
