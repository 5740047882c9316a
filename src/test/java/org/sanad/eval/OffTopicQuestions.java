package org.sanad.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The 350 real off-topic Arabic health questions (MentalQA) of {@code ../shared/eval/negatives}, read at test time. */
public final class OffTopicQuestions {

    private static final Path FILE = Path.of(System.getProperty("sanad.shared", "../shared"),
            "eval/negatives/mentalqa_train_dev_questions.txt");

    private OffTopicQuestions() {
    }

    public static List<String> load() {
        assertThat(FILE).as("the shared evaluation data next to the project").exists();
        try {
            return Files.readAllLines(FILE, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
