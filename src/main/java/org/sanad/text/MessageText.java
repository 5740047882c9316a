package org.sanad.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A message read once: its words in order, each with the clause it belongs to. Search and triage both read this;
 * neither normalises or splits the message again.
 */
public final class MessageText {

    private final List<Word> words;
    private final int clauses;

    MessageText(List<Word> words) {
        this.words = List.copyOf(words);
        this.clauses = words.isEmpty() ? 0 : words.get(words.size() - 1).clause() + 1;
    }

    public List<Word> words() {
        return words;
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }

    public int size() {
        return words.size();
    }

    public Word word(int position) {
        return words.get(position);
    }

    /** How many clauses the message has; clause numbers run from 0 without gaps. */
    public int clauseCount() {
        return clauses;
    }

    /** The words of one clause, in order. */
    public List<Word> clause(int clause) {
        List<Word> out = new ArrayList<>();
        for (Word word : words) {
            if (word.clause() == clause) {
                out.add(word);
            } else if (word.clause() > clause) {
                break;
            }
        }
        return out;
    }

    /** The clauses that hold at least one word, each as its own list of words. */
    public List<List<Word>> clauses() {
        List<List<Word>> out = new ArrayList<>();
        for (int c = 0; c < clauses; c++) {
            List<Word> clause = clause(c);
            if (!clause.isEmpty()) {
                out.add(clause);
            }
        }
        return out;
    }
}
