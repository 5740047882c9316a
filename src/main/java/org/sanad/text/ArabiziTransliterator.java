package org.sanad.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Arabic written in Latin letters and digits («ta2sero», «tebla3») carries its consonants only, and not
 * always the same ones (ث is written s or th, ق is 2, g or q). So words are compared by a consonant skeleton
 * in which the letters that Arabizi writers confuse share a class, and the vowels, which they write as they
 * please, are dropped. A skeleton is matched against the words the knowledge really contains.
 */
public final class ArabiziTransliterator {

    private ArabiziTransliterator() {
    }

    /** True for a token of Latin letters, possibly with the Arabizi digits. */
    public static boolean isLatin(String token) {
        boolean letter = false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= 'a' && c <= 'z') {
                letter = true;
            } else if (!(c >= '0' && c <= '9') && c != '\'') {
                return false;
            }
        }
        return letter;
    }

    private static final String[] PREFIXES = {
        "wel", "bel", "bil", "fel", "fil", "lel", "lil", "el", "il", "al",
        "bet", "bit", "byt", "bt", "by", "bi", "be", "b", "hay", "hat", "ht", "ha", "h", "3am", "kay", "kat", "kan",
        "ka", "ki", "ye", "yi", "y", "te", "ti", "t", "ne", "ni", "n", "we", "wa", "w", "ma", "m", "l"};
    private static final String[] SUFFIXES = {
        "hom", "hum", "kom", "ha", "oh", "ou", "o", "ak", "ek", "ik", "ny", "ni", "na", "ish", "esh", "ich", "sh",
        "ch", "et", "at", "een", "in", "oun", "oon", "ek", "i", "a", "e"};
    private static final int MAX_READINGS = 8;
    private static final String[] WITH_NO_PREFIX = withEmpty(PREFIXES);
    private static final String[] WITH_NO_SUFFIX = withEmpty(SUFFIXES);

    /**
     * Consonant skeletons an Arabizi word may have: first the whole word (several where a letter is read two
     * ways: «g» is ج or a Gulf ق, «2» a hamza or an Egyptian ق), then the word without Arabizi clitics
     * («hay-fid-o»), longest first.
     */
    public static List<String> skeletonReadings(String word) {
        String w = word.toLowerCase();
        Set<String> out = new LinkedHashSet<>(latinSkeletons(w));
        List<String> stems = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        for (String suffix : WITH_NO_SUFFIX) {
            if (w.endsWith(suffix)) {
                suffixes.add(suffix);
            }
        }
        for (String prefix : WITH_NO_PREFIX) {
            if (!w.startsWith(prefix)) {
                continue;
            }
            for (String suffix : suffixes) {
                if ((prefix.isEmpty() && suffix.isEmpty()) || w.length() - prefix.length() - suffix.length() < 2) {
                    continue;
                }
                stems.add(w.substring(prefix.length(), w.length() - suffix.length()));
            }
        }
        stems.sort((a, b) -> Integer.compare(b.length(), a.length()));
        for (String stem : stems) {
            for (String skeleton : latinSkeletons(stem)) {
                if (skeleton.length() >= 2) {
                    out.add(skeleton);
                }
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The consonant skeletons of a whole Arabizi word, without clitic stripping («yebla3» → {@code BLE},
     * «2ader» → {@code QDR} and {@code DR}): the red-flag lexicon compares Arabizi words by these.
     */
    public static List<String> wholeWordSkeletons(String word) {
        return latinSkeletons(word.toLowerCase());
    }

    /** How many of {@link #skeletonReadings} read the whole word. */
    public static int wholeReadings(String word) {
        return latinSkeletons(word.toLowerCase()).size();
    }

    private static String[] withEmpty(String[] values) {
        String[] out = new String[values.length + 1];
        out[0] = "";
        System.arraycopy(values, 0, out, 1, values.length);
        return out;
    }

    private static List<String> latinSkeletons(String w) {
        List<StringBuilder> readings = new ArrayList<>();
        readings.add(new StringBuilder());
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            char next = i + 1 < w.length() ? w.charAt(i + 1) : 0;
            String two = next == 0 ? "" : "" + c + next;
            String classes = switch (two) {
                case "sh", "ch" -> "C";
                case "kh", "7'" -> "X";
                case "gh", "3'" -> "G";
                case "th" -> "S";
                case "dh" -> "Z";
                default -> null;
            };
            if (classes != null) {
                i++;
            } else {
                classes = switch (c) {
                    case 'b', 'p' -> "B";
                    case 't', '6' -> "T";
                    case 's', 'c' -> "S";
                    case '9' -> "SQ";
                    case 'j' -> "J";
                    case 'g' -> "JQ";
                    case 'h', '7' -> "H";
                    case '5' -> "X";
                    case 'd' -> "D";
                    case 'z' -> "Z";
                    case 'r' -> "R";
                    case '3' -> "E";
                    case '8' -> "GQ";
                    case '2' -> "-Q";
                    case 'f', 'v' -> "F";
                    case 'q' -> "Q";
                    case 'k' -> "K";
                    case 'l' -> "L";
                    case 'm' -> "M";
                    case 'n' -> "N";
                    default -> "";
                };
            }
            if (c == 'x') {
                // «botox»: x is the two consonants of كس.
                for (StringBuilder reading : readings) {
                    append(reading, 'K');
                    append(reading, 'S');
                }
                continue;
            }
            if (classes.isEmpty()) {
                continue;
            }
            List<StringBuilder> next2 = new ArrayList<>();
            for (StringBuilder reading : readings) {
                for (int k = 0; k < classes.length() && next2.size() < MAX_READINGS; k++) {
                    StringBuilder copy = new StringBuilder(reading);
                    if (classes.charAt(k) != '-') {
                        append(copy, classes.charAt(k));
                    }
                    next2.add(copy);
                }
            }
            readings = next2;
        }
        Set<String> out = new LinkedHashSet<>();
        // A final «-et»/«-at» is often a teh marbuta («modet» is «مدة»).
        boolean tehMarbuta = w.length() >= 2 && w.charAt(w.length() - 1) == 't'
                && "aei".indexOf(w.charAt(w.length() - 2)) >= 0;
        for (StringBuilder reading : readings) {
            out.add(reading.toString());
            if (tehMarbuta && reading.length() > 2 && reading.charAt(reading.length() - 1) == 'T') {
                out.add(reading.substring(0, reading.length() - 1));
            }
        }
        return new ArrayList<>(out);
    }

    /** The skeleton of a normalised Arabic word, in the same classes. */
    public static String skeletonOfArabic(String word) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            char cls = switch (c) {
                case 'ب' -> 'B';
                case 'ت', 'ط' -> 'T';
                case 'ث', 'س', 'ص' -> 'S';
                case 'ج' -> 'J';
                case 'ح' -> 'H';
                case 'ه' -> i == word.length() - 1 ? 0 : 'H';
                case 'خ' -> 'X';
                case 'د', 'ض' -> 'D';
                case 'ذ', 'ز', 'ظ' -> 'Z';
                case 'ر' -> 'R';
                case 'ش' -> 'C';
                case 'ع' -> 'E';
                case 'غ' -> 'G';
                case 'ف' -> 'F';
                case 'ق' -> 'Q';
                case 'ك' -> 'K';
                case 'ل' -> 'L';
                case 'م' -> 'M';
                case 'ن' -> 'N';
                default -> 0;
            };
            if (cls != 0) {
                append(out, cls);
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, char cls) {
        // Doubled letters («botoxx», shadda never written) count once.
        if (out.isEmpty() || out.charAt(out.length() - 1) != cls) {
            out.append(cls);
        }
    }

}
