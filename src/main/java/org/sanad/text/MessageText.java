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
    /** Each clause's words, cut once: a message of 4,096 characters may have two thousand clauses. */
    private final List<List<Word>> byClause;

    MessageText(List<Word> words) {
        this.words = List.copyOf(words);
        this.clauses = words.isEmpty() ? 0 : words.get(words.size() - 1).clause() + 1;
        List<List<Word>> cut = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= this.words.size(); i++) {
            if (i == this.words.size() || this.words.get(i).clause() != this.words.get(start).clause()) {
                cut.add(this.words.subList(start, i));
                start = i;
            }
        }
        this.byClause = List.copyOf(cut);
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
        if (clause >= 0 && clause < byClause.size() && byClause.get(clause).get(0).clause() == clause) {
            return byClause.get(clause);
        }
        for (List<Word> words : byClause) {
            if (words.get(0).clause() == clause) {
                return words;
            }
        }
        return List.of();
    }

    /** The clauses that hold at least one word, each as its own list of words. */
    public List<List<Word>> clauses() {
        return byClause;
    }
}
