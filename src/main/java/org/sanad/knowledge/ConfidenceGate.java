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

    /** Thresholds of the gate; see the README's configuration table. */
    record GateProperties(double coverageWithAnchor, double coverageWithoutAnchor, int minMatched) {
    }

    SearchResult.Evidence evidence(List<PassageSearch.ResolvedSlot> slots, Set<String> passageTerms) {
        int content = 0;
        int unknown = 0;
        double weight = 0;
        double covered = 0;
        int matched = 0;
        boolean anchor = false;
        for (PassageSearch.ResolvedSlot slot : slots) {
            if (slot.slot().weak()) {
                continue;
            }
            content++;
            anchor |= slot.anchor();
            double w = slot.weight();
            weight += w;
            if (slot.unknown()) {
                unknown++;
                continue;
            }
            if (slot.known().stream().anyMatch(passageTerms::contains)) {
                matched += slot.slot().span();
                covered += slot.repaired() ? 0.75 * w : w;
            }
        }
        double coverage = weight == 0 ? 0 : covered / weight;
        return new SearchResult.Evidence(content, matched, unknown, Math.round(coverage * 1000) / 1000.0, anchor);
    }

    boolean answers(SearchResult.Evidence evidence) {
        if (evidence.matched() < properties.minMatched()) {
            return false;
        }
        if (evidence.anchor()) {
            return evidence.coverage() >= properties.coverageWithAnchor();
        }
        // Off the subject's own words, one matching word is chance («أحسن نوع حفاضات»): ask for two.
        return evidence.matched() >= 2 && evidence.coverage() >= properties.coverageWithoutAnchor();
    }
}
