package org.sanad.ask;

import java.util.List;
import org.sanad.knowledge.SearchResult;

/**
 * Sanad's answer to one message, the same for every channel.
 *
 * @param kind      what sort of reply this is
 * @param emergency the message reports a red flag, or a caregiver in crisis; {@code reply} opens with
 *                  urgent-care advice
 * @param passages  the answering passages, best first (at most three); empty when not answered
 * @param related   passages that matched a little, offered as "did you mean" when not answered
 * @param reply     exactly what the parent sees; it always ends with the doctor note
 */
public record Answer(Kind kind, boolean emergency, List<SearchResult.ScoredPassage> passages,
        List<SearchResult.ScoredPassage> related, String reply) {

    public enum Kind { ANSWERED, NOT_COVERED, UNCLEAR, SOCIAL, URGENT, CRISIS }

    public Answer {
        passages = List.copyOf(passages);
        related = List.copyOf(related);
    }

    public boolean answered() {
        return !passages.isEmpty();
    }
}
