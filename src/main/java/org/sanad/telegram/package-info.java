/**
 * Sanad on Telegram, an adapter: updates in (long polling, flood limit, per-chat order), the command registry, and
 * replies out through the one sender that reads Telegram's errors. It asks {@code ask} and {@code staff}; nothing
 * calls it except through {@link org.sanad.broadcast.ChatSender}, which it implements.
 */
package org.sanad.telegram;
