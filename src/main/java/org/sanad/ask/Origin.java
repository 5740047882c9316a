package org.sanad.ask;

/**
 * Where a message to the pipeline came from, as far as a danger alert needs it: the channel, and in Telegram the
 * chat (to link the staff to it). Never the parent's name.
 *
 * @param channel     the channel the parent used
 * @param chatId      the Telegram chat; null elsewhere
 * @param userId      the Telegram user who wrote; null elsewhere
 * @param privateChat the chat is a one-to-one chat with the parent (a {@code tg://user?id=} link reaches them)
 * @param reference   what makes this report one and the same when it is processed again (e.g. a Telegram update
 *                    answered again after a crash); null when each call is new
 */
public record Origin(Channel channel, Long chatId, Long userId, boolean privateChat, String reference) {

    public enum Channel { TELEGRAM, WEB, OTHER }

    public static Origin telegram(long chatId, long userId, boolean privateChat, String reference) {
        return new Origin(Channel.TELEGRAM, chatId, userId, privateChat, reference);
    }

    /** The web chat and the HTTP API (the same endpoint). */
    public static Origin web() {
        return new Origin(Channel.WEB, null, null, false, null);
    }

    /** Tools, tests and evaluations: no alert needs to say where it came from. */
    public static Origin other() {
        return new Origin(Channel.OTHER, null, null, false, null);
    }
}
