package org.sanad.telegram;

import java.util.List;
import org.sanad.staff.Role;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;

/**
 * One bot command, as TelegramBots' command bots hold them: its name, its line in the menu and in /help (Arabic, from
 * {@code telegram.command.<name>} in messages.properties), who it is for, and what it does. The role decides whom
 * the menu and /help show it to; a staff command's handler still goes through the staff gate, which refuses and
 * audits anyone else.
 */
record Command(String name, String description, Role role, Handler handler) {

    /** What a command answers; the replies are sent by {@link TelegramSender}. */
    @FunctionalInterface
    interface Handler {
        List<BotApiMethod<?>> handle(Call call);
    }

    /**
     * One use of a command.
     *
     * @param args what follows the command, stripped; empty when nothing does
     */
    record Call(long chatId, long userId, String args) {
    }
}
