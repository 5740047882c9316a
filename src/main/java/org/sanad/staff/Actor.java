package org.sanad.staff;

/**
 * Who asks for a staff action, as {@link Roles} recognised them.
 *
 * @param name           how the audit log names them: {@code telegram:<user id>}, {@code http} or {@code watcher}
 * @param role           what they may do
 * @param telegramUserId their Telegram user id, or 0 when they are not a Telegram user (only those own broadcasts)
 */
public record Actor(String name, Role role, long telegramUserId) {

    /** Sanad itself, reindexing because the knowledge folder changed. */
    public static final Actor WATCHER = new Actor("watcher", Role.ADMIN, 0);
}
