package org.sanad.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One question set written apart from the code, scored as {@code ../shared/eval/README.md} describes and held at
 * its floors: a drop below one fails the build. Each subclass names its file and its floors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QuestionSetEvaluationTest {

    /**
     * The levels a set must keep; emergencies, chitchat, the doctor note and the urgent-advice-first rule are
     * absolute for every set.
     *
     * @param uncoveredRejected on-topic questions the documents do not answer (price, booking…); the held-out
     *                          target is 50 %
     * @param negatedNotEscalated the issue asks for two in three
     */
    record Floors(double regularTop1, double hardTop1, double top3, double unrelatedRejected,
            double uncoveredRejected, double negatedNotEscalated) {
    }

    private Evaluation evaluation;

    /** The set's file on the test classpath, e.g. {@code /eval/blind_questions.jsonl}. */
    abstract String resource();

    abstract String title();

    abstract Floors floors();

    @BeforeAll
    void run() {
        evaluation = Evaluation.run(TestPipeline.shared(), TestPipeline.replies(), EvalRow.load(resource()));
        System.out.println(evaluation.report(title() + " (src/test/resources" + resource() + ")"));
    }

    @Test
    void putsTheRightPassageFirstForRegularQuestions() {
        assertThat(evaluation.get("answer top-1 (regular)").rate()).isGreaterThanOrEqualTo(floors().regularTop1());
    }

    @Test
    void findsMostHeavyDialectAndArabiziQuestions() {
        assertThat(evaluation.get("answer top-1 (hard)").rate()).isGreaterThanOrEqualTo(floors().hardTop1());
    }

    @Test
    void hasTheRightPassageInTheTopThree() {
        assertThat(evaluation.get("answer top-3").rate()).isGreaterThanOrEqualTo(floors().top3());
    }

    @Test
    void rejectsQuestionsOnOtherSubjects() {
        assertThat(evaluation.get("oos unrelated rejected").rate())
                .isGreaterThanOrEqualTo(floors().unrelatedRejected());
    }

    @Test
    void rejectsOnTopicQuestionsTheDocumentsDoNotCover() {
        assertThat(evaluation.get("oos uncovered rejected").rate())
                .isGreaterThanOrEqualTo(floors().uncoveredRejected());
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
    void asksAboutTheDangerSignsOnAtMostOneOrdinaryQuestionInTen() {
        Evaluation.Measure noCheck = evaluation.get("answer questions: no CHECK");
        assertThat(evaluation.checkRate(noCheck)).as(noCheck.misses().toString()).isLessThanOrEqualTo(0.10);
    }

    @Test
    void escalatesOrAsksAboutEveryEmergencyReport() {
        assertThat(evaluation.get("emergency: URGENT or CHECK").rate()).isEqualTo(1.0);
    }

    @Test
    void answersDeniedDangerSignsWithoutEscalating() {
        assertThat(evaluation.get("negated not escalated").rate())
                .isGreaterThanOrEqualTo(floors().negatedNotEscalated());
    }

    @Test
    void opensEveryEscalatedReplyWithTheUrgentAdvice() {
        assertThat(evaluation.get("escalated: urgent advice first").rate()).isEqualTo(1.0);
    }
}
