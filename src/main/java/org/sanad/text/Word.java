package org.sanad.text;

import java.util.List;

/**
 * One word of a message as every reader of it sees it: search, triage and the index all start from these forms.
 *
 * @param text      the normalised word («البلع», «can't» → «cant»)
 * @param loose     {@code text} forgiving of typing: a letter typed twice counts once («قاادر» is «قادر») and the
 *                  letters parents swap as they speak them are folded (ث→س, ذ→ز, ظ→ض); lexicons compare in it
 * @param bare      {@code loose} without a conjunction joined to it («ومش» → «مش»), or null
 * @param latin     written in Latin letters (English, French or Arabizi)
 * @param clause    which clause of the message it belongs to, from 0
 * @param position  its place in the message, from 0
 * @param skeletons for a Latin word, the consonant skeletons it may have as Arabizi; empty otherwise
 * @param variants  {@code text} and its stems, for search; {@code text} alone when it is too long to be a word
 */
public record Word(String text, String loose, String bare, boolean latin, int clause, int position,
        List<String> skeletons, List<String> variants) {

    public boolean number() {
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }

    /**
     * A negation written into the word itself: Egyptian and Maghrebi «ما…ش» («مبيبلعش», «ماقدرش»,
     * «mabyetnafassh»).
     */
    public boolean fusedNegation() {
        if (latin) {
            return loose.length() >= 5 && loose.startsWith("m")
                    && (loose.endsWith("sh") || loose.endsWith("ch") || loose.endsWith("x") || loose.endsWith("shi"));
        }
        return fusedArabic(loose) || bare != null && fusedArabic(bare);
    }

    private static boolean fusedArabic(String word) {
        return word.length() >= 4 && word.startsWith("م") && word.endsWith("ش");
    }

    /** «ماقدر», «ميقدر», «مايبلع», «mayi2dar»: a «ما» joined to a verb. */
    public boolean joinedNegator() {
        if (latin) {
            return loose.length() >= 5 && loose.startsWith("ma") && "by2qtn".indexOf(loose.charAt(2)) >= 0;
        }
        return joinedArabic(loose) || bare != null && joinedArabic(bare);
    }

    private static boolean joinedArabic(String word) {
        return word.length() >= 4 && (word.startsWith("ما") && "يبتنق".indexOf(word.charAt(2)) >= 0
                || word.startsWith("م") && "يبت".indexOf(word.charAt(1)) >= 0);
    }

    /** «يبلع», «تتنفس», «نرضع»: a present-tense verb, not a noun («البلع»). */
    public boolean presentVerb() {
        String word = bare != null && !loose.startsWith("ي") ? bare : loose;
        return !latin && word.length() >= 3 && "يتن".indexOf(word.charAt(0)) >= 0;
    }
}
