package org.sanad;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rooms and the one way their arrows run: adapters ({@code telegram}, {@code web}) → {@code ask} and
 * {@code staff} → {@code knowledge}, {@code safety}, {@code broadcast} → {@code text} and {@code audit}. A package
 * may use any package of a lower layer, none of its own layer and none above.
 */
class PackageLayersTest {

    private static final Path MAIN = Path.of("src/main/java/org/sanad");
    private static final Map<String, Integer> LAYERS = Map.of(
            "text", 0, "audit", 0,
            "knowledge", 1, "safety", 1, "broadcast", 1,
            "ask", 2, "staff", 2,
            "telegram", 3, "web", 3);
    private static final Pattern USE = Pattern.compile("\\borg\\.sanad\\.([a-z]+)\\.");

    @Test
    void everyPackageIsInALayer() throws IOException {
        try (Stream<Path> packages = Files.list(MAIN)) {
            assertThat(packages.filter(Files::isDirectory).map(path -> path.getFileName().toString()))
                    .allSatisfy(name -> assertThat(LAYERS).as("the layer of org.sanad." + name).containsKey(name));
        }
    }

    @Test
    void arrowsRunOneWayDown() throws IOException {
        Set<String> upOrSideways = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(file -> file.toString().endsWith(".java") && file.getParent() != MAIN).forEach(file -> {
                String from = MAIN.relativize(file).getName(0).toString();
                Matcher use = USE.matcher(withoutPackageLine(file));
                while (use.find()) {
                    String to = use.group(1);
                    String arrow = from + " -> " + to;
                    if (!to.equals(from) && LAYERS.containsKey(from) && LAYERS.containsKey(to)
                            && LAYERS.get(to) >= LAYERS.get(from)) {
                        upOrSideways.add(arrow + " (" + MAIN.relativize(file) + ")");
                    }
                }
            });
        }
        assertThat(upOrSideways).as("uses of a package in the same layer or above").isEmpty();
    }

    private static String withoutPackageLine(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replaceFirst("(?m)^package [a-z.]+;", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
