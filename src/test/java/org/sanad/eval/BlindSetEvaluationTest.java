package org.sanad.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A third question set, written by someone who saw neither the code, its word lists nor the other sets, and
 * never used to tune anything: the honest estimate of how Sanad does on questions it has not met.
 */
class BlindSetEvaluationTest {

    private static Evaluation evaluation;

    @BeforeAll
    static void run() {
        evaluation = Evaluation.run(TestPipeline.shared(), TestPipeline.replies().doctorNote(),
                EvalRow.load("/eval/blind_questions.jsonl"));
        System.out.println(evaluation.report("independent set (src/test/resources/eval/blind_questions.jsonl)"));
    }

    @Test
    void endsEveryReplyWithTheDoctorNote() {
        assertThat(evaluation.get("doctor note in reply").rate()).isEqualTo(1.0);
    }
}
