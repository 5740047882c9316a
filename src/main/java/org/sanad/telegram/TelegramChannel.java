package org.sanad.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import org.sanad.staff.Role;
import org.sanad.staff.Roles;
import org.sanad.storage.StorageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeChat;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeDefault;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Sanad on Telegram: long polling against {@code TELEGRAM_API_URL} or, with {@code TELEGRAM_WEBHOOK_URL} set, a
 * webhook; the command menu; the inbox workers; and an orderly stop. It connects on a background thread and keeps
 * retrying, so the web chat and the HTTP API start even when Telegram cannot be reached.
 */
@Component
@Conditional(TelegramClientConfiguration.TokenSet.class)
class TelegramChannel implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TelegramChannel.class);
    private static final Duration MAX_CONNECT_BACKOFF = Duration.ofMinutes(1);
    private static final Duration KEEP_ANSWERED = Duration.ofMinutes(10);

    private final TelegramProperties properties;
    private final TelegramClient client;
    private final UpdateDispatcher dispatcher;
    private final TelegramSender sender;
    private final BotIdentity bot;
    private final CommandRegistry commands;
    private final Roles roles;
    private final TelegramWebhookProperties webhook;
    private final StorageProperties storage;
    private volatile TelegramBotsLongPollingApplication polling;
    /** Connected: the bot knows its own name, so group messages can be told apart. */
    private volatile boolean ready;
    /** The thread that long-polls; the library would make one that nobody ever stops. */
    private volatile ScheduledExecutorService pollingThread;
    private volatile OkHttpClient pollingHttp;
    private volatile Thread connecting;
    private volatile boolean running;

    TelegramChannel(TelegramProperties properties, TelegramClient client, UpdateDispatcher dispatcher,
            TelegramSender sender, BotIdentity bot, CommandRegistry commands, Roles roles,
            TelegramWebhookProperties webhook, StorageProperties storage) {
        this.properties = properties;
        this.webhook = webhook;
        this.storage = storage;
        this.client = client;
        this.dispatcher = dispatcher;
        this.sender = sender;
        this.bot = bot;
        this.commands = commands;
        this.roles = roles;
    }

    @Override
    public void start() {
        running = true;
        // answered updates stay as long as the flood limit looks back, and at least ten minutes
        Duration keep = properties.floodWindow().compareTo(KEEP_ANSWERED) > 0 ? properties.floodWindow()
                : KEEP_ANSWERED;
        dispatcher.start(webhook.inboxPoll(), storage.heartbeat(), keep);
        connecting = new Thread(this::connect, "telegram-connect");
        connecting.setDaemon(true);
        connecting.start();
    }

    private void connect() {
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            ScheduledExecutorService thread = null;
            try {
                bot.learn(client.execute(new GetMe()));
                registerCommands();
                if (webhook.webhook()) {
                    // Every replica says the same; Telegram keeps what waits for the webhook (never dropped).
                    client.execute(new WebhookRegistration(webhook.webhookUrl().strip(), webhook.webhookSecret(),
                            webhook.webhookConnections()));
                    ready = true;
                    log.info("Telegram is on: webhook {}", webhook.webhookUrl().strip());
                    return;
                }
                thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread poller = new Thread(runnable, "telegram-poll");
                    poller.setDaemon(true);
                    return poller;
                });
                ScheduledExecutorService executor = thread;
                TelegramBotsLongPollingApplication application = new TelegramBotsLongPollingApplication(
                        ObjectMapper::new, this::pollingHttpClient, () -> executor);
                int timeout = (int) properties.pollTimeout().toSeconds();
                application.registerBot(properties.token(), properties::telegramUrl,
                        offset -> GetUpdates.builder().offset(offset + 1).limit(100).timeout(timeout).build(),
                        dispatcher);
                pollingThread = thread;
                polling = application;
                ready = true;
                log.info("Telegram is on: long polling {}", properties.apiUrl());
                return;
            } catch (TelegramApiRequestException e) {
                if (e.getErrorCode() != null && (e.getErrorCode() == 401 || e.getErrorCode() == 404)) {
                    log.error("Telegram refused the bot token ({}): check TELEGRAM_BOT_TOKEN; trying again in {}s",
                            e.getErrorCode(), backoff.toSeconds());
                } else {
                    log.warn("Telegram answered {} at start-up; trying again in {}s", e.getErrorCode(),
                            backoff.toSeconds());
                }
            } catch (TelegramApiException | RuntimeException e) {
                log.warn("Cannot reach Telegram at {} ({}); trying again in {}s", properties.apiUrl(),
                        e.getClass().getSimpleName(), backoff.toSeconds());
            }
            if (thread != null) {
                thread.shutdownNow();
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_CONNECT_BACKOFF) > 0 ? MAX_CONNECT_BACKOFF
                    : backoff.multipliedBy(2);
        }
    }

    /** The menu in Arabic, from the command registry: everyone's, and for each staff member and admin their own. */
    private void registerCommands() {
        setCommands(new SetMyCommands(menu(Role.EVERYONE), new BotCommandScopeDefault(), null), "everyone");
        // a private chat's id is its user's id
        roles.members().forEach((userId, role) -> setCommands(new SetMyCommands(menu(role),
                new BotCommandScopeChat(String.valueOf(userId)), null), "a staff member"));
    }

    private void setCommands(SetMyCommands request, String whom) {
        try {
            client.execute(request);
        } catch (TelegramApiException e) {
            log.warn("Could not set the command menu for {} ({}); the commands still work",
                    whom, e.getClass().getSimpleName());
        }
    }

    private List<BotCommand> menu(Role role) {
        return commands.visibleTo(role).stream()
                .map(command -> new BotCommand(command.name(), command.description()))
                .toList();
    }

    private OkHttpClient pollingHttpClient() {
        // a long poll holds the request open for pollTimeout; only a silence well beyond that is a failure
        Duration read = properties.pollTimeout().plus(properties.requestTimeout());
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(read).callTimeout(read.plusSeconds(5)).build();
        pollingHttp = http;
        return http;
    }

    @Override
    public void stop() {
        running = false;
        ready = false;
        Thread thread = connecting;
        if (thread != null) {
            thread.interrupt();
        }
        TelegramBotsLongPollingApplication application = polling;
        if (application != null) {
            try {
                application.close();
            } catch (Exception e) {
                log.warn("Stopping Telegram long polling failed", e);
            }
        }
        // No new poll starts; the one under way ends when Telegram answers it (at most the poll timeout), and then
        // the thread ends. It is a daemon, so it never holds the JVM up meanwhile.
        ScheduledExecutorService poller = pollingThread;
        if (poller != null) {
            poller.shutdown();
        }
        OkHttpClient http = pollingHttp;
        if (http != null) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        dispatcher.shutdown(Duration.ofSeconds(5));
        sender.shutdown();
    }

    /** Connected to Telegram: updates can be sorted (the webhook answers 503 before). */
    boolean ready() {
        return ready;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Only a real stop ends the channel: a pause (Spring's test framework pauses a cached context while another runs)
     * would stop the inbox workers and the sender's threads, which do not start twice.
     */
    @Override
    public boolean isPauseable() {
        return false;
    }
}
