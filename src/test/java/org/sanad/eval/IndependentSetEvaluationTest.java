package org.sanad.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A second question set, written apart from the retrieval code in other words, dialects and Arabizi: the
 * closest stand-in here for the held-out set that judges Sanad.
 */
class IndependentSetEvaluationTest {

    private static Evaluation evaluation;

    @BeforeAll
    static void run() {
        evaluation = Evaluation.run(TestPipeline.shared(), TestPipeline.replies(),
                EvalRow.load("/eval/independent_questions.jsonl"));
        System.out.println(evaluation.report("independent set (src/test/resources/eval/independent_questions.jsonl)"));
    }

    @Test
    void putsTheRightPassageFirstForRegularQuestions() {
        assertThat(evaluation.get("answer top-1 (regular)").rate()).isGreaterThanOrEqualTo(0.88);
    }

    @Test
    void findsMostHeavyDialectAndArabiziQuestions() {
        assertThat(evaluation.get("answer top-1 (hard)").rate()).isGreaterThanOrEqualTo(0.75);
    }

    @Test
    void hasTheRightPassageInTheTopThree() {
        assertThat(evaluation.get("answer top-3").rate()).isGreaterThanOrEqualTo(0.93);
    }

    @Test
    void rejectsQuestionsOnOtherSubjects() {
        assertThat(evaluation.get("oos unrelated rejected").rate()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void rejectsSomeOnTopicQuestionsTheDocumentsDoNotCover() {
        // Price, booking, alternatives: measured, and held at the level reached; the held-out target is 50 %.
        assertThat(evaluation.get("oos uncovered rejected").rate()).isGreaterThanOrEqualTo(0.5);
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
        // Held at the level reached: a new miss here is a lexicon regression.
        assertThat(evaluation.get("emergency recall").rate()).isEqualTo(1.0);
    }

    @Test
    void raisesFalseAlarmsOnAtMostThreePercentOfOrdinaryMessages() {
        assertThat(evaluation.get("no false alarm").rate()).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void answersDeniedDangerSignsWithoutEscalating() {
        // The issue asks for two in three; these sets reach all.
        assertThat(evaluation.get("negated not escalated").rate()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void opensEveryEscalatedReplyWithTheUrgentAdvice() {
        assertThat(evaluation.get("escalated: urgent advice first").rate()).isEqualTo(1.0);
    }
}
