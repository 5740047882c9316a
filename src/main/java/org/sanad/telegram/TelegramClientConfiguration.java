package org.sanad.telegram;

import okhttp3.OkHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The client every part of Sanad uses to call the Bot API. It exists only when a token is set: without one,
 * Telegram is off and code that sends (replies, broadcasts) finds no bean.
 */
@Configuration(proxyBeanMethods = false)
public class TelegramClientConfiguration {

    @Bean
    @Conditional(TokenSet.class)
    TelegramClient telegramClient(TelegramProperties properties) {
        OkHttpClient http = new OkHttpClient.Builder()
                .callTimeout(properties.requestTimeout())
                .readTimeout(properties.requestTimeout())
                .build();
        return new OkHttpTelegramClient(http, properties.token(), properties.telegramUrl());
    }

    /** True when {@code sanad.telegram.token} has text; an empty value (the default) is not "set". */
    static class TokenSet implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String token = context.getEnvironment().getProperty("sanad.telegram.token", "");
            return !token.isBlank();
        }
    }
}
