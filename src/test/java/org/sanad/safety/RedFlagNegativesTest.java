package org.sanad.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sanad.text.TestText;
import org.junit.jupiter.api.Test;
import org.sanad.eval.OffTopicQuestions;

/**
 * 350 real Arabic questions on mental health (MentalQA), read from {@code ../shared} at test time: adults
 * describing panic («ضيق في التنفس، اختناق») must not get the ambulance advice meant for a child after an
 * injection. Those who write of suicide or self-harm get the crisis reply, which is counted and printed.
 */
class RedFlagNegativesTest {

    @Test
    void almostNeverEscalatesAdultsHealthQuestions() {
        List<String> questions = OffTopicQuestions.load();
        RedFlagDetector detector = new RedFlagDetector();
        Map<Triage.Level, Integer> levels = new EnumMap<>(Triage.Level.class);
        StringBuilder urgent = new StringBuilder();
        for (String question : questions) {
            Triage triage = detector.assess(TestText.read(question));
            levels.merge(triage.level(), 1, Integer::sum);
            if (triage.level() == Triage.Level.URGENT) {
                urgent.append("   ").append(triage.rule()).append(" «")
                        .append(question.length() > 80 ? question.substring(0, 80) + "…" : question).append("»\n");
            }
        }
        System.out.printf("%n=== red-flag triage of off-topic negatives (MentalQA, %d) ===%n%s%n%s", questions.size(),
                levels, urgent);
        assertThat(levels.getOrDefault(Triage.Level.URGENT, 0)).as("urgent").isLessThanOrEqualTo(3);
        // Suicide and self-harm are what MentalQA is about: the crisis reply is the right one for those.
        assertThat(levels.getOrDefault(Triage.Level.CRISIS, 0)).as("crisis").isLessThanOrEqualTo(40);
    }
}
