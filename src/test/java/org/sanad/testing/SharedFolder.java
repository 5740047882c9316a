package org.sanad.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's shared folder beside the repository ({@code ../shared}, or {@code -Dsanad.shared=…}): the MentalQA
 * off-topic questions and the clinic's source article, which are not in the repository. CI has it; a fresh clone
 * elsewhere does not, and the tests that read it are then skipped with a message that names what is missing.
 */
public final class SharedFolder {

    public static final Path ROOT = Path.of(System.getProperty("sanad.shared", "../shared"));

    private SharedFolder() {
    }

    /** A file or folder under the shared folder; skips the calling test (a JUnit assumption) when it is absent. */
    public static Path require(String relative) {
        Path path = ROOT.resolve(relative);
        if (!Files.exists(path)) {
            String message = "skipped: " + path.getParent().toAbsolutePath().normalize()
                    + " is missing (the shared folder beside the repository, ../shared, or -Dsanad.shared=<dir>)";
            // Surefire counts skipped tests but does not print why: say it in the log too.
            StackWalker.getInstance().walk(frames -> frames
                    .filter(frame -> frame.getClassName().matches(".*(Test|Benchmark|Tool)")).findFirst())
                    .ifPresent(caller -> System.out.println(caller.getClassName().replaceFirst(".*\\.", "") + "."
                            + caller.getMethodName() + " " + message));
            assumeTrue(false, message);
        }
        return path;
    }
}
