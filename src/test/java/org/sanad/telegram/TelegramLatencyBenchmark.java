package org.sanad.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sanad.eval.EvalRow;
import org.sanad.testing.FakeBotApi;
import org.sanad.testing.OwnFiles;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Time from an update's arrival (the moment the fake Bot API's getUpdates hands it to the bot) to the reply's
 * sendMessage arriving at the fake, through the real TelegramBots long polling, the workers, the shared answering
 * pipeline and the sender, on the evaluation questions: one parent asking one question after another; many
 * parents writing at the same moment (a burst: it measures how fast the queue drains); many parents writing at a
 * steady rate.
 *
 * <p>{@code ./mvnw -B test -Pbenchmark -Dtest=TelegramLatencyBenchmark}
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TelegramLatencyBenchmark {

    private static final int WARMUP = 300;
    private static final int SEQUENTIAL = 2000;
    private static final int PARENTS = 500;
    private static final int MESSAGES_PER_PARENT = 2;
    private static final int STEADY_PER_SECOND = 200;
    private static final int STEADY_MESSAGES = 2000;
    private static final String DOCTOR_NOTE = "استشر طبيبك";
    private static final String BUSY = "عندي الآن رسائل كثيرة";

    private static final FakeBotApi TELEGRAM = FakeBotApi.start();
    private static final OwnFiles FILES = OwnFiles.withArticle("sanad-bench");

    /** Per chat, the updates still waiting for their reply, oldest first (replies come in order per chat). */
    private static final Map<Long, Deque<Integer>> WAITING = new ConcurrentHashMap<>();
    private static final Histogram LATENCIES = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private static final AtomicInteger BUSY_REPLIES = new AtomicInteger();
    private static volatile CountDownLatch replies = new CountDownLatch(0);

    static {
        TELEGRAM.onCall(TelegramLatencyBenchmark::onCall);
    }

    @DynamicPropertySource
    static void telegramOnTheFake(DynamicPropertyRegistry registry) {
        FILES.register(registry);
        registry.add("sanad.telegram.token", TELEGRAM::token);
        registry.add("sanad.telegram.api-url", TELEGRAM::url);
        registry.add("sanad.telegram.poll-timeout", () -> "10s");
        registry.add("sanad.telegram.flood-messages", () -> "1000000");
    }

    @AfterAll
    static void stopFake() {
        TELEGRAM.close();
    }

    private static void onCall(FakeBotApi.Call call) {
        if (!call.ok() || !"sendMessage".equals(call.method())) {
            return;
        }
        String text = call.visibleText();
        boolean busy = text.contains(BUSY);
        if (!busy && !text.contains(DOCTOR_NOTE)) {
            return; // not the last part of an answer
        }
        Deque<Integer> waiting = WAITING.get(call.chatId());
        Integer update;
        synchronized (waiting) {
            update = waiting.pollFirst();
        }
        if (busy) {
            BUSY_REPLIES.incrementAndGet();
        } else {
            synchronized (LATENCIES) {
                LATENCIES.recordValue(Math.max(1, call.atNanos() - TELEGRAM.deliveredAtNanos(update)));
            }
        }
        replies.countDown();
    }

    private static void push(long chat, String text) {
        Deque<Integer> waiting = WAITING.computeIfAbsent(chat, c -> new ArrayDeque<>());
        synchronized (waiting) {
            waiting.addLast(TELEGRAM.pushText(chat, chat, text));
        }
    }

    @Test
    void updateToReplyLatency() throws InterruptedException {
        List<String> questions = new ArrayList<>();
        EvalRow.load("/eval/dev_questions.jsonl").forEach(row -> questions.add(row.text()));
        EvalRow.load("/eval/independent_questions.jsonl").forEach(row -> questions.add(row.text()));
        TELEGRAM.awaitCalls("getUpdates", call -> true, 1, java.time.Duration.ofSeconds(30));

        runSequential(questions, WARMUP, 1);
        reset();
        long start = System.nanoTime();
        runSequential(questions, SEQUENTIAL, 2);
        print("one parent, one question after another", System.nanoTime() - start);

        reset();
        replies = new CountDownLatch(PARENTS * MESSAGES_PER_PARENT);
        start = System.nanoTime();
        for (int m = 0; m < MESSAGES_PER_PARENT; m++) {
            for (int p = 0; p < PARENTS; p++) {
                push(1_000 + p, questions.get((p * MESSAGES_PER_PARENT + m) % questions.size()));
            }
        }
        assertThat(replies.await(120, TimeUnit.SECONDS)).as("every message answered").isTrue();
        print(PARENTS + " parents x " + MESSAGES_PER_PARENT + " messages, all at once",
                System.nanoTime() - start);

        reset();
        replies = new CountDownLatch(STEADY_MESSAGES);
        start = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / STEADY_PER_SECOND;
        for (int i = 0; i < STEADY_MESSAGES; i++) {
            java.util.concurrent.locks.LockSupport.parkNanos(start + i * interval - System.nanoTime());
            push(10_000 + i % PARENTS, questions.get(i % questions.size()));
        }
        assertThat(replies.await(120, TimeUnit.SECONDS)).as("every message answered").isTrue();
        print(PARENTS + " parents writing " + STEADY_PER_SECOND + " messages/s between them",
                System.nanoTime() - start);
        assertThat(TELEGRAM.rejections()).isEmpty();
    }

    /**
     * Issue 11: a parent reporting a danger sign just after 50 other parents sent 4,096-character messages full of the
     * documents' words (the slowest questions there are) is answered within 2 s: triage runs as the update arrives,
     * and an urgent update is claimed first, by a worker kept for it.
     */
    @Test
    void aDangerSignIsAnsweredAtOnceBehindFiftyHostileLongMessages() throws InterruptedException {
        TELEGRAM.awaitCalls("getUpdates", call -> true, 1, java.time.Duration.ofSeconds(30));
        int hostile = 50;
        long urgentChat = 70_000;
        java.util.concurrent.atomic.AtomicLong answeredAt = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicInteger hostileBefore = new java.util.concurrent.atomic.AtomicInteger();
        TELEGRAM.onCall(call -> {
            if (call.ok() && "sendMessage".equals(call.method()) && call.chatId() == urgentChat) {
                answeredAt.compareAndSet(0, call.atNanos());
            } else if (call.ok() && "sendMessage".equals(call.method()) && call.chatId() >= 60_000
                    && call.chatId() < 60_000 + hostile && answeredAt.get() == 0
                    && call.visibleText().contains(DOCTOR_NOTE)) {
                hostileBefore.incrementAndGet();
            }
        });
        reset();
        replies = new CountDownLatch(hostile + 1);
        for (int i = 0; i < hostile; i++) {
            push(60_000 + i, hostileMessage(i));
        }
        long sent = System.nanoTime();
        push(urgentChat, "ابني مش قادر يبلع ونفسه صعب من بعد حقنة البوتوكس امبارح");
        int urgentUpdate;
        synchronized (WAITING.get(urgentChat)) {
            urgentUpdate = WAITING.get(urgentChat).peekLast();
        }

        assertThat(replies.await(120, TimeUnit.SECONDS)).as("every message answered").isTrue();
        double seconds = (answeredAt.get() - sent) / 1e9;
        Long polled = TELEGRAM.deliveredAtNanos(urgentUpdate);
        System.out.printf("%n[TelegramLatencyBenchmark] a danger sign behind %d messages of 4,096 characters: "
                + "answered after %.3f s (%.3f s after long polling handed it over; target 2 s: %s), after %d of the "
                + "%d long ones; all %d answered after %.1f s%n", hostile, seconds,
                polled == null ? -1 : (answeredAt.get() - polled) / 1e9, seconds < 2.0 ? "met" : "missed",
                hostileBefore.get(), hostile, hostile + 1, (System.nanoTime() - sent) / 1e9);
        // the figure depends on the machine (2 shared cores here); the order does not
        assertThat(hostileBefore.get()).as("long messages answered before the danger sign")
                .isLessThanOrEqualTo(hostile / 4);
    }

    /** 4,096 characters of the documents' own words, so that search and the gate have the most to do. */
    private static String hostileMessage(int seed) {
        String[] words = {"البوتوكس", "حقن", "الطفل", "العضلات", "التشنج", "العلاج", "الطبيعي", "الجرعة", "مفعول",
                "الحقنة", "صغر", "الرأس", "تأثير", "آمن", "مخاطر", "كم", "متى", "هل", "لماذا", "الساق", "تصلب"};
        java.util.Random random = new java.util.Random(seed);
        StringBuilder text = new StringBuilder();
        while (text.length() < 4096) {
            text.append(words[random.nextInt(words.length)]).append(' ');
        }
        return text.substring(0, 4096);
    }

    private static void runSequential(List<String> questions, int count, long chat) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            replies = new CountDownLatch(1);
            push(chat, questions.get(i % questions.size()));
            assertThat(replies.await(30, TimeUnit.SECONDS)).as("reply to message " + i).isTrue();
        }
    }

    private static void reset() {
        synchronized (LATENCIES) {
            LATENCIES.reset();
        }
        BUSY_REPLIES.set(0);
    }

    private static void print(String run, long elapsedNanos) {
        synchronized (LATENCIES) {
            long n = LATENCIES.getTotalCount();
            System.out.printf("%n[TelegramLatencyBenchmark] %s: n=%d  p50=%.2f ms  p99=%.2f ms  max=%.2f ms  "
                    + "busy replies=%d  %.1f replies/s%n", run, n, ms(LATENCIES.getValueAtPercentile(50)),
                    ms(LATENCIES.getValueAtPercentile(99)), ms(LATENCIES.getMaxValue()), BUSY_REPLIES.get(),
                    n / (elapsedNanos / 1e9));
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

}
