package org.sanad.outbox;

import java.util.ArrayList;
import java.util.List;

/**
 * What one outbox row sends: a text (plain, or Telegram HTML its writer escaped), or a copy of a message already in
 * Telegram ({@code copyMessage}, e.g. a parent's photo relayed to the staff), with optional inline buttons.
 *
 * @param text          the text; with a copy, its caption, or null to keep the original's
 * @param html          {@code text} is Telegram HTML (its writer escaped what is not markup); else shown as written
 * @param copyFromChat  with {@code copyMessageId}: the chat of the message to copy; null for a text
 * @param copyMessageId the message to copy
 * @param buttons       rows of inline buttons; empty for none
 * @param threadId      in a forum group, the topic it goes to; null for the chat itself
 * @param replyTo       the message in the destination chat it answers (sent even if that one is gone); null for none
 */
public record OutboxMessage(String text, boolean html, Long copyFromChat, Long copyMessageId,
        List<List<Button>> buttons, Integer threadId, Long replyTo) {

    /** Telegram's limit for one message. */
    public static final int MAX_TEXT = 4096;

    /** An inline button: {@code callbackData} (at most 64 bytes) for a tap Sanad answers, or a {@code url}. */
    public record Button(String label, String callbackData, String url) {

        public static Button callback(String label, String data) {
            return new Button(label, data, null);
        }

        public static Button link(String label, String url) {
            return new Button(label, null, url);
        }
    }

    public OutboxMessage {
        buttons = buttons == null ? List.of() : buttons.stream().map(List::copyOf).toList();
        if ((text == null || text.isEmpty()) && copyMessageId == null) {
            throw new IllegalArgumentException("an outbox message needs a text or a message to copy");
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("an outbox message has at most " + MAX_TEXT + " characters");
        }
        if ((copyFromChat == null) != (copyMessageId == null)) {
            throw new IllegalArgumentException("a copy needs both the chat and the message id");
        }
    }

    /** Shown exactly as written. */
    public static OutboxMessage text(String text) {
        return new OutboxMessage(text, false, null, null, List.of(), null, null);
    }

    /** Telegram HTML: the caller escaped everything that is not markup. */
    public static OutboxMessage html(String html) {
        return new OutboxMessage(html, true, null, null, List.of(), null, null);
    }

    /** A copy of a message in Telegram, without "forwarded from". */
    public static OutboxMessage copyOf(long fromChat, long messageId) {
        return new OutboxMessage(null, false, fromChat, messageId, List.of(), null, null);
    }

    /** The same message with one more row of buttons. */
    public OutboxMessage withButtons(Button... row) {
        List<List<Button>> rows = new ArrayList<>(buttons);
        rows.add(List.of(row));
        return new OutboxMessage(text, html, copyFromChat, copyMessageId, rows, threadId, replyTo);
    }

    /** The same message in a forum topic (null: the chat itself). */
    public OutboxMessage inThread(Integer thread) {
        return new OutboxMessage(text, html, copyFromChat, copyMessageId, buttons, thread, replyTo);
    }

    /** The same message as an answer to {@code message} of the destination chat (null: to none). */
    public OutboxMessage replyingTo(Long message) {
        return new OutboxMessage(text, html, copyFromChat, copyMessageId, buttons, threadId, message);
    }

    public boolean isCopy() {
        return copyMessageId != null;
    }

    // Stored as one column: rows by GS, buttons by RS, fields by US; labels and data never hold control characters.
    private static final char ROW = '\u001D';
    private static final char BUTTON = '\u001E';
    private static final char FIELD = '\u001F';

    String encodeButtons() {
        if (buttons.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (List<Button> row : buttons) {
            if (!out.isEmpty()) {
                out.append(ROW);
            }
            for (int i = 0; i < row.size(); i++) {
                Button button = row.get(i);
                if (i > 0) {
                    out.append(BUTTON);
                }
                out.append(clean(button.label())).append(FIELD)
                        .append(button.url() != null ? "u" + clean(button.url()) : "c" + clean(button.callbackData()));
            }
        }
        return out.toString();
    }

    static List<List<Button>> decodeButtons(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return List.of();
        }
        List<List<Button>> rows = new ArrayList<>();
        for (String row : encoded.split(String.valueOf(ROW))) {
            List<Button> buttons = new ArrayList<>();
            for (String button : row.split(String.valueOf(BUTTON))) {
                int split = button.indexOf(FIELD);
                String label = button.substring(0, split);
                String value = button.substring(split + 2);
                buttons.add(button.charAt(split + 1) == 'u' ? Button.link(label, value) : Button.callback(label, value));
            }
            rows.add(buttons);
        }
        return rows;
    }

    private static String clean(String value) {
        return value == null ? "" : value.replaceAll("[\\u001D-\\u001F]", "");
    }
}
