package org.sanad.knowledge.search;

import java.util.List;
import org.sanad.knowledge.ingest.Passage;

/**
 * The outcome of looking a message up: passages only when the documents clearly answer it.
 *
 * @param verdict  what the message is and whether it is answered
 * @param passages best first, at most three; empty unless {@code verdict} is {@link Verdict#ANSWERED}
 * @param related  other passages that matched, for "did you mean" suggestions when not answered
 * @param evidence why the gate decided as it did (no message text)
 */
public record SearchResult(Verdict verdict, List<ScoredPassage> passages, List<ScoredPassage> related,
        Evidence evidence) {

    public enum Verdict { ANSWERED, NOT_COVERED, UNCLEAR, GREETING, THANKS, GOODBYE, IDENTITY }

    /** A passage and its retrieval score. */
    public record ScoredPassage(Passage passage, double score) {
    }

    /**
     * @param contentWords words of the message that carry meaning
     * @param matched      of those, how many the best passage has
     * @param unknown      of those, how many no document has at all
     * @param coverage     share of the content words the best passage covers, 0..1
     * @param anchor       the message names the domain (Botox, injection, spasticity…)
     * @param matchedWeight   summed rarity of the content words the best passage has
     * @param unknownWeight   summed rarity of the content words no document has
     * @param unmatchedWeight summed rarity of known content words the best passage lacks
     */
    public record Evidence(int contentWords, int matched, int unknown, double coverage, boolean anchor,
            double matchedWeight, double unknownWeight, double unmatchedWeight) {

        public static final Evidence NONE = new Evidence(0, 0, 0, 0, false, 0, 0, 0);
    }

    public boolean answered() {
        return verdict == Verdict.ANSWERED;
    }

    public static SearchResult of(Verdict verdict) {
        return new SearchResult(verdict, List.of(), List.of(), Evidence.NONE);
    }
}
