package org.sanad.eval;

/**
 * A second question set, written apart from the retrieval code in other words, dialects and Arabizi, and used
 * for tuning: held at the levels reached.
 */
class IndependentSetEvaluationTest extends QuestionSetEvaluationTest {

    @Override
    String resource() {
        return "/eval/independent_questions.jsonl";
    }

    @Override
    String title() {
        return "independent set";
    }

    @Override
    Floors floors() {
        return new Floors(0.88, 0.75, 0.93, 0.95, 0.5, 0.9);
    }
}
