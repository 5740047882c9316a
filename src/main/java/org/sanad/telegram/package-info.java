/**
 * Sanad on Telegram, an adapter: updates in (long polling or the webhook, both through a database inbox that
 * keeps them across crashes and hands each chat to one replica at a time, urgent ones first; the flood limit), the
 * command registry, and replies out through the one sender that reads Telegram's errors. It asks {@code ask} and {@code staff}; nothing
 * calls it except through {@link org.sanad.outbox.ChatSender}, which it implements.
 */
package org.sanad.telegram;
