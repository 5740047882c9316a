package org.sanad.telegram;

/** Telegram's HTML parse mode: the three characters it reads as markup, escaped. */
final class Html {

    private Html() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String bold(String text) {
        return "<b>" + escape(text) + "</b>";
    }
}
