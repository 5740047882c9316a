package org.sanad.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.sanad.staff.Roles;
import org.sanad.staff.RolesProperties;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.Update;

/** The polling thread only sorts updates: a full queue means an immediate "busy" reply, never a wait. */
class UpdateDispatcherTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final UpdateHandler handler = mock(UpdateHandler.class);
    private final TelegramSender sender = mock(TelegramSender.class);
    private UpdateDispatcher dispatcher;

    @AfterEach
    void stop() {
        release.countDown();
        dispatcher.shutdown(Duration.ofSeconds(5));
    }

    @Test
    void answersBusyAtOnceWhenEveryWorkerAndQueueSlotIsTaken() throws Exception {
        TelegramTexts texts = new TelegramTexts(messageSource());
        dispatcher = new UpdateDispatcher(handler, sender, new BotIdentity(),
                new AnswerMessages(texts, new ButtonMemory()), texts,
                new Roles(new RolesProperties(List.of(), List.of(), "")), properties(1, 1));
        CountDownLatch working = new CountDownLatch(1);
        when(handler.handle(any())).thenAnswer(invocation -> {
            working.countDown();
            release.await(10, TimeUnit.SECONDS);
            return List.of();
        });

        dispatcher.consume(List.of(text(1, 1)));
        assertThat(working.await(5, TimeUnit.SECONDS)).isTrue();
        long before = System.nanoTime();
        dispatcher.consume(List.of(text(2, 2), text(3, 3)));

        // Waiting for the worker would take the 10 s of release.await; a busy shared build machine has taken 0.8-1.9 s
        // (first use of the reply's classes), so the bound only tells "did not wait" from "waited".
        assertThat(System.nanoTime() - before).isLessThan(TimeUnit.SECONDS.toNanos(5));
        ArgumentCaptor<BotApiMethod<?>> busy = ArgumentCaptor.captor();
        verify(sender, timeout(5000)).sendLater(org.mockito.ArgumentMatchers.eq(3L), busy.capture());
        assertThat(((SendMessage) busy.getValue()).getText()).contains("رسائل كثيرة");
    }

    private static Update text(int updateId, long chat) throws Exception {
        String json = """
                {"update_id": %d, "message": {"message_id": 1, "date": 1700000000, "text": "متى؟",
                 "chat": {"id": %d, "type": "private"}, "from": {"id": %d, "is_bot": false, "first_name": "P"}}}
                """.formatted(updateId, chat, chat);
        return new ObjectMapper().readValue(json, Update.class);
    }

    private static TelegramProperties properties(int workers, int queue) {
        return new TelegramProperties("1:x", URI.create("http://127.0.0.1:9"), Duration.ofSeconds(1),
                Duration.ofSeconds(1), workers, queue, 1, Duration.ZERO, Duration.ofSeconds(1), 100,
                Duration.ofMinutes(1));
    }

    static ResourceBundleMessageSource messageSource() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
