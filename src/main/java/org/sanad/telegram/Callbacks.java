package org.sanad.telegram;

/**
 * The callback_data of Sanad's inline buttons, all far below Telegram's 64 bytes: {@code t:<n>} a start topic,
 * {@code q:<key>} a "did you mean" question, {@code f:y|n:<key>} feedback, {@code b:s|c:<id>} send or cancel a
 * broadcast draft, {@code k:y|n} the answer to a CHECK reply (the child has a danger sign now, or not). The CHECK
 * answer needs no memory: «yes» gets the urgent advice from whichever chat taps it.
 */
final class Callbacks {

    enum Kind { TOPIC, QUESTION, FEEDBACK, BROADCAST_SEND, BROADCAST_CANCEL, CHECK_YES, CHECK_NO, UNKNOWN }

    record Parsed(Kind kind, String value, boolean helpful) {
    }

    private Callbacks() {
    }

    static String topic(int number) {
        return "t:" + number;
    }

    static String question(String key) {
        return "q:" + key;
    }

    static String feedback(boolean helpful, String key) {
        return "f:" + (helpful ? "y" : "n") + ":" + key;
    }

    static String broadcastSend(long draftId) {
        return "b:s:" + draftId;
    }

    static String broadcastCancel(long draftId) {
        return "b:c:" + draftId;
    }

    static String check(boolean signNow) {
        return signNow ? "k:y" : "k:n";
    }

    static Parsed parse(String data) {
        if (data == null) {
            return new Parsed(Kind.UNKNOWN, "", false);
        }
        String[] parts = data.split(":", 3);
        if (parts.length == 2 && parts[0].equals("t")) {
            return new Parsed(Kind.TOPIC, parts[1], false);
        }
        if (parts.length == 2 && parts[0].equals("k") && (parts[1].equals("y") || parts[1].equals("n"))) {
            return new Parsed(parts[1].equals("y") ? Kind.CHECK_YES : Kind.CHECK_NO, "", false);
        }
        if (parts.length == 2 && parts[0].equals("q")) {
            return new Parsed(Kind.QUESTION, parts[1], false);
        }
        if (parts.length == 3 && parts[0].equals("f") && (parts[1].equals("y") || parts[1].equals("n"))) {
            return new Parsed(Kind.FEEDBACK, parts[2], parts[1].equals("y"));
        }
        if (parts.length == 3 && parts[0].equals("b") && parts[2].matches("\\d{1,18}")) {
            if (parts[1].equals("s")) {
                return new Parsed(Kind.BROADCAST_SEND, parts[2], false);
            }
            if (parts[1].equals("c")) {
                return new Parsed(Kind.BROADCAST_CANCEL, parts[2], false);
            }
        }
        return new Parsed(Kind.UNKNOWN, "", false);
    }
}
