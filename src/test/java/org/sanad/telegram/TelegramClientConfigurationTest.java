package org.sanad.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.sanad.testing.FakeBotApi;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** The Bot API client exists only with a token, and then talks to the configured API URL. */
@ExtendWith(OutputCaptureExtension.class)
class TelegramClientConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TelegramProperties.class)
    @Import({TelegramClientConfiguration.class, TelegramOffNotice.class})
    static class ClientOnly {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(ClientOnly.class);

    @Test
    void hasNoClientWithoutATokenAndSaysTelegramIsOffOnce(CapturedOutput output) {
        context.withPropertyValues("sanad.telegram.token=")
                .run(app -> assertThat(app).hasNotFailed().doesNotHaveBean(TelegramClient.class));

        assertThat(output.getOut().split("Telegram is off", -1)).hasSize(2);
    }

    @Test
    void sendsThroughTheConfiguredApiUrlWhenTheTokenIsSet() {
        try (FakeBotApi telegram = FakeBotApi.start()) {
            context.withPropertyValues("sanad.telegram.token=" + telegram.token(),
                    "sanad.telegram.api-url=" + telegram.url()).run(app -> {
                        Message sent = app.getBean(TelegramClient.class)
                                .execute(SendMessage.builder().chatId(5L).text("سلام").build());
                        assertThat(sent.getChatId()).isEqualTo(5L);
                    });
            assertThat(telegram.delivered("sendMessage", 5)).hasSize(1);
        }
    }

    @Test
    void refusesAnApiUrlWithAPathAtStartUp() {
        context.withPropertyValues("sanad.telegram.token=1:x", "sanad.telegram.api-url=http://127.0.0.1:9/bot")
                .run(app -> assertThat(app).hasFailed());
    }

    @Test
    void neverPrintsTheToken() {
        context.withPropertyValues("sanad.telegram.token=123:secret-token")
                .run(app -> assertThat(app.getBean(TelegramProperties.class).toString())
                        .doesNotContain("secret-token"));
    }
}
