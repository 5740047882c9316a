package org.sanad.broadcast;

import java.time.Instant;
import org.sanad.outbox.Outbox;
import org.sanad.outbox.OutboxObserver;
import org.sanad.outbox.OutboxProperties;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the broadcasts learn from the outbox's sender: a chat that blocked the bot is no longer a subscriber, and a
 * broadcast whose rows are all sent is reported to the staff member (with progress reports meanwhile).
 */
@Component
public class BroadcastProgress implements OutboxObserver {

    private final Subscribers subscribers;
    private final BroadcastReports reports;
    private final OutboxProperties properties;

    public BroadcastProgress(JdbcClient jdbc, MessageSource messages, Outbox outbox, Subscribers subscribers,
            OutboxProperties properties) {
        this.subscribers = subscribers;
        this.reports = new BroadcastReports(jdbc, messages, outbox);
        this.properties = properties;
    }

    @Override
    public void blocked(long chatId) {
        subscribers.blocked(chatId);
    }

    @Override
    public void everySecond(Instant now) {
        for (long id : reports.finishedBroadcasts()) {
            reports.finish(id, now);
        }
        reports.progress(now, properties.progressInterval());
    }
}
