package org.sanad.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A light stemmer for MSA and the dialects that returns every plausible stem of a word instead of one guess:
 * «ولدي» keeps «ولد» (no stem shorter than three letters), «يبلع» and «البلع» meet at «بلع», «بيتنفس» and
 * «التنفس» at «تنفس». The same variants are produced for documents and questions, so a wrong extra variant
 * costs little while a missed one loses the match. Broken plurals and irregular forms come from a lemma list.
 */
public final class ArabicStemmer {

    private static final int MIN_STEM = 3;

    // Longest first. A conjunction (و، ف) is tried separately, before these.
    private static final String[] NOUN_PREFIXES = {"بال", "كال", "عال", "فال", "لل", "ال", "ب", "ل", "ك"};
    private static final String[] VERB_PREFIXES = {
        "مابي", "مابت", "مابن", "ماب", "مات", "مي", "مت",
        "بي", "بت", "بن", "با", "هي", "هت", "هن", "حي", "حت", "حن", "عمي", "عمت", "عمن", "كي", "كت", "كن", "ه", "ح",
        "ي", "ت", "ن", "ا", "ب"};
    // «و» is «his» in the Levant, Egypt and the Maghreb («رجلو», «اسمو»).
    private static final String[] SUFFIXES = {
        "هما", "كما", "تين", "تان", "يين", "وها", "وهم", "وش", "ات", "ان", "ين", "ون", "وا", "ها", "هم", "هن", "كم",
        "كن", "نا", "ني", "يه", "ه", "ي", "ك", "ش", "ا", "و"};

    private final Map<String, String> lemmas;

    public ArabicStemmer(Map<String, String> lemmas) {
        this.lemmas = lemmas;
    }

    /** The word itself first, then its stems; the word must already be normalised. */
    public List<String> variants(String word) {
        Set<String> out = new LinkedHashSet<>();
        out.add(word);
        addWithLemma(out, word);
        if (!isArabic(word) || word.length() <= MIN_STEM) {
            return new ArrayList<>(out);
        }
        for (String base : withoutConjunction(word)) {
            String noun = stripNounPrefix(base);
            addWithLemma(out, noun);
            for (String s : stripSuffixes(noun)) {
                addWithLemma(out, s);
            }
            // A word with the article is a noun: «البوتوكس» is not a verb «ا» + «لبوتوكس».
            String verb = hasArticle(base) ? base : stripVerbPrefix(base);
            if (!verb.equals(base)) {
                addWithLemma(out, verb);
                for (String s : stripSuffixes(verb)) {
                    addWithLemma(out, s);
                }
            }
        }
        return new ArrayList<>(out);
    }

    private void addWithLemma(Set<String> out, String form) {
        if (form.length() < 2) {
            return;
        }
        out.add(form);
        // «فايدت», «حقنت»: a teh marbuta typed as the «ت» it is pronounced.
        if (form.length() >= 4 && form.endsWith("ت")) {
            out.add(form.substring(0, form.length() - 1) + "ه");
        }
        String lemma = lemmas.get(form);
        if (lemma != null) {
            out.add(lemma);
        }
    }

    private static List<String> withoutConjunction(String word) {
        List<String> bases = new ArrayList<>(2);
        bases.add(word);
        // «و» and «ف» are also root letters (ولد، وجع، فهم): try both readings, keep the long one too.
        if ((word.startsWith("و") || word.startsWith("ف")) && word.length() - 1 >= MIN_STEM) {
            bases.add(word.substring(1));
        }
        return bases;
    }

    private static String stripNounPrefix(String word) {
        for (String prefix : NOUN_PREFIXES) {
            if (word.startsWith(prefix) && word.length() - prefix.length() >= MIN_STEM) {
                return word.substring(prefix.length());
            }
        }
        return word;
    }

    private static boolean hasArticle(String word) {
        return word.length() - 2 >= MIN_STEM
                && (word.startsWith("ال") || word.startsWith("لل") || word.startsWith("ال", 1) && word.length() - 3 >= MIN_STEM);
    }

    private static String stripVerbPrefix(String word) {
        for (String prefix : VERB_PREFIXES) {
            if (word.startsWith(prefix) && word.length() - prefix.length() >= MIN_STEM) {
                return word.substring(prefix.length());
            }
        }
        return word;
    }

    /** A pronoun suffix, then a plural or feminine ending: «عضلاتها» → «عضلات» → «عضل». */
    private static List<String> stripSuffixes(String word) {
        List<String> out = new ArrayList<>(3);
        String current = word;
        for (int round = 0; round < 2; round++) {
            String next = stripOneSuffix(current);
            if (next.equals(current)) {
                break;
            }
            out.add(next);
            // «حقنته»: the teh marbuta turns into «ت» before a pronoun.
            if (next.endsWith("ت") && next.length() - 1 >= MIN_STEM && round == 0) {
                out.add(next.substring(0, next.length() - 1));
            }
            current = next;
        }
        return out;
    }

    private static String stripOneSuffix(String word) {
        for (String suffix : SUFFIXES) {
            if (word.endsWith(suffix) && word.length() - suffix.length() >= MIN_STEM) {
                return word.substring(0, word.length() - suffix.length());
            }
        }
        return word;
    }

    public static boolean isArabic(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c < '\u0621' || c > '\u064A') {
                return false;
            }
        }
        return !word.isEmpty();
    }
}
