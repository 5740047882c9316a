package org.sanad.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatOrderedExecutorTest {

    private ChatOrderedExecutor executor;

    @AfterEach
    void stop() {
        executor.shutdown(Duration.ofSeconds(5));
    }

    @Test
    void runsEachChatsTasksInOrderOneAtATimeWhileChatsRunInParallel() throws InterruptedException {
        executor = new ChatOrderedExecutor(4, 10_000);
        Map<Long, List<Integer>> seen = new ConcurrentHashMap<>();
        Map<Long, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(8 * 200);
        for (int i = 0; i < 200; i++) {
            for (long chat = 1; chat <= 8; chat++) {
                long c = chat;
                int n = i;
                assertThat(executor.submit(chat, () -> {
                    if (running.computeIfAbsent(c, k -> new AtomicInteger()).incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    seen.computeIfAbsent(c, k -> new CopyOnWriteArrayList<>()).add(n);
                    running.get(c).decrementAndGet();
                    done.countDown();
                })).isTrue();
            }
        }

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(overlaps).hasValue(0);
        seen.values().forEach(order -> assertThat(order).isSorted().hasSize(200));
    }

    @Test
    void refusesInsteadOfBlockingWhenFull() throws InterruptedException {
        executor = new ChatOrderedExecutor(1, 2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        executor.submit(1, () -> {
            started.countDown();
            await(release);
        });
        started.await(5, TimeUnit.SECONDS);

        assertThat(executor.submit(1, () -> { })).isTrue();
        assertThat(executor.submit(2, () -> { })).isTrue();
        long before = System.nanoTime();
        assertThat(executor.submit(3, () -> { })).isFalse();
        assertThat(System.nanoTime() - before).isLessThan(TimeUnit.MILLISECONDS.toNanos(100));

        release.countDown();
    }

    @Test
    void keepsGoingAfterATaskFails() throws InterruptedException {
        executor = new ChatOrderedExecutor(1, 10);
        CountDownLatch after = new CountDownLatch(1);
        executor.submit(1, () -> {
            // logged by the executor as it should be; without a stack trace, so the test log shows no false alarm
            throw new RuntimeException("boom (a test's deliberate failure)", null, false, false) {
            };
        });
        executor.submit(1, after::countDown);

        assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
