package org.sanad.eval;

import java.text.Normalizer;

/** The folding that the evaluation README defines for judging whether a passage "contains" a phrase. */
public final class EvalFolding {

    private EvalFolding() {
    }

    public static String fold(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK || c == 'ـ') {
                continue;
            }
            switch (c) {
                case 'أ', 'إ', 'آ', 'ٱ' -> out.append('ا');
                case 'ى', 'ئ' -> out.append('ي');
                case 'ة' -> out.append('ه');
                case 'ؤ' -> out.append('و');
                case 'ء' -> { }
                default -> out.append(Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : ' ');
            }
        }
        return out.toString().replaceAll("\\s+", " ").trim();
    }

    public static boolean containsAny(String passage, Iterable<String> phrases) {
        String folded = " " + fold(passage) + " ";
        for (String phrase : phrases) {
            if (folded.contains(fold(phrase))) {
                return true;
            }
        }
        return false;
    }
}
