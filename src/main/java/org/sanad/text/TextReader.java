package org.sanad.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a message once into {@link MessageText}: normalised line by line, cut into words where the script changes
 * or a non-letter stands, and into clauses at punctuation, line breaks and the words that open a clause. The index
 * ({@link TextAnalyzer}) and the word lists ({@link LanguageResources}) cut text the same way.
 */
public final class TextReader {

    /** Longer than any word of any language here: a run like this is noise, read as written and never stemmed. */
    public static final int LONGEST_WORD = 32;
    private static final String CLAUSE_BREAKS = ".,?!;:\n()[]|/…";

    private final ArabicStemmer stemmer;
    private final Set<String> clauseOpeners;

    public TextReader(LanguageResources language) {
        this(new ArabicStemmer(language.lemmas()), language.clauseOpeners());
    }

    TextReader(ArabicStemmer stemmer, Set<String> clauseOpeners) {
        this.stemmer = stemmer;
        this.clauseOpeners = clauseOpeners;
    }

    public ArabicStemmer stemmer() {
        return stemmer;
    }

    public MessageText read(String message) {
        List<Word> words = new ArrayList<>();
        // A word said twice is read once: its forms and stems follow from its letters alone.
        Map<String, Word> seen = new HashMap<>();
        int[] clause = {0};
        boolean[] clauseOpen = {false};
        scan(normalizeLines(message), new Sink() {
            @Override
            public void word(String raw) {
                Word word = word(raw, clause[0], words.size());
                // «ابني بيتنفس بصعوبة هل ده طبيعي»: a question word opens a new clause even with no comma.
                if (clauseOpen[0] && (clauseOpeners.contains(word.loose())
                        || word.bare() != null && clauseOpeners.contains(word.bare()))) {
                    word = word(raw, ++clause[0], words.size());
                }
                words.add(word);
                clauseOpen[0] = true;
            }

            @Override
            public void clauseBreak() {
                if (clauseOpen[0]) {
                    clause[0]++;
                    clauseOpen[0] = false;
                }
            }

            private Word word(String raw, int c, int position) {
                Word first = seen.get(raw);
                if (first == null) {
                    first = TextReader.this.word(raw, c, position);
                    seen.put(raw, first);
                    return first;
                }
                return new Word(first.text(), first.loose(), first.bare(), first.latin(), c, position, first.skeletons(),
                        first.variants());
            }
        });
        return new MessageText(words);
    }

    private Word word(String raw, int clause, int position) {
        boolean latin = ArabiziTransliterator.isLatin(raw);
        String text = latin ? latinLetters(raw) : raw;
        String loose = ArabicNormalizer.loose(text);
        // «ومش», «فما»: the conjunction is written joined to the next word.
        String bare = !latin && loose.length() > 2 && (loose.startsWith("و") || loose.startsWith("ف"))
                ? loose.substring(1) : null;
        boolean oversized = text.length() > LONGEST_WORD;
        List<String> skeletons = latin && !oversized ? ArabiziTransliterator.wholeWordSkeletons(text) : List.of();
        List<String> variants = oversized ? List.of(text) : List.copyOf(stemmer.variants(text));
        return new Word(text, loose, bare, latin, clause, position, skeletons, variants);
    }

    /** The words of a text, normalised, as the index and the word lists see them. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        scan(normalizeLines(text), new Sink() {
            @Override
            public void word(String raw) {
                out.add(ArabiziTransliterator.isLatin(raw) ? latinLetters(raw) : raw);
            }

            @Override
            public void clauseBreak() {
            }
        });
        return out;
    }

    /** Line by line: the normaliser folds a line break into a space, and a new line is a new clause. */
    private static String normalizeLines(String message) {
        if (message.indexOf('\n') < 0 && message.indexOf('\r') < 0) {
            return ArabicNormalizer.normalize(message);
        }
        StringBuilder out = new StringBuilder(message.length());
        message.lines().forEach(line -> out.append(ArabicNormalizer.normalize(line)).append('\n'));
        return out.toString();
    }

    interface Sink {
        void word(String raw);

        void clauseBreak();
    }

    /** Words are runs of letters, digits and apostrophes of one script; the script changing ends a word. */
    static void scan(String text, Sink sink) {
        int start = -1;
        int script = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            int kind = Character.isLetterOrDigit(c) || c == '\'' || c == '\u2019'
                    ? (c >= '\u0600' && c <= '\u06FF' ? 1 : 2) : 0;
            if (start >= 0 && (kind == 0 || kind != script)) {
                String raw = text.substring(start, i);
                if (raw.codePoints().anyMatch(Character::isLetterOrDigit)) {
                    sink.word(raw);
                }
                start = -1;
            }
            if (kind != 0 && start < 0) {
                start = i;
                script = kind;
            } else if (kind == 0 && CLAUSE_BREAKS.indexOf(c) >= 0) {
                sink.clauseBreak();
            }
        }
    }

    /** «can't» and «cant», «doesn’t» and «doesnt» are the same word. */
    public static String latinLetters(String word) {
        return word.toLowerCase().replace("'", "").replace("\u2019", "");
    }
}
