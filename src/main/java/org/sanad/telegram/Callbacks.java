package org.sanad.telegram;

import org.sanad.checkin.CheckinButtons;

/**
 * The callback_data of Sanad's inline buttons, all far below Telegram's 64 bytes: {@code t:<n>} a start topic,
 * {@code q:<key>} a "did you mean" question, {@code f:y|n:<key>} feedback, {@code b:s|c|r:<id>} send or cancel a
 * broadcast draft or resend it to those in doubt, {@code k:y|n} the answer to a CHECK reply (the child has a danger
 * sign now, or not), {@code ci:…} the check-ins' buttons ({@link CheckinButtons}), {@code h:o} talk to the clinic
 * (optionally {@code h:o:<outcome>}), {@code h:e[:<id>]} end a conversation (the parent's own, or conversation
 * {@code id} from the staff group), {@code h:i} the mark under a staff reply. The CHECK answer needs no memory: «yes»
 * gets the urgent advice from whichever chat taps it.
 */
final class Callbacks {

    enum Kind {
        TOPIC, QUESTION, FEEDBACK, BROADCAST_SEND, BROADCAST_CANCEL, BROADCAST_RESEND, CHECK_YES, CHECK_NO,
        CHECKIN_ASK, CHECKIN_WHEN, CHECKIN_FINE, CHECKIN_SIGN, HANDOFF_OPEN, HANDOFF_END, HANDOFF_MARK, UNKNOWN
    }

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

    static String handoffOpen() {
        return "h:o";
    }

    /** Talk to the clinic, from under a reply of this outcome (so the staff's header says it on any replica). */
    static String handoffOpen(String outcome) {
        return "h:o:" + outcome;
    }

    /** From the staff group: end conversation {@code conversationId}. */
    static String handoffEnd(long conversationId) {
        return "h:e:" + conversationId;
    }

    /** From a parent: end their own conversation. */
    static String handoffEnd() {
        return "h:e";
    }

    static String handoffFromClinic() {
        return "h:i";
    }

    static String check(boolean signNow) {
        return signNow ? "k:y" : "k:n";
    }

    static Parsed parse(String data) {
        if (data == null) {
            return new Parsed(Kind.UNKNOWN, "", false);
        }
        switch (data) {
            case "h:o" -> {
                return new Parsed(Kind.HANDOFF_OPEN, "", false);
            }
            case "h:e" -> {
                return new Parsed(Kind.HANDOFF_END, "", false);
            }
            case "h:i" -> {
                return new Parsed(Kind.HANDOFF_MARK, "", false);
            }
            case CheckinButtons.ASK -> {
                return new Parsed(Kind.CHECKIN_ASK, "", false);
            }
            case CheckinButtons.FINE -> {
                return new Parsed(Kind.CHECKIN_FINE, "", false);
            }
            case CheckinButtons.SIGN -> {
                return new Parsed(Kind.CHECKIN_SIGN, "", false);
            }
            default -> {
            }
        }
        if (data.matches("h:o:[A-Z_]{1,16}")) {
            return new Parsed(Kind.HANDOFF_OPEN, data.substring(4), false);
        }
        if (data.matches("h:e:\\d{1,18}")) {
            return new Parsed(Kind.HANDOFF_END, data.substring(4), false);
        }
        if (data.startsWith(CheckinButtons.WHEN_PREFIX) && data.substring(CheckinButtons.WHEN_PREFIX.length())
                .matches("[0-2]")) {
            return new Parsed(Kind.CHECKIN_WHEN, data.substring(CheckinButtons.WHEN_PREFIX.length()), false);
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
            if (parts[1].equals("r")) {
                return new Parsed(Kind.BROADCAST_RESEND, parts[2], false);
            }
            if (parts[1].equals("c")) {
                return new Parsed(Kind.BROADCAST_CANCEL, parts[2], false);
            }
        }
        return new Parsed(Kind.UNKNOWN, "", false);
    }
}
