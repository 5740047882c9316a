/**
 * The clinic's broadcasts to subscribed chats: the subscribers, the stored drafts, one outbox row per recipient (put
 * in and counted here, sent by the {@link org.sanad.outbox outbox}), and the staff member's reports.
 */
package org.sanad.broadcast;
