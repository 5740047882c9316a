package org.sanad.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanad.ask.Answer;
import org.sanad.ask.AnswerService;

/**
 * 350 real Arabic questions about other health matters (MentalQA), read from {@code ../shared} at test time:
 * they share words with the article (دواء، جرعة، طبيب) but none may be answered with a passage.
 */
class OffTopicNegativesTest {

    static final Path NEGATIVES = Path.of(System.getProperty("sanad.shared", "../shared"),
            "eval/negatives/mentalqa_train_dev_questions.txt");

    @Test
    void answersRealOffTopicHealthQuestionsWithNoPassage() throws IOException {
        assertThat(NEGATIVES).as("the shared evaluation data next to the project").exists();
        List<String> questions = Files.readAllLines(NEGATIVES, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        AnswerService service = TestPipeline.shared();
        int rejected = 0;
        StringBuilder misses = new StringBuilder();
        for (String question : questions) {
            Answer answer = service.answer(question);
            if (!answer.answered()) {
                rejected++;
            } else {
                misses.append("   «").append(question.length() > 90 ? question.substring(0, 90) + "…" : question)
                        .append("» → ").append(answer.passages().get(0).passage().id()).append('\n');
            }
        }
        double rate = (double) rejected / questions.size();
        System.out.printf("%n=== off-topic negatives (MentalQA) ===%nanswered with no passage: %.1f %% (%d/%d)%n%s",
                100 * rate, rejected, questions.size(), misses);
        assertThat(rate).isGreaterThanOrEqualTo(0.95);
    }
}
