/**
 * The clinic's broadcasts to subscribed chats: the subscribers, the stored drafts and deliveries, and the paced,
 * exactly-once sender, which reaches the messenger only through {@link org.sanad.broadcast.ChatSender}.
 */
package org.sanad.broadcast;
