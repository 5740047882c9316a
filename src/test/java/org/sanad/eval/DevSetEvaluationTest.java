package org.sanad.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanad.testing.SharedFolder;

/**
 * The development set of {@code ../shared/eval} (its copy in {@code src/test/resources/eval}, so that a clone
 * without {@code ../shared} runs it too), scored as its README describes; the build fails below the targets. It is a sample of a larger held-out set, so misses are fixed by generalising, never by fitting.
 */
class DevSetEvaluationTest {

    private static Evaluation evaluation;

    @BeforeAll
    static void run() {
        evaluation = Evaluation.run(TestPipeline.shared(), TestPipeline.replies(),
                EvalRow.load("/eval/dev_questions.jsonl"));
        System.out.println(evaluation.report("dev set (src/test/resources/eval/dev_questions.jsonl)"));
    }

    @Test
    void isTheSameAsTheSharedDevelopmentSet() throws IOException {
        Path shared = SharedFolder.require("eval/dev_questions.jsonl");
        try (InputStream copy = DevSetEvaluationTest.class.getResourceAsStream("/eval/dev_questions.jsonl")) {
            assertThat(copy.readAllBytes()).as("src/test/resources/eval/dev_questions.jsonl is a copy of " + shared)
                    .isEqualTo(Files.readAllBytes(shared));
        }
    }

    @Test
    void putsTheRightPassageFirstForNineInTenQuestions() {
        assertThat(evaluation.get("answer top-1").rate()).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void hasTheRightPassageInTheTopThreeForAlmostAll() {
        assertThat(evaluation.get("answer top-3").rate()).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void rejectsOutOfScopeQuestions() {
        assertThat(evaluation.get("out-of-scope rejected").rate()).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void neverAnswersChitchatWithAPassage() {
        assertThat(evaluation.get("chitchat: no passage").rate()).isEqualTo(1.0);
    }

    @Test
    void endsEveryReplyWithTheDoctorNote() {
        assertThat(evaluation.get("doctor note in reply").rate()).isEqualTo(1.0);
    }

    @Test
    void escalatesEveryEmergencyReport() {
        assertThat(evaluation.get("emergency recall").rate()).isEqualTo(1.0);
    }

    @Test
    void raisesFalseAlarmsOnAtMostThreePercentOfOrdinaryMessages() {
        assertThat(evaluation.get("no false alarm").rate()).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void answersADeniedDangerSignWithoutEscalating() {
        assertThat(evaluation.get("negated not escalated").rate()).isEqualTo(1.0);
        assertThat(evaluation.get("negated answered top-1").rate()).isEqualTo(1.0);
    }

    @Test
    void opensEveryEscalatedReplyWithTheUrgentAdvice() {
        assertThat(evaluation.get("escalated: urgent advice first").rate()).isEqualTo(1.0);
    }
}
