package org.sanad.broadcast;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.springframework.context.MessageSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the deliveries of started broadcasts under Telegram's limits: a global rate shared by every instance on the
 * database, one message a second per chat, a pause for everyone on 429, and bounded retries. Each delivery is marked
 * IN_FLIGHT in the database before Telegram is called, so a crash leaves at most the few messages that were on the
 * wire in doubt (see {@link BroadcastProperties#inDoubt()}); everything else resumes exactly once on restart.
 */
@Component
class BroadcastSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BroadcastSender.class);
    private static final Duration PER_CHAT = Duration.ofSeconds(1);
    private static final Duration HORIZON = Duration.ofMillis(500);
    private static final Duration MAX_CLAIM_GRACE = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final Duration MIN_PAUSE = Duration.ofSeconds(1);
    private static final Duration HOUSEKEEPING = Duration.ofSeconds(1);
    /** How late a message may still go out: 25/s bunched by 150 ms stays under Telegram's 30 in any second. */
    private static final Duration LATENESS = Duration.ofMillis(150);

    private final Deliveries deliveries;
    private final BroadcastReports reports;
    private final Subscribers subscribers;
    private final BroadcastProperties properties;
    private final Supplier<ChatSender> chatSender;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String instance;

    private final Object signal = new Object();
    private final AtomicLong claims = new AtomicLong();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final Map<Long, Instant> lastSentToChat = new ConcurrentHashMap<>();
    private final Map<Long, String> texts = new ConcurrentHashMap<>();
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
    BroadcastSender(DataSource dataSource, TransactionTemplate transactions, MessageSource messages,
            Subscribers subscribers, BroadcastProperties properties, ObjectProvider<ChatSender> chatSender) {
        this(dataSource, transactions, messages, subscribers, properties, chatSender::getIfAvailable,
                Clock.systemUTC());
    }

    BroadcastSender(DataSource dataSource, TransactionTemplate transactions, MessageSource messages,
            Subscribers subscribers, BroadcastProperties properties, Supplier<ChatSender> chatSender, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.deliveries = new Deliveries(dataSource, transactions);
        this.reports = new BroadcastReports(jdbc, messages);
        this.subscribers = subscribers;
        this.properties = properties;
        this.chatSender = chatSender;
        this.clock = clock;
        this.instance = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** What this instance did since it started, for logs, tests and the benchmark. */
    static final class Statistics {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong throttled = new AtomicLong();
        final AtomicLong blocked = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong retried = new AtomicLong();
        final AtomicLong recoveredInDoubt = new AtomicLong();
        final AtomicLong late = new AtomicLong();
    }

    Statistics statistics() {
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
            log.info("Telegram is off: broadcasts are stored but not sent");
            return;
        }
        running = true;
        halted = false;
        senders = new ScheduledThreadPoolExecutor(properties.concurrency(), daemon("broadcast-send"));
        senders.setRemoveOnCancelPolicy(true);
        senders.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        dispatcher = daemon("broadcast-dispatch").newThread(this::dispatch);
        dispatcher.start();
        log.info("Broadcast sender {} started: {} messages/s, in doubt: {}", instance, properties.rate(),
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
        log.info("Broadcast sender {} stopped; {} claimed messages left for the next sender", instance, released);
    }

    /**
     * Stops as a crash would (tests and the benchmark): no release, no bookkeeping after an interrupted call, so the
     * database is left exactly as a {@code kill -9} leaves it.
     */
    synchronized void halt() {
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

    /** A broadcast was started: look for work now rather than at the next poll. */
    void wake() {
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
                        HORIZON, claimGrace(), this::chatReady);
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
                log.warn("Broadcast sender: {}", e.toString());
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
        lastSentToChat.values().removeIf(at -> at.plus(PER_CHAT).isBefore(now));
        for (long id : deliveries.finishedBroadcasts()) {
            if (reports.finish(chats, id, now)) {
                texts.remove(id);
            }
        }
        reports.progress(chats, now, properties.progressInterval());
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
        return last == null || !last.plus(PER_CHAT).isAfter(clock.instant());
    }

    // ------------------------------------------------------------------ one message

    private void sendAndRecord(Deliveries.Claimed row) {
        try {
            send(row);
        } catch (RuntimeException e) {
            if (!halted) {
                log.warn("Broadcast delivery {}: {}", row.id(), e.toString());
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
            deliveries.release(row, clock.instant().plus(PER_CHAT));
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
        lastSentToChat.put(row.chatId(), now);
        ChatSender.Result result = chats.send(row.chatId(), text(row.broadcastId()));
        if (!halted) {
            record(row, result);
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
    private void record(Deliveries.Claimed row, ChatSender.Result result) {
        Instant now = clock.instant();
        switch (result.outcome()) {
            case SENT -> {
                deliveries.markSent(row, now);
                statistics.sent.incrementAndGet();
            }
            case RETRY_AFTER -> {
                Duration wait = result.retryAfter().compareTo(MIN_PAUSE) < 0 ? MIN_PAUSE : result.retryAfter();
                Instant until = now.plus(wait);
                statistics.throttled.incrementAndGet();
                pausedUntil = until;
                deliveries.pause(until);
                deliveries.retryLater(row, until, row.attempts(), result.reason());
                log.warn("Telegram asked to slow down: broadcasts pause for {} s", wait.toSeconds());
            }
            case BLOCKED -> {
                subscribers.blocked(row.chatId());
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
        if (properties.inDoubt() == BroadcastProperties.InDoubt.SKIP) {
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

    private String text(long broadcastId) {
        return texts.computeIfAbsent(broadcastId, id -> jdbc.sql("SELECT text FROM broadcast WHERE id = ?")
                .param(id).query(String.class).single());
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
