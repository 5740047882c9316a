package org.sanad.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fifth question set (227 rows, all dialects), written by someone who saw only the article, the eval README and
 * the red-flag sources, after every other set had been used for tuning. Its first run was the honest estimate:
 * top-1 82.5 %, top-3 90.0 %, unrelated rejected 92.0 %, uncovered rejected 50.0 %, emergency recall 83.3 %, false
 * alarms 0.6 %. Its misses then pointed at missing everyday words, French and English fillers; it now guards them.
 */
class FreshSetEvaluationTest {

    private static Evaluation evaluation;

    @BeforeAll
    static void run() {
        evaluation = Evaluation.run(TestPipeline.shared(), TestPipeline.replies().doctorNote(),
                EvalRow.load("/eval/fresh_questions.jsonl"));
        System.out.println(evaluation.report("fresh set (src/test/resources/eval/fresh_questions.jsonl)"));
    }

    @Test
    void putsTheRightPassageFirstForRegularQuestions() {
        assertThat(evaluation.get("answer top-1 (regular)").rate()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void findsMostHeavyDialectAndArabiziQuestions() {
        assertThat(evaluation.get("answer top-1 (hard)").rate()).isGreaterThanOrEqualTo(0.8);
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
}
