/**
 * The one database-backed outbox for everything Sanad sends on its own (danger alerts, check-ins, reminders,
 * broadcasts and their reports, relayed messages): {@link org.sanad.outbox.Outbox} takes a message, the paced,
 * exactly-once {@link org.sanad.outbox.OutboxSender} sends it, reaching the messenger only through
 * {@link org.sanad.outbox.ChatSender}.
 */
package org.sanad.outbox;
