package org.sanad.broadcast;

import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.sanad.outbox.ChatSender;
import org.sanad.outbox.OutboxProperties;
import org.sanad.outbox.OutboxSender;
import org.sanad.outbox.QuietHours;
import org.sanad.outbox.Outbox;
import org.sanad.telegram.TestTelegram;
import org.sanad.testing.FakeBotApi;
import org.sanad.testing.TestDatabases.Database;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A database, the fake Bot API and as many outbox senders as a test wants, wired as the application wires them. */
final class SenderRig implements AutoCloseable {

    static final long STAFF = 501;
    static final long STAFF_CHAT = 9501;
    /** Subscribers' chat ids start here, so that they never mix with the staff chat. */
    static final long FIRST_CHAT = 10_000;

    final Database db;
    final FakeBotApi telegram;
    final Subscribers subscribers;
    final BroadcastStore broadcasts;
    private final TransactionTemplate transactions;
    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    private final List<OutboxSender> senders = new ArrayList<>();

    SenderRig(Database db, FakeBotApi telegram) {
        db.clean();
        this.db = db;
        this.telegram = telegram;
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        var jdbc = db.jdbc();
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        this.subscribers = new Subscribers(jdbc);
        this.broadcasts = new BroadcastStore(jdbc, transactions, subscribers,
                () -> senders.forEach(OutboxSender::wake));
    }

    /** Test settings: the production defaults, but a short poll so that tests do not wait on it. */
    static final class Settings {
        double rate = 25;
        OutboxProperties.InDoubt inDoubt = OutboxProperties.InDoubt.SKIP;
        Duration inFlightLease = Duration.ofSeconds(60);
        int maxAttempts = 5;
        Duration retryBackoff = Duration.ofSeconds(1);
        Duration progressInterval = Duration.ofSeconds(30);

        Settings rate(double perSecond) {
            rate = perSecond;
            return this;
        }

        Settings inDoubt(OutboxProperties.InDoubt policy) {
            inDoubt = policy;
            return this;
        }

        Settings inFlightLease(Duration lease) {
            inFlightLease = lease;
            return this;
        }

        Settings maxAttempts(int attempts) {
            maxAttempts = attempts;
            return this;
        }

        Settings progressInterval(Duration interval) {
            progressInterval = interval;
            return this;
        }

        OutboxProperties build() {
            return new OutboxProperties(rate, inDoubt, inFlightLease, maxAttempts, retryBackoff, progressInterval,
                    8, Duration.ofMillis(200));
        }
    }

    static Settings settings() {
        return new Settings();
    }

    /** A started sender: one more "instance" of Sanad on this database. */
    OutboxSender startSender(Settings settings) {
        ChatSender chats = TestTelegram.chatSender(telegram.url(), telegram.token(), subscribers);
        OutboxProperties properties = settings.build();
        Outbox outbox = new Outbox(db.jdbc(), transactions, () -> senders.forEach(OutboxSender::wake),
                Clock.systemUTC());
        OutboxSender sender = new OutboxSender(db.dataSource(), transactions, properties, () -> chats,
                Clock.systemUTC(), List.of(new BroadcastProgress(db.jdbc(), messages, outbox, subscribers, properties)),
                QuietHours.NEVER);
        senders.add(sender);
        sender.start();
        return sender;
    }

    /** Every chat subscribed through {@link #subscribe(int)}. */
    List<Long> subscribers() {
        return db.jdbc().sql("SELECT chat_id FROM subscriber ORDER BY chat_id").query(Long.class).list();
    }

    /** Chats FIRST_CHAT .. FIRST_CHAT + count - 1, subscribed. */
    List<Long> subscribe(int count) {
        List<Long> chats = new ArrayList<>();
        for (long chat = FIRST_CHAT; chat < FIRST_CHAT + count; chat++) {
            subscribers.subscribe(chat);
            chats.add(chat);
        }
        return chats;
    }

    /** Drafts and sends; returns the broadcast's id. */
    long broadcast(String text) {
        long id = broadcasts.draft(STAFF, STAFF_CHAT, text).id();
        broadcasts.send(id, STAFF);
        return id;
    }

    String status(long broadcastId) {
        return db.jdbc().sql("SELECT status FROM broadcast WHERE id = ?").param(broadcastId).query(String.class).single();
    }

    long deliveries(long broadcastId, String status) {
        return db.jdbc().sql("SELECT COUNT(*) FROM delivery WHERE broadcast_id = ? AND status = ?")
                .params(broadcastId, status).query(Long.class).single();
    }

    void awaitDone(long broadcastId, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> "DONE".equals(status(broadcastId)));
    }

    /** Messages accepted for subscribers' chats (not the staff chat), in arrival order. */
    List<FakeBotApi.Call> deliveredToSubscribers() {
        return telegram.calls("sendMessage").stream()
                .filter(call -> call.ok() && call.chatId() >= FIRST_CHAT)
                .toList();
    }

    List<FakeBotApi.Call> staffMessages() {
        return telegram.calls("sendMessage").stream().filter(call -> call.chatId() == STAFF_CHAT).toList();
    }

    @Override
    public void close() {
        senders.forEach(OutboxSender::halt);
    }
}
