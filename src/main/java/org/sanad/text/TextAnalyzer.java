package org.sanad.text;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Index-time analysis, as Lucene's {@code ArabicAnalyzer} builds one chain for documents and queries: the words of
 * {@link TextReader} (the same normaliser and word breaking as every message), filler words dropped, and every
 * stem of a word stacked at its position, exactly as a message's words carry them.
 */
public final class TextAnalyzer extends Analyzer {

    private final ArabicStemmer stemmer;
    private final Set<String> stopWords;

    public TextAnalyzer(ArabicStemmer stemmer, Set<String> stopWords) {
        this.stemmer = stemmer;
        this.stopWords = stopWords;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new WordTokenizer();
        return new TokenStreamComponents(tokenizer, new StemVariantFilter(tokenizer, stemmer, stopWords));
    }

    /** The words of {@link TextReader#words}, one token each. */
    private static final class WordTokenizer extends Tokenizer {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private Iterator<String> words;

        @Override
        public boolean incrementToken() throws IOException {
            clearAttributes();
            if (words == null) {
                StringBuilder text = new StringBuilder();
                char[] buffer = new char[4096];
                for (int n; (n = input.read(buffer)) > 0; ) {
                    text.append(buffer, 0, n);
                }
                List<String> all = TextReader.words(text.toString());
                words = all.iterator();
            }
            if (!words.hasNext()) {
                return false;
            }
            term.setEmpty().append(words.next());
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            words = null;
        }
    }

    private static final class StemVariantFilter extends TokenFilter {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
        private final ArabicStemmer stemmer;
        private final Set<String> stopWords;
        private final Deque<String> pending = new ArrayDeque<>();
        private int skipped;

        StemVariantFilter(TokenStream input, ArabicStemmer stemmer, Set<String> stopWords) {
            super(input);
            this.stemmer = stemmer;
            this.stopWords = stopWords;
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!pending.isEmpty()) {
                term.setEmpty().append(pending.poll());
                position.setPositionIncrement(0);
                return true;
            }
            while (input.incrementToken()) {
                String word = term.toString();
                // Only the exact filler words: «فوايد» is not «ف» + «وايد».
                if (stopWords.contains(word)) {
                    skipped += position.getPositionIncrement();
                    continue;
                }
                List<String> variants = word.length() > TextReader.LONGEST_WORD ? List.of(word) : stemmer.variants(word);
                pending.addAll(variants.subList(1, variants.size()));
                position.setPositionIncrement(position.getPositionIncrement() + skipped);
                skipped = 0;
                return true;
            }
            return false;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            pending.clear();
            skipped = 0;
        }
    }
}
