package org.sanad.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanad.ask.Answer;
import org.sanad.ask.AnswerService;

/**
 * 350 real Arabic questions about other health matters (MentalQA), read from {@code ../shared} at test time:
 * they share words with the article (دواء، جرعة، طبيب) but none may be answered with a passage.
 */
class OffTopicNegativesTest {

    @Test
    void answersRealOffTopicHealthQuestionsWithNoPassage() {
        List<String> questions = OffTopicQuestions.load();
        AnswerService service = TestPipeline.shared();
        int rejected = 0;
        int checks = 0;
        StringBuilder misses = new StringBuilder();
        StringBuilder checked = new StringBuilder();
        for (String question : questions) {
            Answer answer = service.answer(question);
            if (answer.kind() == Answer.Kind.CHECK) {
                checks++;
                checked.append("   CHECK «").append(question.length() > 90 ? question.substring(0, 90) + "…" : question)
                        .append("»\n");
            }
            if (!answer.answered()) {
                rejected++;
            } else {
                misses.append("   «").append(question.length() > 90 ? question.substring(0, 90) + "…" : question)
                        .append("» → ").append(answer.passages().get(0).id()).append('\n');
            }
        }
        double rate = (double) rejected / questions.size();
        System.out.printf("%n=== off-topic negatives (MentalQA) ===%nanswered with no passage: %.1f %% (%d/%d)%n"
                + "CHECK rate: %.1f %% (%d/%d)%n%s", 100 * rate, rejected, questions.size(),
                100.0 * checks / questions.size(), checks, questions.size(), misses.append(checked));
        assertThat(rate).isGreaterThanOrEqualTo(0.95);
        assertThat((double) checks / questions.size()).as("the safety net on other people's health questions")
                .isLessThanOrEqualTo(0.10);
    }
}
