package org.sanad.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanad.staff.Role;
import org.sanad.staff.Roles;
import org.sanad.staff.RolesProperties;
import org.sanad.testing.FakeBotApi;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;

/** Sanad starts whether or not Telegram answers, and connects as soon as it does. */
class TelegramChannelTest {

    @Test
    void startsWithoutWaitingForTelegramAndConnectsOnceItAnswers() {
        try (FakeBotApi telegram = FakeBotApi.start()) {
            telegram.failNext("getMe", 2, 502);
            TelegramProperties properties = new TelegramProperties(telegram.token(), URI.create(telegram.url()),
                    Duration.ofSeconds(1), Duration.ofSeconds(2), 1, 10, 1, Duration.ZERO, Duration.ofSeconds(1),
                    100, Duration.ofMinutes(1));
            TelegramTexts texts = new TelegramTexts(UpdateDispatcherTest.messageSource());
            TelegramSender sender = mock(TelegramSender.class);
            RolesProperties roles = new RolesProperties(List.of(), List.of(), "");
            UpdateDispatcher dispatcher = new UpdateDispatcher(mock(UpdateHandler.class), sender, new BotIdentity(),
                    new AnswerMessages(texts, new ButtonMemory()), texts, new Roles(roles), properties);
            CommandRegistry commands = mock(CommandRegistry.class);
            when(commands.visibleTo(Role.EVERYONE)).thenReturn(List.of(
                    new Command("start", texts.get("command.start"), Role.EVERYONE, call -> List.of())));
            TelegramChannel channel = new TelegramChannel(properties,
                    new OkHttpTelegramClient(telegram.token(), properties.telegramUrl()), dispatcher, sender,
                    new BotIdentity(), commands, new Roles(roles));

            long before = System.nanoTime();
            channel.start();
            assertThat(System.nanoTime() - before).isLessThan(Duration.ofMillis(500).toNanos());

            telegram.awaitCalls("getUpdates", call -> true, 1, Duration.ofSeconds(15));
            assertThat(telegram.calls("getMe")).extracting(FakeBotApi.Call::status).containsExactly(502, 502, 200);
            assertThat(telegram.calls("setMyCommands")).hasSize(1).allMatch(FakeBotApi.Call::ok);
            channel.stop();
            assertThat(channel.isRunning()).isFalse();
        }
    }
}
