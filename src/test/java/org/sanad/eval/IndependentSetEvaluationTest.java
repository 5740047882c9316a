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
        evaluation = Evaluation.run(TestPipeline.shared(), TestPipeline.replies().doctorNote(),
                EvalRow.load("/eval/independent_questions.jsonl"));
        System.out.println(evaluation.report("independent set (src/test/resources/eval/independent_questions.jsonl)"));
    }

    @Test
    void endsEveryReplyWithTheDoctorNote() {
        assertThat(evaluation.get("doctor note in reply").rate()).isEqualTo(1.0);
    }
}
