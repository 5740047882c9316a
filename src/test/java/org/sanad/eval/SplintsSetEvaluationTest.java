package org.sanad.eval;

/**
 * Parents' questions on a new clinic document about splints, serial casting and physiotherapy
 * ({@code new-documents/splints-casts-physiotherapy.md}), written blind. First run, before any fix for it: top-1
 * 9.1 %, top-3 21.8 %, wrong 18.2 %, out-of-scope rejected 84.6 % (plain Lucene: 47.3 %, 65.5 %, 34.5 %, 23.1 %).
 * Held at the levels reached; the target is top-1 80 %, top-3 90 %, wrong 10 %.
 */
class SplintsSetEvaluationTest extends NewDocumentSetEvaluationTest {

    @Override
    String resource() {
        return "/eval/splints_questions.jsonl";
    }

    @Override
    String title() {
        return "splints set";
    }

    @Override
    Floors floors() {
        return new Floors(0.13, 0.27, 0.21, 0.84);
    }
}
