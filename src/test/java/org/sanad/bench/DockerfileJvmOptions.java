package org.sanad.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JVM options the image runs Sanad with: {@code ENV JAVA_OPTS="…"} of the Dockerfile, the one place they live. */
public final class DockerfileJvmOptions {

    private static final Pattern JAVA_OPTS = Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]*)\"");

    private DockerfileJvmOptions() {
    }

    public static String read() {
        try {
            Matcher m = JAVA_OPTS.matcher(Files.readString(Path.of("Dockerfile")));
            if (!m.find()) {
                throw new IllegalStateException("The Dockerfile has no ENV JAVA_OPTS=\"…\" line");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
