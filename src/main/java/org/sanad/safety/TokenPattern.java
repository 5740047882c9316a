package org.sanad.safety;

import java.util.List;
import org.sanad.text.ArabicNormalizer;
import org.sanad.text.MessageText;
import org.sanad.text.Word;
import org.sanad.text.ArabicNormalizer;
import org.sanad.text.ArabiziTransliterator;
import org.sanad.text.TextReader;
import org.sanad.text.Word;

/**
 * One word of a lexicon phrase. {@code *} at either end matches any prefix or suffix («*بلع*» is «يبلع»,
 * «البلع», «مبيبلعش»); a leading {@code ~} marks an Arabizi word, compared by consonant skeleton so that its
 * vowels and digit spellings do not matter («~yebla3» also matches «byebl3sh»); {@code @name} stands for any
 * word of the class {@code name}; {@code …} (or {@code ...}) skips up to three words.
 */
record TokenPattern(Kind kind, String text, boolean anyPrefix, boolean anySuffix, List<String> skeletons) {

    enum Kind { ARABIC, LATIN, ARABIZI, CLASS, GAP }

    static final int GAP_WORDS = 3;
    static final int MIN_SKELETON = 3;

    static TokenPattern parse(String raw) {
        if (raw.equals("…") || raw.equals("...")) {
            return new TokenPattern(Kind.GAP, "", false, false, List.of());
        }
        if (raw.startsWith("@")) {
            return new TokenPattern(Kind.CLASS, raw.substring(1), false, false, List.of());
        }
        boolean arabizi = raw.startsWith("~");
        String body = arabizi ? raw.substring(1) : raw;
        boolean prefix = body.startsWith("*");
        boolean suffix = body.endsWith("*") && body.length() > 1;
        String word = body.substring(prefix ? 1 : 0, body.length() - (suffix ? 1 : 0));
        if (word.isEmpty() || word.contains("*")) {
            throw new IllegalArgumentException("not a lexicon word: " + raw);
        }
        if (arabizi) {
            // A skeleton of one or two consonants («mesh» is MC, so is «much») matches too many English words:
            // such words are written in plain Latin letters instead.
            List<String> skeletons = ArabiziTransliterator.wholeWordSkeletons(TextReader.latinLetters(word)).stream()
                    .filter(s -> s.length() >= MIN_SKELETON).toList();
            if (skeletons.isEmpty()) {
                throw new IllegalArgumentException("an Arabizi word needs three consonants, write it plainly: " + raw);
            }
            return new TokenPattern(Kind.ARABIZI, word, prefix, suffix, skeletons);
        }
        String normalized = ArabicNormalizer.normalize(word);
        boolean latin = ArabiziTransliterator.isLatin(TextReader.latinLetters(normalized));
        return new TokenPattern(latin ? Kind.LATIN : Kind.ARABIC,
                ArabicNormalizer.loose(latin ? TextReader.latinLetters(normalized) : normalized), prefix, suffix, List.of());
    }

    /** True when this pattern (not a class or gap) matches the word. */
    boolean matches(Word token) {
        return switch (kind) {
            case ARABIC -> !token.latin() && (arabicGlob(token.loose()) || token.bare() != null
                    && arabicGlob(token.bare()));
            case LATIN -> token.latin() && glob(token.loose());
            // «0» and «1» are no letter of Arabizi: «l0xzrq» is a code or a mash, not a word.
            case ARABIZI -> token.latin() && token.text().indexOf('0') < 0 && token.text().indexOf('1') < 0
                    && token.skeletons().stream().anyMatch(this::skeletonGlob);
            case CLASS, GAP -> false;
        };
    }

    /** «ضعيفا», «مرتخيا»: the written tanween of MSA adjectives is the word itself. */
    private boolean arabicGlob(String word) {
        return glob(word) || word.length() >= 4 && word.endsWith("ا") && glob(word.substring(0, word.length() - 1));
    }

    private boolean glob(String word) {
        return globOf(text, word);
    }

    private boolean skeletonGlob(String skeleton) {
        return skeletons.stream().anyMatch(s -> !s.isEmpty() && globOf(s, skeleton));
    }

    private boolean globOf(String pattern, String word) {
        if (!anyPrefix && !anySuffix) {
            return word.equals(pattern);
        }
        for (int at = word.indexOf(pattern); at >= 0; at = word.indexOf(pattern, at + 1)) {
            int after = at + pattern.length();
            if ((anyPrefix || at == 0) && (anySuffix || after == word.length())
                    && around(word.substring(0, at), word.substring(after))) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a glob finds around its letters must be clitics and inflections («وما بيبلعش»), or a few consonants
     * of Arabizi: random letters that happen to hold a core are no word.
     */
    private boolean around(String before, String after) {
        return switch (kind) {
            case ARABIC -> Clitics.PREFIXES.composes(before) && Clitics.SUFFIXES.composes(after);
            case ARABIZI -> before.length() + after.length() <= MAX_SKELETON_EXTRA;
            default -> true;
        };
    }

    /** Consonants an Arabizi glob may find around its skeleton («mabyetnafesh»: MB…C). */
    static final int MAX_SKELETON_EXTRA = 3;

    /** The clitics of {@code affixes.txt}, read once. */
    private record Clitics(java.util.Set<String> morphemes) {

        static final Clitics PREFIXES = read("clitic-prefix");
        static final Clitics SUFFIXES = read("clitic-suffix");
        private static final int MAX_MORPHEMES = 3;

        boolean composes(String letters) {
            return composes(letters, MAX_MORPHEMES);
        }

        private boolean composes(String letters, int left) {
            if (letters.isEmpty()) {
                return true;
            }
            if (left == 0) {
                return false;
            }
            for (int n = 1; n <= Math.min(4, letters.length()); n++) {
                if (morphemes.contains(letters.substring(0, n)) && composes(letters.substring(n), left - 1)) {
                    return true;
                }
            }
            return false;
        }

        private static Clitics read(String section) {
            java.util.Set<String> out = new java.util.HashSet<>();
            boolean in = false;
            try (java.io.InputStream stream = TokenPattern.class.getResourceAsStream("/safety/affixes.txt")) {
                if (stream == null) {
                    throw new IllegalStateException("missing /safety/affixes.txt");
                }
                for (String raw : new String(stream.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                    String line = raw.contains("#") ? raw.substring(0, raw.indexOf('#')).strip() : raw.strip();
                    if (line.startsWith("[")) {
                        in = line.equals("[" + section + "]");
                    } else if (in && !line.isEmpty()) {
                        for (String word : line.split("\\s+")) {
                            out.add(ArabicNormalizer.loose(ArabicNormalizer.normalize(word)));
                        }
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new Clitics(java.util.Set.copyOf(out));
        }
    }
}
