package org.sanad.eval;

/**
 * Heavy-dialect questions (Iraqi, Sudanese, Tunisian, Moroccan, Algerian, Yemeni, Arabizi, English) on the first
 * article, written blind, scored with the new documents beside it as a clinic would have them. First run: top-1
 * 57.9 %, top-3 70.2 %, wrong 14.0 %, out-of-scope rejected 63.6 % (plain Lucene: 24.6 %, 38.6 %, 50.9 %, 27.3 %).
 * Held at the levels reached; the target is top-1 80 %, top-3 92 %, wrong 10 %.
 */
class HeavyDialectSetEvaluationTest extends NewDocumentSetEvaluationTest {

    @Override
    String resource() {
        return "/eval/heavy_dialect_questions.jsonl";
    }

    @Override
    String title() {
        return "heavy dialect set";
    }

    @Override
    Floors floors() {
        // wrong ≤ 13 %: the did-you-mean between two documents neither of which has the topic took it from 8 to 7
        return new Floors(0.57, 0.68, 0.13, 0.45);
    }
}
