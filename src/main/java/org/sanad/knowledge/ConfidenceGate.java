package org.sanad.knowledge;

import java.util.List;
import java.util.Set;

/**
 * Decides whether the best passage answers the message. BM25 scores move whenever admins add documents, so the
 * gate looks at evidence that keeps its meaning: how many of the message's content words the passage covers,
 * and whether the message names the domain at all.
 */
final class ConfidenceGate {

    private final GateProperties properties;

    ConfidenceGate(GateProperties properties) {
        this.properties = properties;
    }

    /**
     * Thresholds of the gate; see the README's configuration table.
     *
     * @param strongMatch           matched rarity (in rarest-word units) that lets a long message pass with less
     *                              coverage: parents tell a story around their question
     * @param coverageWithStrongMatch the coverage still needed then
     * @param unknownWordWeight     how much more than the rarest known word a word no document has weighs: it is
     *                              most likely what the question is about («سعر», «الباكلوفين»)
     */
    record GateProperties(double coverageWithAnchor, double coverageWithoutAnchor, int minMatched, double strongMatch,
            double coverageWithStrongMatch, double unknownWordWeight) {

        GateProperties(double coverageWithAnchor, double coverageWithoutAnchor, int minMatched) {
            this(coverageWithAnchor, coverageWithoutAnchor, minMatched, 1.2, 0.3, 1.5);
        }
    }

    SearchResult.Evidence evidence(List<PassageSearch.ResolvedSlot> slots, Set<String> passageTerms) {
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
            weight += w;
            if (slot.unknown()) {
                unknown++;
                double u = w * properties.unknownWordWeight();
                unknownWeight += u;
                weight += u - w;
                continue;
            }
            if (slot.known().stream().anyMatch(passageTerms::contains)) {
                // A spelling guess («اسهال» → «اسهل») adds coverage but does not count as a matched word.
                matched += slot.repaired() && !slot.slot().latin() ? 0 : slot.slot().span();
                covered += slot.repaired() ? 0.75 * w : w;
            }
        }
        double coverage = weight == 0 ? 0 : covered / weight;
        return new SearchResult.Evidence(content, matched, unknown, round(coverage), anchor, round(covered),
                round(unknownWeight), round(weight - covered - unknownWeight));
    }

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
