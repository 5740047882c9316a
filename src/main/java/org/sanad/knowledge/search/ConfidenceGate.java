package org.sanad.knowledge.search;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Decides whether the best passage answers the message. BM25 scores move whenever admins add documents, so the
 * gate looks at evidence that keeps its meaning: how many of the message's content words the passage covers,
 * and whether the message names the domain at all.
 */
public final class ConfidenceGate {

    private final Settings properties;

    public ConfidenceGate(Settings properties) {
        this.properties = properties;
    }

    /**
     * Thresholds of the gate, set as {@code SANAD_KNOWLEDGE_GATE_*}; see the README's configuration table.
     *
     * @param coverageWithAnchor    share of the content words (rarity-weighted) to cover when the message names
     *                              the subject
     * @param coverageWithoutAnchor share to cover otherwise
     * @param minMatched            content words the best passage must have at least
     * @param strongMatch           matched rarity (in rarest-word units) that lets a long message pass with less
     *                              coverage: parents tell a story around their question
     * @param coverageWithStrongMatch the coverage still needed then
     * @param unknownWordWeight     how much more than the rarest known word a word no document has weighs: it is
     *                              most likely what the question is about («سعر», «الباكلوفين»)
     */
    public record Settings(
            @DefaultValue(COVERAGE_WITH_ANCHOR) @DecimalMin("0") @DecimalMax("1") double coverageWithAnchor,
            @DefaultValue(COVERAGE_WITHOUT_ANCHOR) @DecimalMin("0") @DecimalMax("1") double coverageWithoutAnchor,
            @DefaultValue(MIN_MATCHED) @Min(1) int minMatched,
            @DefaultValue(STRONG_MATCH) @DecimalMin("0") double strongMatch,
            @DefaultValue(COVERAGE_WITH_STRONG_MATCH) @DecimalMin("0") @DecimalMax("1") double coverageWithStrongMatch,
            @DefaultValue(UNKNOWN_WORD_WEIGHT) @DecimalMin("1") double unknownWordWeight) {

        static final String COVERAGE_WITH_ANCHOR = "0.5";
        static final String COVERAGE_WITHOUT_ANCHOR = "0.6";
        static final String MIN_MATCHED = "1";
        static final String STRONG_MATCH = "1.2";
        static final String COVERAGE_WITH_STRONG_MATCH = "0.3";
        static final String UNKNOWN_WORD_WEIGHT = "1.5";

        /** The defaults, as configuration gives them when nothing is set. */
        public static Settings defaults() {
            return new Settings(Double.parseDouble(COVERAGE_WITH_ANCHOR), Double.parseDouble(COVERAGE_WITHOUT_ANCHOR),
                    Integer.parseInt(MIN_MATCHED), Double.parseDouble(STRONG_MATCH),
                    Double.parseDouble(COVERAGE_WITH_STRONG_MATCH), Double.parseDouble(UNKNOWN_WORD_WEIGHT));
        }

        /** The defaults with other coverage thresholds. */
        public Settings withCoverage(double withAnchor, double withoutAnchor) {
            return new Settings(withAnchor, withoutAnchor, minMatched, strongMatch, coverageWithStrongMatch,
                    unknownWordWeight);
        }
    }

    SearchResult.Evidence evidence(List<PassageSearch.ResolvedSlot> slots, Set<String> passageTerms) {
        return evidence(slots, passageTerms, passageTerms, Set.of());
    }

    /**
     * @param ownTerms      the words of the passage's text and heading
     * @param questionTerms those and the words of its example questions: a word only an example question has
     *                      counts for half, so that the questions help without outweighing what the text says
     * @param headingTerms  the words of the passage's section heading: a message that names that topic with a
     *                      distinctive word («الجبيرة», «المدرسة») is on the subject, as one naming Botox is
     */
    SearchResult.Evidence evidence(List<PassageSearch.ResolvedSlot> slots, Set<String> ownTerms,
            Set<String> questionTerms, Set<String> headingTerms) {
        int content = 0;
        int unknown = 0;
        double weight = 0;
        double covered = 0;
        double unknownWeight = 0;
        int matched = 0;
        boolean anchor = false;
        for (PassageSearch.ResolvedSlot slot : slots) {
            if (slot.slot().weak() || slot.unknown() && slot.slot().general()) {
                continue;
            }
            content++;
            anchor |= slot.anchor();
            double w = slot.weight();
            anchor |= !slot.unknown() && !slot.slot().general() && w >= DISTINCTIVE
                    && slot.known().stream().anyMatch(headingTerms::contains);
            weight += w;
            if (slot.unknown() && slot.understood()) {
                // An everyday word the lexicon reads but no document uses: understood, so it weighs as a known
                // word the passage lacks, not as the mystery word an unknown one likely is.
                continue;
            }
            if (slot.unknown()) {
                unknown++;
                double u = w * properties.unknownWordWeight();
                unknownWeight += u;
                weight += u - w;
                continue;
            }
            boolean own = slot.known().stream().anyMatch(ownTerms::contains);
            boolean inQuestions = own || slot.known().stream().anyMatch(questionTerms::contains);
            if (inQuestions) {
                // A spelling guess («اسهال» → «اسهل») adds coverage but does not count as a matched word.
                matched += slot.repaired() && !slot.slot().latin() ? 0 : slot.slot().span();
                covered += (slot.repaired() ? 0.75 * w : w) * (own ? 1 : QUESTION_ONLY_CREDIT);
            }
        }
        double coverage = weight == 0 ? 0 : covered / weight;
        return new SearchResult.Evidence(content, matched, unknown, round(coverage), anchor, round(covered),
                round(unknownWeight), round(weight - covered - unknownWeight));
    }

    /** Rarity (0..1) a heading word needs to name a topic: «الطفل» is in every heading's neighbourhood. */
    static final double DISTINCTIVE = 0.35;

    /** What a word found only in a passage's example questions counts for, against one in its text. */
    static final double QUESTION_ONLY_CREDIT = 0.5;

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** Answered on coverage alone, without the allowance for long messages. */
    boolean coveredPlainly(SearchResult.Evidence evidence) {
        return evidence.coverage() >= (evidence.anchor() ? properties.coverageWithAnchor()
                : properties.coverageWithoutAnchor());
    }

    boolean answers(SearchResult.Evidence evidence) {
        if (evidence.matched() < properties.minMatched()) {
            return false;
        }
        if (evidence.anchor()) {
            return evidence.coverage() >= properties.coverageWithAnchor()
                    || evidence.matchedWeight() >= properties.strongMatch()
                    && evidence.coverage() >= properties.coverageWithStrongMatch();
        }
        // Off the subject's own words, one matching word is chance («أحسن نوع حفاضات»): ask for two.
        return evidence.matched() >= 2 && evidence.coverage() >= properties.coverageWithoutAnchor();
    }
}
