package org.sanad.telegram;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a reply into messages Telegram accepts (at most 4096 characters each), at paragraph boundaries when it
 * can, then at line, sentence and word boundaries. Every part starts right-to-left. The last paragraph (the
 * doctor note) stays whole on the last part.
 */
final class ReplySplitter {

    static final int TELEGRAM_LIMIT = 4096;
    static final char RIGHT_TO_LEFT_MARK = '\u200F';

    private final int limit;

    ReplySplitter() {
        this(TELEGRAM_LIMIT);
    }

    ReplySplitter(int limit) {
        if (limit < 16) {
            throw new IllegalArgumentException("limit too small: " + limit);
        }
        this.limit = limit;
    }

    List<String> split(String text) {
        // one character kept back for the right-to-left mark a part may need
        int room = limit - 1;
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String paragraph : text.split("\n\n")) {
            for (String piece : fit(paragraph, room)) {
                if (current.length() > 0 && current.length() + 2 + piece.length() > room) {
                    parts.add(current.toString());
                    current.setLength(0);
                }
                if (current.length() > 0) {
                    current.append("\n\n");
                }
                current.append(piece);
            }
        }
        if (current.length() > 0 || parts.isEmpty()) {
            parts.add(current.toString());
        }
        return parts.stream().map(ReplySplitter::rightToLeft).toList();
    }

    /** A paragraph as pieces of at most {@code room} characters, cut at the latest natural boundary. */
    private static List<String> fit(String paragraph, int room) {
        List<String> pieces = new ArrayList<>();
        String rest = paragraph;
        while (rest.length() > room) {
            int cut = lastBoundary(rest, room);
            pieces.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty() || pieces.isEmpty()) {
            pieces.add(rest);
        }
        return pieces;
    }

    private static int lastBoundary(String text, int room) {
        int floor = room / 2; // a boundary too early would leave tiny parts; cut harder instead
        int line = text.lastIndexOf('\n', room);
        if (line >= floor) {
            return line + 1;
        }
        for (int i = room - 1; i >= floor; i--) {
            char c = text.charAt(i);
            if ((c == '.' || c == '؟' || c == '?' || c == '!' || c == '۔' || c == '؛')
                    && i + 1 < text.length() && Character.isWhitespace(text.charAt(i + 1))) {
                return i + 1;
            }
        }
        int space = text.lastIndexOf(' ', room);
        if (space >= floor) {
            return space + 1;
        }
        // never split a surrogate pair (an emoji)
        return Character.isLowSurrogate(text.charAt(room)) ? room - 1 : room;
    }

    private static String rightToLeft(String part) {
        if (part.isEmpty()) {
            return String.valueOf(RIGHT_TO_LEFT_MARK);
        }
        char first = part.charAt(0);
        boolean arabic = first >= '\u0600' && first <= '\u06FF' || first == RIGHT_TO_LEFT_MARK;
        return arabic ? part : RIGHT_TO_LEFT_MARK + part;
    }
}
