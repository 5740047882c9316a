package org.sanad.ask;

import java.util.List;
import org.sanad.knowledge.ingest.Passage;
import org.sanad.knowledge.search.SearchResult;

/**
 * Sanad's answer to one message, the same for every channel.
 *
 * @param kind      what sort of reply this is
 * @param emergency the message reports a red flag, or a caregiver in crisis; {@code reply} opens with
 *                  urgent-care advice (a {@link Kind#CHECK} is not an emergency: it opens with the danger signs and
 *                  asks)
 * @param passages  the answering passages, best first (at most three); empty when not answered
 * @param related   passages that matched a little, offered as "did you mean" when not answered
 * @param reply     exactly what the parent sees; it always ends with the doctor note
 */
public record Answer(Kind kind, boolean emergency, List<Source> passages, List<Source> related, String reply) {

    public enum Kind { ANSWERED, NOT_COVERED, UNCLEAR, SOCIAL, URGENT, CRISIS, CHECK }

    /** What triage made of the message, as the API reports it. */
    public enum Triage { URGENT, CRISIS, CHECK, NONE }

    /**
     * A passage as channels show it, so that they need no search types.
     *
     * @param section  the heading the passage sits under, or empty
     * @param source   the file, as {@code knowledge/<path>}
     * @param score    its retrieval score; {@code passages} are in descending order of it
     * @param question a question that finds this passage again, for a "did you mean" button
     */
    public record Source(String id, String title, String section, String text, String source, double score,
            String question) {

        /** The title and section as a parent reads them: «title — section». */
        public String heading() {
            return section.isBlank() || section.equals(title) ? title : title + " — " + section;
        }

        static Source of(SearchResult.ScoredPassage scored) {
            Passage p = scored.passage();
            String question = p.questions().isEmpty() ? p.text() : p.questions().get(0);
            return new Source(p.id(), p.title(), p.section(), p.text(), p.source(), scored.score(), question);
        }

        static List<Source> of(List<SearchResult.ScoredPassage> scored) {
            return scored.stream().map(Source::of).toList();
        }
    }

    public Answer {
        passages = List.copyOf(passages);
        related = List.copyOf(related);
    }

    public boolean answered() {
        return !passages.isEmpty();
    }

    public Triage triage() {
        return switch (kind) {
            case URGENT -> Triage.URGENT;
            case CRISIS -> Triage.CRISIS;
            case CHECK -> Triage.CHECK;
            default -> Triage.NONE;
        };
    }
}
