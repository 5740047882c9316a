package org.sanad.safety;

import java.util.List;
import org.sanad.knowledge.ArabiziTransliterator;

/**
 * One word of a normalised message, with the clause it belongs to: negation, questions and reports are judged
 * inside a clause, so «ما عنده حرارة، بس ما بيبلع» keeps its two parts apart.
 */
record Token(String text, boolean latin, int clause, String withoutConjunction, List<String> skeletons) {

    static Token of(String word, int clause) {
        boolean latin = ArabiziTransliterator.isLatin(word);
        String text = undoubled(latin ? latinLetters(word) : word);
        // «ومش», «فما»: the conjunction is written joined to the next word.
        String bare = !latin && text.length() > 2 && (text.startsWith("و") || text.startsWith("ف"))
                ? text.substring(1) : null;
        List<String> skeletons = latin ? ArabiziTransliterator.wholeWordSkeletons(latinLetters(word)) : List.of();
        return new Token(text, latin, clause, bare, skeletons);
    }

    /** «قاادر» and «قادر», «يبلعع» and «يبلع»: a letter typed twice counts once, in words and in the lexicon. */
    static String undoubled(String word) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = typed(word.charAt(i));
            if (out.isEmpty() || c != out.charAt(out.length() - 1)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Letters parents swap as they speak them: «بيتنفث» is «بيتنفس», «هزا» is «هذا», «ضيق» is also «ظيق». */
    private static char typed(char c) {
        return switch (c) {
            case 'ث' -> 'س';
            case 'ذ' -> 'ز';
            case 'ظ' -> 'ض';
            default -> c;
        };
    }

    /** «can't» and «cant», «doesn’t» and «doesnt» are the same word. */
    static String latinLetters(String word) {
        return word.toLowerCase().replace("'", "").replace("\u2019", "");
    }

    /**
     * A negation written into the word itself: Egyptian and Maghrebi «ما…ش» («مبيبلعش», «ماقدرش»,
     * «mabyetnafassh»).
     */
    boolean fusedNegation() {
        if (latin) {
            return text.length() >= 5 && text.startsWith("m")
                    && (text.endsWith("sh") || text.endsWith("ch") || text.endsWith("x") || text.endsWith("shi"));
        }
        return fusedArabic(text) || withoutConjunction != null && fusedArabic(withoutConjunction);
    }

    private static boolean fusedArabic(String word) {
        return word.length() >= 4 && word.startsWith("م") && word.endsWith("ش");
    }

    /** «ماقدر», «ميقدر», «مايبلع», «mayi2dar»: a «ما» joined to a verb. */
    boolean joinedNegator() {
        if (latin) {
            return text.length() >= 5 && text.startsWith("ma") && "by2qtn".indexOf(text.charAt(2)) >= 0;
        }
        return joinedArabic(text) || withoutConjunction != null && joinedArabic(withoutConjunction);
    }

    private static boolean joinedArabic(String word) {
        return word.length() >= 4 && (word.startsWith("ما") && "يبتنق".indexOf(word.charAt(2)) >= 0
                || word.startsWith("م") && "يبت".indexOf(word.charAt(1)) >= 0);
    }
}
