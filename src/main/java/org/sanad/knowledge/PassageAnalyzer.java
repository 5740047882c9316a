package org.sanad.knowledge;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Index-time analysis of passages and example questions: the shared normaliser, Unicode word breaking, filler
 * words dropped, and every stem of a word stacked at its position, exactly as {@link QuestionAnalyzer} produces
 * them for questions.
 */
final class PassageAnalyzer extends Analyzer {

    private final ArabicStemmer stemmer;
    private final Set<String> stopWords;

    PassageAnalyzer(ArabicStemmer stemmer, Set<String> stopWords) {
        this.stemmer = stemmer;
        this.stopWords = stopWords;
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        try {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[4096];
            for (int n; (n = reader.read(buffer)) > 0; ) {
                text.append(buffer, 0, n);
            }
            return new StringReader(ArabicNormalizer.normalize(text.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new StandardTokenizer();
        return new TokenStreamComponents(tokenizer, new StemVariantFilter(tokenizer, stemmer, stopWords));
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
                if (isStopWord(word) || word.codePoints().noneMatch(Character::isLetterOrDigit)) {
                    skipped += position.getPositionIncrement();
                    continue;
                }
                var variants = stemmer.variants(word);
                pending.addAll(variants.subList(1, variants.size()));
                position.setPositionIncrement(position.getPositionIncrement() + skipped);
                skipped = 0;
                return true;
            }
            return false;
        }

        // Only the exact filler words: «فوايد» is not «ف» + «وايد».
        private boolean isStopWord(String word) {
            return stopWords.contains(word);
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            pending.clear();
            skipped = 0;
        }
    }
}
