package org.sanad.outbox;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox (alerts, check-ins, reminders, broadcasts, reports, relays) under Telegram's limits: a global rate
 * shared by every instance on the database, one message a second per chat (one every three seconds per group), a pause
 * for everyone on 429, and bounded retries; the lowest priority number first, so an alert overtakes a queued broadcast.
 * Each row is marked IN_FLIGHT in the database before Telegram is called, so a crash leaves at most the few messages
 * that were on the wire in doubt (see {@link OutboxProperties#inDoubt()}); everything else resumes exactly once on
 * restart.
 */
@Component
public class OutboxSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    /** Telegram's one message a second per chat, with room for the jitter of a busy machine and network. */
    private static final Duration PER_CHAT = Duration.ofMillis(1_100);
    /** Telegram's 20 messages a minute in one group (chat ids of groups are negative), with the same room. */
    private static final Duration PER_GROUP = Duration.ofMillis(3_100);
    private static final Duration HORIZON = Duration.ofMillis(500);
    private static final Duration MAX_CLAIM_GRACE = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final Duration MIN_PAUSE = Duration.ofSeconds(1);
    private static final Duration HOUSEKEEPING = Duration.ofSeconds(1);
    /** How late a message may still go out: 25/s bunched by 150 ms stays under Telegram's 30 in any second. */
    private static final Duration LATENESS = Duration.ofMillis(150);

    private static final int BODIES_CACHED = 256;

    private final Deliveries deliveries;
    private final List<OutboxObserver> observers;
    private final QuietHours quietHours;
    private final OutboxProperties properties;
    private final Supplier<ChatSender> chatSender;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String instance;

    private final Object signal = new Object();
    private final AtomicLong claims = new AtomicLong();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final Map<Long, Instant> lastSentToChat = new ConcurrentHashMap<>();
    /** Messages by body: a broadcast's thousands of rows share one. */
    private final Map<Long, OutboxMessage> bodies = new ConcurrentHashMap<>();
    private final Statistics statistics = new Statistics();
    /**
     * Calls to Telegram under way. A fresh JVM's first calls stall (class loading, the first connection) and, made
     * side by side, would then reach Telegram together, over the limit; so one at a time until a few have gone.
     */
    private final java.util.concurrent.Semaphore calls = new java.util.concurrent.Semaphore(1);
    private final AtomicInteger warmUp = new AtomicInteger(3);

    private volatile boolean running;
    private volatile boolean halted;
    private volatile boolean woken;
    /** This instance's copy of the 429 pause, for the calls it has already claimed; the database tells the others. */
    private volatile Instant pausedUntil = Instant.MIN;
    private Thread dispatcher;
    private ScheduledThreadPoolExecutor senders;
    private ChatSender chats;

    @Autowired
    OutboxSender(DataSource dataSource, TransactionTemplate transactions, OutboxProperties properties,
            ObjectProvider<ChatSender> chatSender, List<OutboxObserver> observers,
            ObjectProvider<QuietHours> quietHours) {
        this(dataSource, transactions, properties, chatSender::getIfAvailable, Clock.systemUTC(), observers,
                quietHours.getIfAvailable(() -> QuietHours.NEVER));
    }

    /** As the application builds it; for tests and the benchmark, with their own clock and observers. */
    public OutboxSender(DataSource dataSource, TransactionTemplate transactions, OutboxProperties properties,
            Supplier<ChatSender> chatSender, Clock clock, List<OutboxObserver> observers, QuietHours quietHours) {
        this.jdbc = JdbcClient.create(dataSource);
        this.deliveries = new Deliveries(dataSource, transactions);
        this.observers = List.copyOf(observers);
        this.quietHours = quietHours;
        this.properties = properties;
        this.chatSender = chatSender;
        this.clock = clock;
        this.instance = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** What this instance did since it started, for logs, tests and the benchmark. */
    public static final class Statistics {
        public final AtomicLong sent = new AtomicLong();
        public final AtomicLong throttled = new AtomicLong();
        public final AtomicLong blocked = new AtomicLong();
        public final AtomicLong failed = new AtomicLong();
        public final AtomicLong retried = new AtomicLong();
        public final AtomicLong recoveredInDoubt = new AtomicLong();
        public final AtomicLong late = new AtomicLong();
        public final AtomicLong expired = new AtomicLong();
    }

    public Statistics statistics() {
        return statistics;
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        chats = chatSender.get();
        if (chats == null) {
            log.info("Telegram is off: the outbox (alerts, check-ins, broadcasts) is stored but not sent");
            return;
        }
        running = true;
        halted = false;
        senders = new ScheduledThreadPoolExecutor(properties.concurrency(), daemon("outbox-send"));
        senders.setRemoveOnCancelPolicy(true);
        senders.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        dispatcher = daemon("outbox-dispatch").newThread(this::dispatch);
        dispatcher.start();
        log.info("Outbox sender {} started: {} messages/s, in doubt: {}", instance, properties.rate(),
                properties.inDoubt().name().toLowerCase());
    }

    /** An orderly stop: claimed rows not yet handed to Telegram go back to the queue; calls under way finish. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake();
        joinQuietly(dispatcher);
        senders.shutdown();
        try {
            senders.awaitTermination(properties.inFlightLease().toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int released = deliveries.releaseAll(instance + "#");
        log.info("Outbox sender {} stopped; {} claimed messages left for the next sender", instance, released);
    }

    /**
     * Stops as a crash would (tests and the benchmark): no release, no bookkeeping after an interrupted call, so the
     * database is left exactly as a {@code kill -9} leaves it.
     */
    public synchronized void halt() {
        halted = true;
        running = false;
        if (senders != null) {
            senders.shutdownNow();
        }
        if (dispatcher != null) {
            dispatcher.interrupt();
            joinQuietly(dispatcher);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the database and the Telegram client, before the web server stops taking requests. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    /** Something was put in the outbox: look for work now rather than at the next poll. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    // ------------------------------------------------------------------ the dispatcher: claims and schedules

    private void dispatch() {
        Instant nextHousekeeping = Instant.MIN;
        int batch = Math.max(1, (int) Math.ceil(properties.rate() * HORIZON.toMillis() / 1000.0) + 1);
        int maxOutstanding = Math.max(batch * 2, properties.concurrency() * 2);
        while (running) {
            try {
                Instant now = clock.instant();
                if (!now.isBefore(nextHousekeeping)) {
                    housekeeping(now);
                    nextHousekeeping = now.plus(HOUSEKEEPING);
                }
                int room = maxOutstanding - outstanding.get();
                if (room <= 0) {
                    sleep(properties.spacing());
                    continue;
                }
                String token = instance + "#" + claims.incrementAndGet();
                Deliveries.Claim claim = deliveries.claim(token, Math.min(batch, room), now, properties.spacing(),
                        HORIZON, claimGrace(), this::chatReady, quietHours.isQuiet(now));
                if (claim.waitUntil() != null) {
                    sleep(Duration.between(now, claim.waitUntil()));
                } else if (claim.deliveries().isEmpty()) {
                    idle(now);
                } else {
                    for (Deliveries.Claimed row : claim.deliveries()) {
                        outstanding.incrementAndGet();
                        long delay = Math.max(0, Duration.between(clock.instant(), row.slot()).toNanos());
                        senders.schedule(() -> sendAndRecord(row), delay, TimeUnit.NANOSECONDS);
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                // The database may be restarting: try again shortly rather than stop sending for good.
                log.warn("Outbox sender: {}", e.toString());
                sleep(properties.poll());
            }
        }
    }

    private void housekeeping(Instant now) {
        int claims = deliveries.recoverExpiredClaims(now);
        int inDoubt = deliveries.recoverInDoubt(now, properties.inDoubt());
        if (claims > 0 || inDoubt > 0) {
            statistics.recoveredInDoubt.addAndGet(inDoubt);
            log.warn("Recovered from a stopped sender: {} claimed messages back in the queue, {} in doubt ({})",
                    claims, inDoubt, properties.inDoubt().name().toLowerCase());
        }
        for (Deliveries.Expired row : deliveries.expire(now)) {
            statistics.expired.incrementAndGet();
            // the kind and the row, never the chat: a late check-in is news for the log, not who it was for
            log.warn("Outbox: a {} (row {}) was due too long ago and is dropped, not sent", row.kind(), row.id());
            OutboxKind.parse(row.kind()).ifPresent(kind -> observers.forEach(o -> quietly(() -> o.expired(kind,
                    row.chatId()))));
        }
        lastSentToChat.values().removeIf(at -> at.plus(PER_GROUP).isBefore(now));
        if (bodies.size() > BODIES_CACHED) {
            bodies.clear();
        }
        observers.forEach(o -> quietly(() -> o.everySecond(now)));
    }

    /** An observer's trouble is logged; it never stops the sending. */
    private static void quietly(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("Outbox observer: {}", e.toString());
        }
    }

    private void idle(Instant now) {
        synchronized (signal) {
            if (!woken && running) {
                try {
                    signal.wait(properties.poll().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    private boolean chatReady(long chatId) {
        Instant last = lastSentToChat.get(chatId);
        return last == null || !last.plus(gap(chatId)).isAfter(clock.instant());
    }

    private static Duration gap(long chatId) {
        return chatId < 0 ? PER_GROUP : PER_CHAT;
    }

    // ------------------------------------------------------------------ one message

    private void sendAndRecord(Deliveries.Claimed row) {
        try {
            send(row);
        } catch (RuntimeException e) {
            if (!halted) {
                log.warn("Outbox row {}: {}", row.id(), e.toString());
            }
        } finally {
            outstanding.decrementAndGet();
        }
    }

    private void send(Deliveries.Claimed row) {
        if (halted) {
            return;
        }
        if (!running || !chatReady(row.chatId())) {
            deliveries.release(row, clock.instant().plus(gap(row.chatId())));
            return;
        }
        calls.acquireUninterruptibly();
        try {
            if (!halted) {
                call(row);
            }
        } finally {
            calls.release();
        }
        if (warmUp.get() > 0 && warmUp.decrementAndGet() == 0) {
            calls.release(properties.concurrency() - 1);
        }
    }

    /** Marks the row IN_FLIGHT only right before the call, so that a crash leaves in doubt only what was on the wire. */
    private void call(Deliveries.Claimed row) {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            deliveries.release(row, pausedUntil);
            return;
        }
        if (late(row, now)) {
            deliveries.release(row, now);
            return;
        }
        if (!deliveries.markInFlight(row, now, now.plus(properties.inFlightLease()))) {
            deliveries.release(row, now); // a 429 pause began after the claim (or the claim was lost: then a no-op)
            return;
        }
        if (late(row, clock.instant())) {
            deliveries.unmark(row, clock.instant()); // the database was slow to answer
            return;
        }
        lastSentToChat.put(row.chatId(), clock.instant());
        OutboxMessage message = body(row.bodyId());
        ChatSender.Result result = chats.send(row.chatId(), message);
        if (!halted) {
            record(row, message, result);
        }
    }

    /**
     * A message whose slot passed more than {@link #LATENESS} ago (a pause, a slow start, a slow database) goes back
     * to the queue for a fresh slot: sent late, it would bunch with the punctual ones.
     */
    private boolean late(Deliveries.Claimed row, Instant now) {
        if (now.isAfter(row.slot().plus(LATENESS))) {
            statistics.late.incrementAndGet();
            return true;
        }
        return false;
    }

    /** What the messenger's answer means for the delivery row. */
    private void record(Deliveries.Claimed row, OutboxMessage message, ChatSender.Result result) {
        Instant now = clock.instant();
        switch (result.outcome()) {
            case SENT -> {
                if (deliveries.markSent(row, now)) {
                    OutboxKind.parse(row.kind()).ifPresent(kind -> observers.forEach(o -> quietly(() -> {
                        o.sent(kind, row.chatId());
                        if (result.messageId() != null) {
                            o.delivered(kind, row.chatId(), message, result.messageId());
                        }
                    })));
                }
                statistics.sent.incrementAndGet();
            }
            case RETRY_AFTER -> {
                Duration wait = result.retryAfter().compareTo(MIN_PAUSE) < 0 ? MIN_PAUSE : result.retryAfter();
                Instant until = now.plus(wait);
                statistics.throttled.incrementAndGet();
                pausedUntil = until;
                deliveries.pause(until);
                deliveries.retryLater(row, until, row.attempts(), result.reason());
                log.warn("Telegram asked to slow down: the outbox pauses for {} s", wait.toSeconds());
            }
            case BLOCKED -> {
                observers.forEach(o -> quietly(() -> o.blocked(row.chatId())));
                deliveries.markFinal(row, "BLOCKED", row.attempts() + 1, result.reason());
                statistics.blocked.incrementAndGet();
            }
            case FAILED_PERMANENTLY -> {
                deliveries.markFinal(row, "FAILED", row.attempts() + 1, result.reason());
                statistics.failed.incrementAndGet();
            }
            case FAILED_TRANSIENTLY -> retryOrFail(row, result.reason());
            case IN_DOUBT -> inDoubt(row, result.reason());
        }
    }

    /**
     * No answer, but the request had left: Telegram may have the message. With {@code skip} it is set aside, so that
     * nobody gets it twice; with {@code resend} it is tried again, so that nobody misses it.
     */
    private void inDoubt(Deliveries.Claimed row, String reason) {
        if (properties.inDoubt() == OutboxProperties.InDoubt.SKIP) {
            jdbc.sql("UPDATE delivery SET status = 'IN_DOUBT', in_doubt = TRUE, claimed_until = NULL, last_error = ? "
                            + "WHERE id = ? AND claimed_by = ? AND status = 'IN_FLIGHT'")
                    .params("no answer", row.id(), row.token())
                    .update();
            return;
        }
        retryOrFail(row, reason);
    }

    private void retryOrFail(Deliveries.Claimed row, String reason) {
        int attempts = row.attempts() + 1;
        if (attempts >= properties.maxAttempts()) {
            deliveries.markFinal(row, "FAILED", attempts, reason);
            statistics.failed.incrementAndGet();
            return;
        }
        Duration backoff = properties.retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 16));
        if (backoff.compareTo(MAX_BACKOFF) > 0) {
            backoff = MAX_BACKOFF;
        }
        if (backoff.compareTo(PER_CHAT) < 0) {
            backoff = PER_CHAT;
        }
        deliveries.retryLater(row, clock.instant().plus(backoff), attempts, reason);
        statistics.retried.incrementAndGet();
    }

    /** How long a claimed, unsent row stays reserved past its slot before another sender may take it. */
    private Duration claimGrace() {
        Duration lease = properties.inFlightLease();
        return lease.compareTo(MAX_CLAIM_GRACE) < 0 ? lease : MAX_CLAIM_GRACE;
    }

    private OutboxMessage body(long bodyId) {
        return bodies.computeIfAbsent(bodyId, deliveries::body);
    }

    // ------------------------------------------------------------------ plumbing

    private void sleep(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        synchronized (signal) {
            try {
                signal.wait(Math.max(1, Math.min(duration.toMillis(), properties.poll().toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 24 ? name.substring(0, 24) : name;
        } catch (java.io.IOException e) {
            return "sanad";
        }
    }
}
