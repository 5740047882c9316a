package org.sanad.text;

import java.text.Normalizer;

/**
 * Folds the many ways one Arabic word is typed into one form, so that retrieval and red-flag triage
 * see the same text. Every word is kept (negators included); punctuation is kept, in ASCII.
 */
public final class ArabicNormalizer {

    private ArabicNormalizer() {
    }

    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        int[] folded = new int[nfkc.length()];
        int length = 0;
        for (int at = 0; at < nfkc.length(); ) {
            int cp = nfkc.codePointAt(at);
            at += Character.charCount(cp);
            int kept = fold(cp);
            if (kept != DROP) {
                folded[length++] = kept;
            }
        }
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int cp = folded[i];
            if (cp == ' ') {
                if (!out.isEmpty() && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
                continue;
            }
            // Elongation («كتيييير», «soooo»): a letter typed three or more times in a row counts once.
            int runEnd = i;
            while (runEnd + 1 < length && folded[runEnd + 1] == cp) {
                runEnd++;
            }
            int times = runEnd - i + 1;
            int keep = Character.isLetter(cp) && times >= 3 ? 1 : times;
            for (int k = 0; k < keep; k++) {
                out.appendCodePoint(cp);
            }
            i = runEnd;
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        return out.toString();
    }

    /**
     * A normalised word as typed carelessly: a letter typed twice counts once («قاادر», «يبلعع»), and the letters
     * parents swap as they speak them are one («بيتنفث» is «بيتنفس», «هزا» is «هذا», «ظيق» is «ضيق»).
     */
    public static String loose(String word) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = switch (word.charAt(i)) {
                case 'ث' -> 'س';
                case 'ذ' -> 'ز';
                case 'ظ' -> 'ض';
                default -> word.charAt(i);
            };
            if (out.isEmpty() || c != out.charAt(out.length() - 1)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static final int DROP = -2;

    private static int fold(int cp) {
        switch (cp) {
            case 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ', 'ٵ':
                return 'ا';
            case 'ى', 'ی', 'ې', 'ۍ', 'ئ', 'ٸ':
                return 'ي';
            case 'ة', 'ۀ', 'ہ', 'ھ', 'ە', 'ۃ':
                return 'ه';
            case 'ؤ', 'ٶ', 'ۄ':
                return 'و';
            case 'ک', 'ڪ':
                return 'ك';
            case 'گ', 'ڨ':
                // Gulf, Iraqi and Maghrebi writers use it for their «g», which is ق («گال» is «قال»).
                return 'ق';
            case 'پ':
                return 'ب';
            case 'ڤ', 'ڥ':
                return 'ف';
            case 'چ', 'ڜ':
                return cp == 'چ' ? 'ج' : 'ش';
            case 'ء', 'ـ':
                return DROP;
            case '،':
                return ',';
            case '؛':
                return ';';
            case '؟':
                return '?';
            case '٪':
                return '%';
            default:
                break;
        }
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return ' ';
        }
        if (cp >= '٠' && cp <= '٩') {
            return '0' + (cp - '٠');
        }
        if (cp >= '۰' && cp <= '۹') {
            return '0' + (cp - '۰');
        }
        int type = Character.getType(cp);
        // Harakat, Quranic marks, and the invisible format characters (bidi, zero-width) carry no meaning here.
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || type == Character.CONTROL && !Character.isWhitespace(cp)) {
            return DROP;
        }
        if (cp < 0x80) {
            return Character.toLowerCase(cp);
        }
        return Character.isUpperCase(cp) ? Character.toLowerCase(cp) : cp;
    }
}
