package org.sanad.knowledge.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.util.BytesRef;
import org.sanad.text.ArabicStemmer;
import org.sanad.text.ArabiziTransliterator;

/**
 * The words one state of the index knows, with how many documents have each, for telling unknown words apart and
 * repairing typos and Arabizi. Read into memory once: a question looks words up many times.
 */
public final class Vocabulary {

    /** Typos are repaired in words of this length only: shorter ones have too many neighbours, longer are noise. */
    private static final int SHORTEST_REPAIRED = 5;
    private static final int LONGEST_REPAIRED = 20;
    /** Repairs remembered per state of the index; a flood of random words cannot grow it further. */
    private static final int REMEMBERED_REPAIRS = 20_000;

    private final IndexReader reader;
    private final String field;
    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private final Map<String, List<String>> bySkeleton = new HashMap<>();
    private final Map<String, List<String>> repairs = new ConcurrentHashMap<>();
    private final DirectSpellChecker oneEdit = spellChecker(1);
    private final DirectSpellChecker twoEdits = spellChecker(2);

    private Vocabulary(IndexReader reader, String field) {
        this.reader = reader;
        this.field = field;
    }

    private static DirectSpellChecker spellChecker(int maxEdits) {
        DirectSpellChecker checker = new DirectSpellChecker();
        checker.setMaxEdits(maxEdits);
        // Arabic typos hit the first letter as often as any other (a dropped alef, ا for ع).
        checker.setMinPrefix(0);
        checker.setMinQueryLength(4);
        checker.setAccuracy(0.6f);
        return checker;
    }

    static Vocabulary of(IndexReader reader, String field) throws IOException {
        Vocabulary vocabulary = new Vocabulary(reader, field);
        Terms terms = MultiTerms.getTerms(reader, field);
        if (terms != null) {
            TermsEnum it = terms.iterator();
            for (BytesRef bytes = it.next(); bytes != null; bytes = it.next()) {
                String term = bytes.utf8ToString();
                vocabulary.documentFrequency.put(term, it.docFreq());
                if (ArabicStemmer.isArabic(term)) {
                    String skeleton = ArabiziTransliterator.skeletonOfArabic(term);
                    if (skeleton.length() >= 2) {
                        vocabulary.bySkeleton.computeIfAbsent(skeleton, k -> new ArrayList<>()).add(term);
                    }
                }
            }
        }
        return vocabulary;
    }

    public boolean contains(String term) {
        return documentFrequency.containsKey(term);
    }

    public int documentFrequency(String term) {
        return documentFrequency.getOrDefault(term, 0);
    }

    /** Known words written with the same consonants as an Arabizi word. */
    public List<String> withSkeleton(Set<String> skeletons) {
        List<String> out = new ArrayList<>();
        for (String skeleton : skeletons) {
            out.addAll(bySkeleton.getOrDefault(skeleton, List.of()));
        }
        return out;
    }

    /** The closest known words within one or two edits (two only for long words), if any. */
    public List<String> corrections(String word) {
        if (word.length() < SHORTEST_REPAIRED || word.length() > LONGEST_REPAIRED) {
            return List.of();
        }
        List<String> known = repairs.get(word);
        if (known != null) {
            return known;
        }
        List<String> found = suggest(word);
        if (repairs.size() < REMEMBERED_REPAIRS) {
            repairs.put(word, found);
        }
        return found;
    }

    private List<String> suggest(String word) {
        DirectSpellChecker spelling = word.length() >= 8 ? twoEdits : oneEdit;
        try {
            SuggestWord[] suggestions = spelling.suggestSimilar(new Term(field, word), 2, reader,
                    SuggestMode.SUGGEST_ALWAYS);
            List<String> out = new ArrayList<>();
            for (SuggestWord s : suggestions) {
                out.add(s.string);
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
