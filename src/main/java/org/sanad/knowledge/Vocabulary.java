package org.sanad.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.util.BytesRef;

/** The words one index generation knows, for telling unknown words apart and repairing typos and Arabizi. */
final class Vocabulary {

    private final IndexReader reader;
    private final String field;
    private final Map<String, List<String>> bySkeleton = new HashMap<>();
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

    boolean contains(String term) {
        return documentFrequency(term) > 0;
    }

    int documentFrequency(String term) {
        try {
            return reader.docFreq(new Term(field, term));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Known words written with the same consonants as an Arabizi word. */
    List<String> withSkeleton(Set<String> skeletons) {
        List<String> out = new ArrayList<>();
        for (String skeleton : skeletons) {
            out.addAll(bySkeleton.getOrDefault(skeleton, List.of()));
        }
        return out;
    }

    /** The closest known word within one or two edits (two only for long words), if any. */
    List<String> corrections(String word) {
        if (word.length() < 5) {
            return List.of();
        }
        DirectSpellChecker spelling = word.length() >= 8 ? twoEdits : oneEdit;
        try {
            SuggestWord[] suggestions = spelling.suggestSimilar(new Term(field, word), 2, reader,
                    SuggestMode.SUGGEST_ALWAYS);
            List<String> out = new ArrayList<>();
            for (SuggestWord s : suggestions) {
                out.add(s.string);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
