package org.sanad.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sanad.testing.SharedFolder;

/** The 350 real off-topic Arabic health questions (MentalQA) of {@code ../shared/eval/negatives}, read at test time. */
public final class OffTopicQuestions {

    private static final String FILE = "eval/negatives/mentalqa_train_dev_questions.txt";

    private OffTopicQuestions() {
    }

    /** The questions; skips the calling test when {@code ../shared/eval/negatives} is not there. */
    public static List<String> load() {
        Path file = SharedFolder.require(FILE);
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
