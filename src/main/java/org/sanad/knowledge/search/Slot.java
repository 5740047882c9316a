package org.sanad.knowledge.search;

import java.util.Set;

/**
 * One unit of meaning in a question: a word, or a phrase that a synonym rule joined («قد ايه»), with every index
 * term that would count as the same thing. Weak slots (question words, numbers) help ranking but are not
 * evidence that the documents answer the question. General slots («عطيناه», «بالتفصيل») are everyday words: they
 * count when the documents use them, and are no evidence against an answer when they do not.
 *
 * @param span     how many words of the message the slot covers
 * @param position where the slot starts among the message's words
 * @param own      the terms the message's words themselves give (their stems), before synonym rules added theirs
 * @param everyday the MSA words the everyday dialect lexicon gives, used when no term of the slot is in the
 *                 documents
 */
record Slot(String surface, Set<String> terms, boolean weak, boolean general, boolean anchor, Set<String> latinSkeletons,
        int span, int position, Set<String> own, Set<String> everyday) {

    /** A slot whose terms are all the message's own words (no synonym rule added any). */
    Slot(String surface, Set<String> terms, boolean weak, boolean general, boolean anchor, Set<String> latinSkeletons,
            int span, int position) {
        this(surface, terms, weak, general, anchor, latinSkeletons, span, position, terms, Set.of());
    }

    boolean latin() {
        return !latinSkeletons.isEmpty();
    }
}
