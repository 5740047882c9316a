package org.sanad.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** The fake Bot API itself, driven by the real TelegramBots client and long-polling session. */
class FakeBotApiTest {

    private FakeBotApi telegram;
    private TelegramClient client;

    @BeforeEach
    void start() {
        telegram = FakeBotApi.start();
        client = clientWithTimeout(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    private TelegramClient clientWithTimeout(Duration timeout) {
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(timeout).readTimeout(timeout).build();
        java.net.URI url = java.net.URI.create(telegram.url());
        return new OkHttpTelegramClient(http, telegram.token(),
                new TelegramUrl(url.getScheme(), url.getHost(), url.getPort(), false));
    }

    private static SendMessage html(long chatId, String text) {
        return SendMessage.builder().chatId(chatId).text(text).parseMode("HTML").build();
    }

    @Test
    void deliversAMessageAndRecordsTheCall() throws TelegramApiException {
        Message sent = client.execute(html(42, "<b>مرحبا</b> &amp; أهلاً"));

        assertThat(sent.getMessageId()).isPositive();
        assertThat(sent.getChatId()).isEqualTo(42);
        FakeBotApi.Call call = telegram.awaitCall("sendMessage", c -> c.chatId() == 42);
        assertThat(call.ok()).isTrue();
        assertThat(call.visibleText()).isEqualTo("مرحبا & أهلاً");
        assertThat(telegram.messagesPerChat()).containsEntry(42L, 1L);
        assertThat(telegram.rejections()).isEmpty();
    }

    @Test
    void rejectsWhatTelegramRejects() {
        assertRejected(html(1, "a < b"));
        assertRejected(html(1, "<div>x</div>"));
        assertRejected(html(1, "<b>unclosed"));
        assertRejected(html(1, "<b><i>x</b></i>"));
        assertRejected(html(1, "&nbsp;"));
        assertRejected(SendMessage.builder().chatId(1L).text("ب".repeat(4097)).build());
        assertRejected(SendMessage.builder().chatId(1L).text("   ").build());
        InlineKeyboardButton tooMuchData = InlineKeyboardButton.builder().text("زر")
                .callbackData("x".repeat(65)).build();
        assertRejected(SendMessage.builder().chatId(1L).text("نص")
                .replyMarkup(new InlineKeyboardMarkup(List.of(new InlineKeyboardRow(tooMuchData)))).build());

        assertThat(telegram.rejections()).hasSize(8).allMatch(call -> call.status() == 400);
        assertThat(telegram.messagesDelivered()).isZero();
    }

    @Test
    void countsTheMaximumLengthAfterEntityParsing() throws TelegramApiException {
        client.execute(html(1, "<b>" + "&lt;".repeat(4096) + "</b>"));
        client.execute(SendMessage.builder().chatId(1L).text("ب".repeat(4096)).build());

        assertThat(telegram.rejections()).isEmpty();
        assertThat(telegram.messagesPerChat()).containsEntry(1L, 2L);
    }

    @Test
    void answersCallbackQueriesOnlyOnceAndOnlyWhenTheyExist() throws TelegramApiException {
        String query = telegram.pushCallback(5, 5, 77, "fb:1");
        client.execute(AnswerCallbackQuery.builder().callbackQueryId(query).build());

        assertThat(telegram.unansweredCallbackQueries()).isEmpty();
        assertRejected(AnswerCallbackQuery.builder().callbackQueryId(query).build());
        assertRejected(AnswerCallbackQuery.builder().callbackQueryId("never-pushed").build());
    }

    @Test
    void playsScriptedFaults() {
        telegram.throttleNext("sendMessage", 1, 7);
        TelegramApiRequestException throttled = requestFailure(html(9, "x"));
        assertThat(throttled.getErrorCode()).isEqualTo(429);
        assertThat(throttled.getParameters().getRetryAfter()).isEqualTo(7);

        telegram.failNext("sendMessage", 1, 502);
        assertThat(requestFailure(html(9, "x")).getErrorCode()).isEqualTo(502);

        telegram.blockChat(9);
        TelegramApiRequestException blocked = requestFailure(html(9, "x"));
        assertThat(blocked.getErrorCode()).isEqualTo(403);
        assertThat(blocked.getApiResponse()).contains("bot was blocked by the user");

        assertThat(telegram.tooManyRequestsSent()).isEqualTo(1);
        assertThat(telegram.rejections()).isEmpty();
        assertThat(telegram.messagesDelivered()).isZero();
    }

    @Test
    void holdsADelayedCallLongerThanTheClientWaits() throws TelegramApiException {
        telegram.delayNext("sendMessage", 1, Duration.ofMillis(1500));
        TelegramClient impatient = clientWithTimeout(Duration.ofMillis(300));

        assertThatThrownBy(() -> impatient.execute(html(3, "x"))).isInstanceOf(TelegramApiException.class);
        impatient.execute(html(3, "y"));
        assertThat(telegram.delivered("sendMessage", 3)).extracting(FakeBotApi.Call::text).contains("y");
    }

    @Test
    void enforcesGlobalAndPerChatRates() throws TelegramApiException {
        telegram.enforceRates(3, 1, 2);
        for (long chat = 1; chat <= 3; chat++) {
            client.execute(html(chat, "x"));
        }
        TelegramApiRequestException overGlobal = requestFailure(html(4, "x"));
        assertThat(overGlobal.getErrorCode()).isEqualTo(429);
        assertThat(overGlobal.getParameters().getRetryAfter()).isEqualTo(2);
        assertThat(requestFailure(html(1, "again")).getErrorCode()).isEqualTo(429);
        assertThat(telegram.tooManyRequestsSent()).isEqualTo(2);
        assertThat(telegram.messagesDelivered()).isEqualTo(3);
    }

    @Test
    void countsDuplicateDeliveries() throws TelegramApiException {
        client.execute(html(8, "closed on Thursday"));
        client.execute(html(8, "closed on Thursday"));
        client.execute(html(9, "closed on Thursday"));

        assertThat(telegram.duplicates()).isEqualTo(1);
    }

    @Test
    void servesLongPollingToTheRealLibraryInOrder() throws Exception {
        List<Update> received = new CopyOnWriteArrayList<>();
        java.net.URI url = java.net.URI.create(telegram.url());
        TelegramUrl telegramUrl = new TelegramUrl(url.getScheme(), url.getHost(), url.getPort(), false);
        try (TelegramBotsLongPollingApplication polling = new TelegramBotsLongPollingApplication()) {
            polling.registerBot(telegram.token(), () -> telegramUrl,
                    offset -> GetUpdates.builder().offset(offset + 1).timeout(1).limit(100).build(),
                    received::addAll);
            telegram.pushText(11, 11, "/start@" + FakeBotApi.BOT_USERNAME);
            telegram.pushText(11, 11, "متى يبدأ المفعول؟");
            telegram.pushPhoto(11, 11);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        assertThat(received).hasSize(3);
        Message command = received.get(0).getMessage();
        command.getEntities(); // TelegramBots 10.2.0 parses commands only once the entities were read
        assertThat(command.isCommand()).isTrue();
        assertThat(received.get(1).getMessage().getText()).isEqualTo("متى يبدأ المفعول؟");
        assertThat(received.get(2).getMessage().hasPhoto()).isTrue();
        assertThat(telegram.deliveredAtNanos(received.get(0).getUpdateId())).isNotNull();
        assertThat(telegram.calls("deleteWebhook")).isNotEmpty();
        assertThat(telegram.rejections()).isEmpty();
    }

    @Test
    void refusesAWrongToken() {
        java.net.URI url = java.net.URI.create(telegram.url());
        TelegramClient stranger = new OkHttpTelegramClient("987:wrong",
                new TelegramUrl(url.getScheme(), url.getHost(), url.getPort(), false));

        assertThatThrownBy(() -> stranger.execute(html(1, "x")))
                .isInstanceOfSatisfying(TelegramApiRequestException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(401));
    }

    private void assertRejected(org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod<?> method) {
        assertThatThrownBy(() -> client.execute(method))
                .isInstanceOfSatisfying(TelegramApiRequestException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(400));
    }

    private TelegramApiRequestException requestFailure(SendMessage message) {
        try {
            client.execute(message);
        } catch (TelegramApiRequestException e) {
            return e;
        } catch (TelegramApiException e) {
            throw new AssertionError("expected a Bot API error answer", e);
        }
        throw new AssertionError("expected the call to fail");
    }
}
