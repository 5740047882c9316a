package org.sanad.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A Telegram Bot API on 127.0.0.1 that the real TelegramBots library talks to in tests: long polling with a queue
 * the test pushes updates into, the sending methods, validation the way Telegram does it (a violation is answered
 * 400 and recorded, so tests can assert the bot made none), scripted faults (403 for a blocked chat; 500, 429 or a
 * delay for the next calls of a method), optional rate enforcement (global and per-chat messages per second,
 * answered 429 with {@code retry_after} beyond them), and a record of every call.
 *
 * <pre>{@code
 * try (FakeBotApi telegram = FakeBotApi.start()) {
 *     // point sanad.telegram.api-url at telegram.url(), sanad.telegram.token at telegram.token()
 *     telegram.pushText(42, 42, "/start");
 *     FakeBotApi.Call reply = telegram.awaitCall("sendMessage", call -> call.chatId() == 42);
 *     assertThat(telegram.rejections()).isEmpty();
 * }
 * }</pre>
 */
public final class FakeBotApi implements AutoCloseable {

    public static final String DEFAULT_TOKEN = "123456789:TEST-token-for-the-fake-bot-api";
    public static final long BOT_ID = 7_000_001L;
    public static final String BOT_USERNAME = "SanadTestBot";
    /** Telegram's length limit for a message, after entity parsing, in UTF-16 code units. */
    public static final int MAX_TEXT = 4096;

    /** Methods that put a message in a chat: these count toward rate limits, per-chat totals and duplicates. */
    private static final Set<String> MESSAGE_METHODS = Set.of("sendMessage", "sendPhoto", "sendDocument",
            "sendAudio", "sendVoice", "sendVideo", "sendAnimation", "sendSticker", "sendLocation", "sendContact",
            "sendPoll", "sendDice", "sendMediaGroup", "copyMessage", "forwardMessage");
    private static final Set<String> CHAT_METHODS = Set.of("sendChatAction", "editMessageText",
            "editMessageReplyMarkup", "deleteMessage");
    private static final Set<String> CHAT_ACTIONS = Set.of("typing", "upload_photo", "record_video",
            "upload_video", "record_voice", "upload_voice", "upload_document", "choose_sticker", "find_location",
            "record_video_note", "upload_video_note");
    private static final Map<String, Set<String>> HTML_TAGS = Map.ofEntries(
            Map.entry("b", Set.of()), Map.entry("strong", Set.of()), Map.entry("i", Set.of()),
            Map.entry("em", Set.of()), Map.entry("u", Set.of()), Map.entry("ins", Set.of()),
            Map.entry("s", Set.of()), Map.entry("strike", Set.of()), Map.entry("del", Set.of()),
            Map.entry("span", Set.of("class")), Map.entry("tg-spoiler", Set.of()), Map.entry("a", Set.of("href")),
            Map.entry("tg-emoji", Set.of("emoji-id")), Map.entry("code", Set.of("class")),
            Map.entry("pre", Set.of()), Map.entry("blockquote", Set.of("expandable")));
    private static final Pattern COMMAND_NAME = Pattern.compile("[a-z0-9_]{1,32}");
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "\\s*([a-zA-Z-]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+)))?");
    private static final Pattern ENTITY = Pattern.compile("&(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});");
    private static final Map<String, String> CANONICAL = canonicalNames();

    static {
        // The JDK server writes a response's headers and body separately; with Nagle's algorithm on, the body
        // then waits for the client's delayed ACK (~40 ms a call). Telegram's servers do not add that.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final ObjectMapper json = new ObjectMapper();
    private final String token;
    private final HttpServer server;
    private final ExecutorService threads;

    private final Object updatesLock = new Object();
    private final List<PendingUpdate> pending = new ArrayList<>();
    private final AtomicInteger nextUpdateId = new AtomicInteger(1);
    private final Map<Integer, Long> deliveredAt = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private final AtomicInteger inFlight = new AtomicInteger();

    private final Object callsLock = new Object();
    private final List<Call> calls = new ArrayList<>();
    private final List<java.util.function.Consumer<Call>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private final Set<Long> blockedChats = ConcurrentHashMap.newKeySet();
    private final Map<Long, AtomicInteger> nextMessageId = new ConcurrentHashMap<>();
    private final Map<String, SentMessage> sentMessages = new ConcurrentHashMap<>();
    private final Set<String> openCallbackQueries = ConcurrentHashMap.newKeySet();
    /** Every message that exists, pushed or sent, by "chat:message id": what copyMessage and replies may refer to. */
    private final Map<String, Map<String, Object>> messages = new ConcurrentHashMap<>();
    /** Group chats the test declared (supergroups, forums or not), as Telegram describes them. */
    private final Map<Long, Map<String, Object>> groups = new ConcurrentHashMap<>();
    /** Forum topics by chat: their message_thread_id. */
    private final Map<Long, Set<Long>> topics = new ConcurrentHashMap<>();
    private final Set<String> answeredCallbackQueries = ConcurrentHashMap.newKeySet();

    private final Object rateLock = new Object();
    private volatile RateLimits rateLimits;
    private final Deque<Long> recentMessages = new ArrayDeque<>();
    /** Telegram: "no more than 20 messages per minute in the same group". */
    private static final int GROUP_MESSAGES_PER_MINUTE = 20;
    private final Map<Long, Deque<Long>> recentMessagesPerChat = new HashMap<>();
    private final Map<Long, Deque<Long>> recentMessagesPerGroup = new HashMap<>();

    private final AtomicLong tooManyRequestsSent = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Map<Long, AtomicLong> messagesPerChat = new ConcurrentHashMap<>();
    private final Set<String> deliveredTexts = ConcurrentHashMap.newKeySet();

    private FakeBotApi(String token) throws IOException {
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-bot-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeBotApi start() {
        return start(DEFAULT_TOKEN);
    }

    public static FakeBotApi start(String token) {
        try {
            return new FakeBotApi(token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to configure as {@code TELEGRAM_API_URL}, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String token() {
        return token;
    }

    // ---------------------------------------------------------------- updates the bot receives

    /** Queues a raw update (its {@code update_id} is added) and returns the id. */
    public int pushUpdate(Map<String, Object> update) {
        synchronized (updatesLock) {
            int id = nextUpdateId.getAndIncrement();
            Map<String, Object> withId = new LinkedHashMap<>();
            withId.put("update_id", id);
            withId.putAll(update);
            for (String kind : List.of("message", "edited_message")) {
                if (update.get(kind) instanceof Map<?, ?> message) {
                    remember(message);
                }
            }
            pending.add(new PendingUpdate(id, withId));
            updatesLock.notifyAll();
            return id;
        }
    }

    /** A parent writes {@code text} in a private chat (commands and mentions get their entities). */
    public int pushText(long chatId, long userId, String text) {
        return pushUpdate(Map.of("message", textMessage(chatId, "private", userId, text)));
    }

    /** Someone writes in a group chat. */
    public int pushGroupText(long chatId, long userId, String text) {
        return pushUpdate(Map.of("message", textMessage(chatId, "group", userId, text)));
    }

    /**
     * Declares a supergroup the bot is an administrator of, e.g. the clinic's staff group; with {@code forum} its
     * topics are on, and the bot may create topics in it (createForumTopic). getChat describes it.
     */
    public void declareGroup(long chatId, String title, boolean forum) {
        Map<String, Object> chat = new LinkedHashMap<>();
        chat.put("id", chatId);
        chat.put("type", "supergroup");
        chat.put("title", title);
        if (forum) {
            chat.put("is_forum", true);
        }
        groups.put(chatId, Map.copyOf(chat));
    }

    /**
     * Someone in a group replies to the message {@code replyToMessageId} of that chat, which must exist. As in
     * Telegram, the update carries the replied-to message, and in a forum the reply stays in that message's topic.
     */
    public int pushGroupReply(long chatId, long userId, String text, long replyToMessageId) {
        Map<String, Object> repliedTo = messages.get(chatId + ":" + replyToMessageId);
        if (repliedTo == null) {
            throw new IllegalArgumentException("no message " + replyToMessageId + " in chat " + chatId);
        }
        Map<String, Object> message = textMessage(chatId, groupType(chatId), userId, text);
        Map<String, Object> quoted = new LinkedHashMap<>(repliedTo);
        quoted.remove("reply_to_message"); // Telegram does not nest replies deeper
        message.put("reply_to_message", quoted);
        if (repliedTo.get("message_thread_id") != null) {
            message.put("message_thread_id", repliedTo.get("message_thread_id"));
            message.put("is_topic_message", true);
        }
        return pushUpdate(Map.of("message", message));
    }

    /**
     * Someone writes in a forum topic without replying to any message: Telegram then gives the topic's first
     * message (its creation) as the message replied to.
     */
    public int pushTopicText(long chatId, long userId, long threadId, String text) {
        Map<String, Object> created = messages.get(chatId + ":" + threadId);
        if (created == null || !topics.getOrDefault(chatId, Set.of()).contains(threadId)) {
            throw new IllegalArgumentException("no topic " + threadId + " in chat " + chatId);
        }
        Map<String, Object> message = textMessage(chatId, groupType(chatId), userId, text);
        message.put("message_thread_id", threadId);
        message.put("is_topic_message", true);
        message.put("reply_to_message", new LinkedHashMap<>(created));
        return pushUpdate(Map.of("message", message));
    }

    /** The topics created in a forum, by message_thread_id. */
    public Set<Long> topics(long chatId) {
        return Set.copyOf(topics.getOrDefault(chatId, Set.of()));
    }

    /** A message as it exists in a chat (pushed, sent or copied), or null. */
    public Map<String, Object> message(long chatId, long messageId) {
        return messages.get(chatId + ":" + messageId);
    }

    /**
     * A message without text, e.g. {@code Map.of("sticker", Map.of(...))} or a photo, location, voice, document.
     */
    public int pushMessage(long chatId, long userId, Map<String, Object> content) {
        Map<String, Object> message = message(chatId, "private", userId);
        message.putAll(content);
        return pushUpdate(Map.of("message", message));
    }

    public int pushPhoto(long chatId, long userId) {
        return pushMessage(chatId, userId, Map.of("photo", List.of(Map.of("file_id", "photo-" + chatId,
                "file_unique_id", "u-photo-" + chatId, "width", 90, "height", 90, "file_size", 1200))));
    }

    public int pushSticker(long chatId, long userId) {
        return pushMessage(chatId, userId, Map.of("sticker", Map.of("file_id", "sticker-1", "file_unique_id",
                "u-sticker-1", "type", "regular", "width", 512, "height", 512, "is_animated", false,
                "is_video", false)));
    }

    public int pushVoice(long chatId, long userId) {
        return pushMessage(chatId, userId, Map.of("voice", Map.of("file_id", "voice-1", "file_unique_id",
                "u-voice-1", "duration", 3, "mime_type", "audio/ogg")));
    }

    public int pushDocument(long chatId, long userId) {
        return pushMessage(chatId, userId, Map.of("document", Map.of("file_id", "doc-1", "file_unique_id",
                "u-doc-1", "file_name", "report.pdf", "mime_type", "application/pdf")));
    }

    public int pushLocation(long chatId, long userId) {
        return pushMessage(chatId, userId, Map.of("location", Map.of("latitude", 30.04, "longitude", 31.23)));
    }

    /** The parent edits one of their earlier messages. */
    public int pushEditedText(long chatId, long userId, long messageId, String text) {
        Map<String, Object> message = textMessage(chatId, "private", userId, text);
        message.put("message_id", messageId);
        message.put("edit_date", now());
        return pushUpdate(Map.of("edited_message", message));
    }

    public int pushChannelPost(long chatId, String text) {
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("message_id", nextMessageId(chatId));
        post.put("date", now());
        post.put("chat", Map.of("id", chatId, "type", "channel", "title", "Clinic news"));
        post.put("text", text);
        return pushUpdate(Map.of("channel_post", post));
    }

    /**
     * The parent taps an inline button with {@code data} under the bot's message {@code messageId}. Returns the
     * callback query id, which the bot must answer with answerCallbackQuery.
     */
    public String pushCallback(long chatId, long userId, long messageId, String data) {
        String queryId = "cbq-" + nextUpdateId.get() + "-" + chatId;
        openCallbackQueries.add(queryId);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("message_id", messageId);
        message.put("date", now());
        message.put("chat", chat(chatId));
        message.put("from", botUser());
        message.put("text", "…");
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("id", queryId);
        query.put("from", user(userId));
        query.put("message", message);
        query.put("chat_instance", "ci-" + chatId);
        query.put("data", data);
        pushUpdate(Map.of("callback_query", query));
        return queryId;
    }

    /** When getUpdates handed the update to the bot ({@link System#nanoTime()}), or null if not yet. */
    public Long deliveredAtNanos(int updateId) {
        return deliveredAt.get(updateId);
    }

    /** Updates pushed but not yet confirmed by a later getUpdates offset. */
    public int pendingUpdates() {
        synchronized (updatesLock) {
            return pending.size();
        }
    }

    // ---------------------------------------------------------------- scripted faults and limits

    /** Every call about this chat is answered 403 "Forbidden: bot was blocked by the user". */
    public void blockChat(long chatId) {
        blockedChats.add(chatId);
    }

    public void unblockChat(long chatId) {
        blockedChats.remove(chatId);
    }

    /** The next {@code count} calls of {@code method} fail with {@code status} (e.g. 500, 502). */
    public void failNext(String method, int count, int status) {
        addFaults(method, count, new Fault(status, 0, Duration.ZERO));
    }

    /** The next {@code count} calls of {@code method} are answered 429 with {@code retry_after}. */
    public void throttleNext(String method, int count, int retryAfterSeconds) {
        addFaults(method, count, new Fault(429, retryAfterSeconds, Duration.ZERO));
    }

    /**
     * The next {@code count} calls of {@code method} are held for {@code delay}, then handled normally: like
     * Telegram when it is slow, a client that gave up may still have had its message delivered.
     */
    public void delayNext(String method, int count, Duration delay) {
        addFaults(method, count, new Fault(0, 0, delay));
    }

    /**
     * Enforces Telegram's flood limits on message-sending methods: at most {@code globalPerSecond} messages in any
     * one-second window overall, at most {@code perChatPerSecond} per chat (below 1: one message per
     * {@code 1/perChatPerSecond} seconds), and at most 20 in any minute to one group (a negative chat id). Beyond them:
     * 429 with {@code retry_after = retryAfterSeconds}.
     */
    public void enforceRates(double globalPerSecond, double perChatPerSecond, int retryAfterSeconds) {
        rateLimits = new RateLimits(globalPerSecond, perChatPerSecond, retryAfterSeconds);
    }

    public void stopEnforcingRates() {
        rateLimits = null;
    }

    /** Forgets recorded calls, counters, faults and limits; the update queue and its ids stay. */
    public void reset() {
        synchronized (callsLock) {
            calls.clear();
        }
        faults.clear();
        blockedChats.clear();
        rateLimits = null;
        synchronized (rateLock) {
            recentMessages.clear();
            recentMessagesPerChat.clear();
            recentMessagesPerGroup.clear();
        }
        tooManyRequestsSent.set(0);
        duplicates.set(0);
        messagesPerChat.clear();
        deliveredTexts.clear();
    }

    // ---------------------------------------------------------------- what the bot did

    /** Every call so far, in arrival order. */
    public List<Call> calls() {
        synchronized (callsLock) {
            return List.copyOf(calls);
        }
    }

    public List<Call> calls(String method) {
        return calls().stream().filter(call -> call.method().equalsIgnoreCase(method)).toList();
    }

    /** Calls answered 2xx with this method and chat: what the chat actually received. */
    public List<Call> delivered(String method, long chatId) {
        return calls(method).stream().filter(Call::ok).filter(call -> call.chatId() == chatId).toList();
    }

    /** Calls this fake refused the way Telegram would (400, 401, 404): the bot did something wrong. */
    public List<Call> rejections() {
        return calls().stream().filter(call -> call.outcome() == Outcome.REJECTED).toList();
    }

    /** Waits (up to 10 s) for a call of {@code method} that matches, made since the fake started or was reset. */
    public Call awaitCall(String method, Predicate<Call> matching) {
        return awaitCalls(method, matching, 1, Duration.ofSeconds(10)).get(0);
    }

    /** Waits for {@code count} calls of {@code method} that match, and returns the first {@code count}. */
    public List<Call> awaitCalls(String method, Predicate<Call> matching, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (callsLock) {
            while (true) {
                List<Call> found = calls.stream().filter(call -> call.method().equalsIgnoreCase(method))
                        .filter(matching).limit(count).toList();
                if (found.size() >= count) {
                    return found;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Expected " + count + " " + method + " call(s) within " + timeout
                            + ", got " + found.size() + "; all calls: " + summary());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(callsLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted while waiting for " + method, e);
                }
            }
        }
    }

    /**
     * Tells {@code listener} about every call as it is recorded, on the fake's request thread: for benchmarks,
     * which must not scan the whole record while the bot is being measured. Keep it quick.
     */
    public void onCall(java.util.function.Consumer<Call> listener) {
        listeners.add(listener);
    }

    /** Callback queries pushed by the test that the bot has not answered with answerCallbackQuery. */
    public Set<String> unansweredCallbackQueries() {
        Set<String> open = new HashSet<>(openCallbackQueries);
        open.removeAll(answeredCallbackQueries);
        return open;
    }

    /** 429 answers sent, whether scripted or from rate enforcement. */
    public long tooManyRequestsSent() {
        return tooManyRequestsSent.get();
    }

    /** Messages each chat actually received (2xx answers to message-sending methods). */
    public Map<Long, Long> messagesPerChat() {
        Map<Long, Long> copy = new HashMap<>();
        messagesPerChat.forEach((chat, count) -> copy.put(chat, count.get()));
        return copy;
    }

    /** Messages delivered to a chat that already had received the very same text. */
    public long duplicates() {
        return duplicates.get();
    }

    public long messagesDelivered() {
        return messagesPerChat.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /**
     * Stops the server. Long polls under way are answered first (with what is pending, as Telegram does when it
     * ends a poll), so that a bot still polling sees an ordinary answer and not a connection torn down mid-request.
     */
    @Override
    public void close() {
        closed = true;
        webhook = null;
        synchronized (updatesLock) {
            updatesLock.notifyAll();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.stop(0);
        threads.shutdownNow();
    }

    // ---------------------------------------------------------------- the HTTP side

    private void handle(HttpExchange exchange) throws IOException {
        inFlight.incrementAndGet();
        try {
            answer(exchange);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String[] parts = path.split("/");
            // "/bot<token>/<method>"
            if (parts.length != 3 || !parts[1].startsWith("bot")) {
                respond(exchange, 404, error(404, "Not Found"));
                return;
            }
            String method = CANONICAL.getOrDefault(parts[2].toLowerCase(Locale.ROOT), parts[2]);
            Map<String, Object> params;
            try {
                params = parameters(exchange);
            } catch (IOException | RuntimeException e) {
                record(new Call(method, Map.of(), arrived, 400, Outcome.REJECTED, "Bad Request: cannot parse body"));
                respond(exchange, 400, error(400, "Bad Request: cannot parse request body"));
                return;
            }
            if (!parts[1].substring(3).equals(token)) {
                record(new Call(method, params, arrived, 401, Outcome.REJECTED, "Unauthorized"));
                respond(exchange, 401, error(401, "Unauthorized"));
                return;
            }
            Fault fault = nextFault(method);
            if (fault != null && !fault.delay().isZero()) {
                sleep(fault.delay());
            }
            if (fault != null && fault.status() != 0) {
                if (fault.status() == 429) {
                    tooManyRequestsSent.incrementAndGet();
                }
                record(new Call(method, params, arrived, fault.status(), Outcome.FAULT, "scripted"));
                respond(exchange, fault.status(), fault.status() == 429
                        ? tooManyRequests(fault.retryAfterSeconds())
                        : error(fault.status(), fault.status() >= 500 ? "Internal Server Error" : "Scripted error"));
                return;
            }
            Reply reply = answer(method, params, exchange, arrived);
            if (reply.afterResponse() != null) {
                // getUpdates: the arrival clock of an update starts when the bot is handed it
                reply.afterResponse().run();
            }
            respond(exchange, reply.status(), reply.body());
        } catch (RuntimeException e) {
            respond(exchange, 500, error(500, "Internal Server Error: fake failed: " + e));
        }
    }

    private Reply answer(String method, Map<String, Object> params, HttpExchange exchange, long arrived) {
        if ("getUpdates".equals(method)) {
            return getUpdates(params, arrived);
        }
        String problem = validate(method, params);
        if (problem != null) {
            int status = problem.startsWith("Not Found") ? 404 : 400;
            record(new Call(method, params, arrived, status, Outcome.REJECTED, problem));
            return new Reply(status, error(status, problem), null);
        }
        Long chatId = chatIdOf(params);
        if (chatId != null && blockedChats.contains(chatId)
                && (MESSAGE_METHODS.contains(method) || CHAT_METHODS.contains(method))) {
            record(new Call(method, params, arrived, 403, Outcome.BLOCKED, "blocked"));
            return new Reply(403, error(403, "Forbidden: bot was blocked by the user"), null);
        }
        if (MESSAGE_METHODS.contains(method) && chatId != null) {
            Integer retryAfter = overRate(chatId);
            if (retryAfter != null) {
                tooManyRequestsSent.incrementAndGet();
                record(new Call(method, params, arrived, 429, Outcome.THROTTLED, "rate"));
                return new Reply(429, tooManyRequests(retryAfter), null);
            }
        }
        Object result = switch (method) {
            case "getMe" -> botUser();
            case "sendMessage" -> sendMessage(chatId, params);
            case "editMessageText" -> editMessageText(chatId, params);
            case "editMessageReplyMarkup" -> editMessageReplyMarkup(chatId, params);
            case "answerCallbackQuery" -> {
                answeredCallbackQueries.add(String.valueOf(params.get("callback_query_id")));
                yield true;
            }
            case "getMyCommands" -> lastCommands();
            case "getChat" -> chatInfo(chatId);
            case "copyMessage" -> copyMessage(chatId, params);
            case "createForumTopic" -> createForumTopic(chatId, params);
            case "setWebhook" -> setWebhook(params);
            case "deleteWebhook" -> deleteWebhook();
            default -> MESSAGE_METHODS.contains(method) ? sendMessage(chatId, params) : Boolean.TRUE;
        };
        if (MESSAGE_METHODS.contains(method) && chatId != null) {
            messagesPerChat.computeIfAbsent(chatId, id -> new AtomicLong()).incrementAndGet();
            Object content = "copyMessage".equals(method)
                    ? "copy of " + params.get("from_chat_id") + ":" + params.get("message_id") : params.get("text");
            if (!deliveredTexts.add(chatId + "\u0000" + content)) {
                duplicates.incrementAndGet();
            }
        }
        record(new Call(method, params, arrived, 200, Outcome.OK, null, result));
        return new Reply(200, ok(result), null);
    }

    private Reply getUpdates(Map<String, Object> params, long arrived) {
        if (webhook != null) {
            String conflict = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
                    + "delete the webhook first";
            record(new Call("getUpdates", params, arrived, 409, Outcome.REJECTED, conflict));
            return new Reply(409, error(409, conflict), null);
        }
        long offset = number(params.get("offset"), 0);
        int limit = (int) Math.max(1, Math.min(100, number(params.get("limit"), 100)));
        long timeoutSeconds = Math.max(0, number(params.get("timeout"), 0));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        record(new Call("getUpdates", params, arrived, 200, Outcome.OK, null));
        List<PendingUpdate> batch;
        synchronized (updatesLock) {
            if (offset > 0) {
                pending.removeIf(update -> update.id() < offset);
            }
            while (pending.isEmpty() && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(updatesLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            batch = List.copyOf(pending.subList(0, Math.min(limit, pending.size())));
        }
        List<Map<String, Object>> result = batch.stream().map(PendingUpdate::update).toList();
        return new Reply(200, ok(result), () -> {
            long now = System.nanoTime();
            batch.forEach(update -> deliveredAt.putIfAbsent(update.id(), now));
        });
    }

    private Map<String, Object> sendMessage(Long chatId, Map<String, Object> params) {
        long messageId = nextMessageId(chatId);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("message_id", messageId);
        message.put("from", botUser());
        message.put("chat", chat(chatId));
        message.put("date", now());
        if (params.get("text") != null) {
            message.put("text", visibleText(params));
        }
        Object thread = params.get("message_thread_id");
        if (thread != null && groups.containsKey(chatId)) {
            message.put("message_thread_id", number(thread, 0));
            message.put("is_topic_message", true);
        }
        if (params.get("reply_markup") instanceof Map<?, ?> markup && markup.get("inline_keyboard") != null) {
            message.put("reply_markup", markup);
        }
        remember(message);
        sentMessages.put(chatId + ":" + messageId,
                new SentMessage(String.valueOf(params.get("text")), String.valueOf(params.get("reply_markup"))));
        return message;
    }

    private Object editMessageText(Long chatId, Map<String, Object> params) {
        String key = chatId + ":" + params.get("message_id");
        sentMessages.put(key,
                new SentMessage(String.valueOf(params.get("text")), String.valueOf(params.get("reply_markup"))));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("message_id", number(params.get("message_id"), 0));
        message.put("from", botUser());
        message.put("chat", Map.of("id", chatId, "type", "private", "first_name", "Parent"));
        message.put("date", now());
        message.put("edit_date", now());
        message.put("text", visibleText(params));
        return message;
    }

    private Object editMessageReplyMarkup(Long chatId, Map<String, Object> params) {
        String key = chatId + ":" + params.get("message_id");
        SentMessage before = sentMessages.get(key);
        sentMessages.put(key, new SentMessage(before.text(), String.valueOf(params.get("reply_markup"))));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("message_id", number(params.get("message_id"), 0));
        message.put("chat", Map.of("id", chatId, "type", "private", "first_name", "Parent"));
        message.put("date", now());
        return message;
    }

    private Map<String, Object> chat(long chatId) {
        Map<String, Object> group = groups.get(chatId);
        if (group != null) {
            return group;
        }
        return chatId < 0 ? Map.of("id", chatId, "type", "group", "title", "Parents' group")
                : Map.of("id", chatId, "type", "private", "first_name", "Parent");
    }

    private String groupType(long chatId) {
        return groups.containsKey(chatId) ? "supergroup" : "group";
    }

    private void remember(Map<?, ?> message) {
        if (message.get("chat") instanceof Map<?, ?> chat && chat.get("id") != null
                && message.get("message_id") != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) message);
            messages.put(number(chat.get("id"), 0) + ":" + number(message.get("message_id"), 0), copy);
        }
    }

    private Object chatInfo(Long chatId) {
        Map<String, Object> info = new LinkedHashMap<>(chat(chatId));
        info.put("accent_color_id", 0);
        info.put("max_reaction_count", 11);
        return info;
    }

    /** copyMessage: a new message in the target chat with the original's content, and only its message id back. */
    private Object copyMessage(Long chatId, Map<String, Object> params) {
        Map<String, Object> original = messages.get(number(params.get("from_chat_id"), 0) + ":"
                + number(params.get("message_id"), 0));
        long messageId = nextMessageId(chatId);
        Map<String, Object> copy = new LinkedHashMap<>();
        copy.put("message_id", messageId);
        copy.put("from", botUser());
        copy.put("chat", chat(chatId));
        copy.put("date", now());
        for (String content : List.of("text", "entities", "photo", "sticker", "voice", "document", "location",
                "caption", "caption_entities", "video", "audio")) {
            if (original.get(content) != null) {
                copy.put(content, original.get(content));
            }
        }
        if (params.get("caption") != null) {
            copy.put("caption", params.get("caption"));
        }
        Object thread = params.get("message_thread_id");
        if (thread != null) {
            copy.put("message_thread_id", number(thread, 0));
            copy.put("is_topic_message", true);
        }
        if (params.get("reply_markup") instanceof Map<?, ?> markup && markup.get("inline_keyboard") != null) {
            copy.put("reply_markup", markup);
        }
        remember(copy);
        sentMessages.put(chatId + ":" + messageId, new SentMessage(String.valueOf(original.get("text")),
                String.valueOf(params.get("reply_markup"))));
        return Map.of("message_id", messageId);
    }

    /** createForumTopic: the topic's id is the id of its first message, a service message that it was created. */
    private Object createForumTopic(Long chatId, Map<String, Object> params) {
        long threadId = nextMessageId(chatId);
        topics.computeIfAbsent(chatId, id -> ConcurrentHashMap.newKeySet()).add(threadId);
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("message_id", threadId);
        created.put("from", botUser());
        created.put("chat", chat(chatId));
        created.put("date", now());
        created.put("message_thread_id", threadId);
        created.put("is_topic_message", true);
        created.put("forum_topic_created", Map.of("name", String.valueOf(params.get("name")), "icon_color", 7322096));
        remember(created);
        return Map.of("message_thread_id", threadId, "name", String.valueOf(params.get("name")),
                "icon_color", 7322096);
    }

    private Object lastCommands() {
        List<Call> set = calls("setMyCommands").stream().filter(Call::ok).toList();
        return set.isEmpty() ? List.of() : set.get(set.size() - 1).params().get("commands");
    }

    // ---------------------------------------------------------------- validation, as Telegram does it

    private String validate(String method, Map<String, Object> params) {
        if (!CANONICAL.containsValue(method)) {
            return "Not Found: method not found";
        }
        boolean needsChat = MESSAGE_METHODS.contains(method) || CHAT_METHODS.contains(method);
        if (needsChat && params.get("inline_message_id") == null) {
            Object chat = params.get("chat_id");
            if (chat == null || String.valueOf(chat).isBlank()) {
                return "Bad Request: chat_id is empty";
            }
            if (chatIdOf(params) == null) {
                return "Bad Request: chat not found";
            }
        }
        String problem = switch (method) {
            case "sendMessage" -> validateText(params);
            case "editMessageText" -> validateEdit(params, true);
            case "editMessageReplyMarkup" -> validateEdit(params, false);
            case "sendChatAction" -> CHAT_ACTIONS.contains(String.valueOf(params.get("action")))
                    ? null : "Bad Request: wrong parameter action in request";
            case "answerCallbackQuery" -> validateCallbackAnswer(params);
            case "setMyCommands" -> validateCommands(params.get("commands"));
            case "copyMessage" -> validateCopy(params);
            case "createForumTopic" -> validateTopic(params);
            case "getChat" -> chatIdOf(params) == null || (chatIdOf(params) < 0 && !groups.containsKey(chatIdOf(params)))
                    ? "Bad Request: chat not found" : null;
            default -> null;
        };
        if (problem == null && MESSAGE_METHODS.contains(method)) {
            problem = validatePlace(params);
        }
        if (problem == null && params.containsKey("reply_markup")) {
            problem = validateMarkup(params.get("reply_markup"));
        }
        return problem;
    }

    private String validateText(Map<String, Object> params) {
        Object text = params.get("text");
        if (text == null) {
            return "Bad Request: message text is empty";
        }
        String visible;
        Object parseMode = params.get("parse_mode");
        if (parseMode != null && "HTML".equalsIgnoreCase(String.valueOf(parseMode))) {
            HtmlParse parsed = parseHtml(String.valueOf(text));
            if (parsed.error() != null) {
                return "Bad Request: can't parse entities: " + parsed.error();
            }
            visible = parsed.text();
        } else if (parseMode != null && !Set.of("MarkdownV2", "Markdown").contains(String.valueOf(parseMode))) {
            return "Bad Request: unsupported parse_mode";
        } else {
            visible = String.valueOf(text);
        }
        if (visible.strip().isEmpty()) {
            return "Bad Request: message text is empty";
        }
        if (visible.length() > MAX_TEXT) {
            return "Bad Request: message is too long";
        }
        return null;
    }

    private String validateCopy(Map<String, Object> params) {
        if (params.get("from_chat_id") == null || String.valueOf(params.get("from_chat_id")).isBlank()) {
            return "Bad Request: from_chat_id is empty";
        }
        if (params.get("message_id") == null) {
            return "Bad Request: message identifier is not specified";
        }
        Map<String, Object> original = messages.get(number(params.get("from_chat_id"), 0) + ":"
                + number(params.get("message_id"), 0));
        if (original == null) {
            return "Bad Request: message to copy not found";
        }
        if (original.get("forum_topic_created") != null || original.get("new_chat_members") != null) {
            return "Bad Request: message can't be copied";
        }
        Object caption = params.get("caption");
        if (caption != null && String.valueOf(caption).length() > 1024) {
            return "Bad Request: message caption is too long";
        }
        return null;
    }

    private String validateTopic(Map<String, Object> params) {
        Map<String, Object> group = groups.get(chatIdOf(params));
        if (group == null || !Boolean.TRUE.equals(group.get("is_forum"))) {
            return "Bad Request: the chat is not a forum";
        }
        String name = params.get("name") == null ? "" : String.valueOf(params.get("name"));
        if (name.isEmpty() || name.length() > 128) {
            return "Bad Request: TOPIC_TITLE_EMPTY";
        }
        Object color = params.get("icon_color");
        if (color != null && !Set.of(7322096L, 16766590L, 13338331L, 9367192L, 16749490L, 16478047L)
                .contains(number(color, -1))) {
            return "Bad Request: TOPIC_ICON_COLOR_INVALID";
        }
        return null;
    }

    /** Where a message goes within its chat: an existing topic of a forum, in reply to an existing message. */
    private String validatePlace(Map<String, Object> params) {
        Long chatId = chatIdOf(params);
        Object thread = params.get("message_thread_id");
        if (thread != null && chatId != null) {
            long threadId = number(thread, 0);
            Map<String, Object> group = groups.get(chatId);
            if (group == null || !Boolean.TRUE.equals(group.get("is_forum"))
                    || !topics.getOrDefault(chatId, Set.of()).contains(threadId)) {
                return "Bad Request: message thread not found";
            }
        }
        Object replyTo = params.get("reply_to_message_id");
        boolean allowWithout = Boolean.parseBoolean(String.valueOf(params.get("allow_sending_without_reply")));
        long replyChat = chatId == null ? 0 : chatId;
        if (params.get("reply_parameters") instanceof Map<?, ?> reply) {
            replyTo = reply.get("message_id");
            allowWithout = Boolean.parseBoolean(String.valueOf(reply.get("allow_sending_without_reply")));
            if (reply.get("chat_id") != null) {
                replyChat = number(reply.get("chat_id"), replyChat);
            }
        }
        if (replyTo != null && !allowWithout && !messages.containsKey(replyChat + ":" + number(replyTo, 0))) {
            return "Bad Request: message to be replied not found";
        }
        return null;
    }

    private String validateEdit(Map<String, Object> params, boolean withText) {
        if (params.get("inline_message_id") == null) {
            if (params.get("message_id") == null) {
                return "Bad Request: message identifier is not specified";
            }
            SentMessage before = sentMessages.get(chatIdOf(params) + ":" + params.get("message_id"));
            if (before == null) {
                return "Bad Request: message to edit not found";
            }
            String markup = String.valueOf(params.get("reply_markup"));
            String text = withText ? String.valueOf(params.get("text")) : before.text();
            if (before.text().equals(text) && before.markup().equals(markup)) {
                return "Bad Request: message is not modified: specified new message content and reply markup are "
                        + "exactly the same as a current content and reply markup of the message";
            }
        }
        return withText ? validateText(params) : null;
    }

    private String validateCallbackAnswer(Map<String, Object> params) {
        String id = params.get("callback_query_id") == null ? null : String.valueOf(params.get("callback_query_id"));
        if (id == null || !openCallbackQueries.contains(id) || answeredCallbackQueries.contains(id)) {
            return "Bad Request: query is too old and response timeout expired or query ID is invalid";
        }
        Object text = params.get("text");
        if (text != null && String.valueOf(text).length() > 200) {
            return "Bad Request: MESSAGE_TOO_LONG";
        }
        return null;
    }

    private String validateCommands(Object commands) {
        if (!(commands instanceof List<?> list) || list.size() > 100) {
            return "Bad Request: commands must be a list of at most 100 commands";
        }
        for (Object entry : list) {
            if (!(entry instanceof Map<?, ?> command)) {
                return "Bad Request: can't parse BotCommand";
            }
            String name = String.valueOf(command.get("command"));
            String description = command.get("description") == null ? "" : String.valueOf(command.get("description"));
            if (!COMMAND_NAME.matcher(name).matches()) {
                return "Bad Request: BOT_COMMAND_INVALID";
            }
            if (description.isBlank() || description.length() > 256) {
                return "Bad Request: command description is empty or too long";
            }
        }
        return null;
    }

    private String validateMarkup(Object markup) {
        if (!(markup instanceof Map<?, ?> map)) {
            return "Bad Request: can't parse reply keyboard markup JSON object";
        }
        Object keyboard = map.get("inline_keyboard");
        if (keyboard == null) {
            return null; // reply keyboards and removals are not used by Sanad; accepted as they come
        }
        if (!(keyboard instanceof List<?> rows)) {
            return "Bad Request: field \"inline_keyboard\" must be an Array";
        }
        for (Object row : rows) {
            if (!(row instanceof List<?> buttons)) {
                return "Bad Request: field \"inline_keyboard\" must be an Array of Arrays";
            }
            for (Object item : buttons) {
                if (!(item instanceof Map<?, ?> button)) {
                    return "Bad Request: can't parse inline keyboard button";
                }
                Object text = button.get("text");
                if (text == null || String.valueOf(text).isBlank()) {
                    return "Bad Request: inline keyboard button text is empty";
                }
                Object data = button.get("callback_data");
                Object url = button.get("url");
                if (data == null && url == null && button.get("switch_inline_query") == null) {
                    return "Bad Request: inline keyboard button has no action";
                }
                if (data != null) {
                    int bytes = String.valueOf(data).getBytes(StandardCharsets.UTF_8).length;
                    if (bytes < 1 || bytes > 64) {
                        return "Bad Request: BUTTON_DATA_INVALID";
                    }
                }
            }
        }
        return null;
    }

    /** Telegram's HTML: allowed tags only, properly nested, and every {@code < > &} outside them escaped. */
    static HtmlParse parseHtml(String html) {
        StringBuilder text = new StringBuilder();
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                if (end < 0) {
                    return new HtmlParse(null, "unclosed start tag at byte offset " + i);
                }
                String tag = html.substring(i + 1, end);
                if (tag.startsWith("/")) {
                    String name = tag.substring(1).strip().toLowerCase(Locale.ROOT);
                    if (open.isEmpty() || !open.peek().equals(name)) {
                        return new HtmlParse(null, "unmatched end tag </" + name + "> at offset " + i);
                    }
                    open.pop();
                } else {
                    String[] nameAndRest = tag.split("\\s", 2);
                    String name = nameAndRest[0].toLowerCase(Locale.ROOT);
                    Set<String> attributes = HTML_TAGS.get(name);
                    if (attributes == null) {
                        return new HtmlParse(null, "unsupported start tag \"" + name + "\" at offset " + i);
                    }
                    String rest = nameAndRest.length > 1 ? nameAndRest[1] : "";
                    var matcher = ATTRIBUTE.matcher(rest);
                    int at = 0;
                    while (at < rest.length() && matcher.find(at) && matcher.start() == at && matcher.end() > at) {
                        if (!attributes.contains(matcher.group(1).toLowerCase(Locale.ROOT))) {
                            return new HtmlParse(null, "unsupported attribute " + matcher.group(1));
                        }
                        at = matcher.end();
                    }
                    if (!rest.substring(at).isBlank()) {
                        return new HtmlParse(null, "malformed tag <" + tag + ">");
                    }
                    open.push(name);
                }
                i = end + 1;
            } else if (c == '&') {
                var matcher = ENTITY.matcher(html);
                if (!matcher.find(i) || matcher.start() != i) {
                    return new HtmlParse(null, "unescaped & at offset " + i);
                }
                String entity = matcher.group();
                text.append(switch (entity) {
                    case "&lt;" -> "<";
                    case "&gt;" -> ">";
                    case "&amp;" -> "&";
                    case "&quot;" -> "\"";
                    default -> new String(Character.toChars(entity.startsWith("&#x")
                            ? Integer.parseInt(entity.substring(3, entity.length() - 1), 16)
                            : Integer.parseInt(entity.substring(2, entity.length() - 1))));
                });
                i = matcher.end();
            } else if (c == '>') {
                return new HtmlParse(null, "unescaped > at offset " + i);
            } else {
                text.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            return new HtmlParse(null, "unclosed tag <" + open.peek() + ">");
        }
        return new HtmlParse(text.toString(), null);
    }

    record HtmlParse(String text, String error) {
    }

    private static String visibleText(Map<String, Object> params) {
        String text = String.valueOf(params.get("text"));
        if ("HTML".equalsIgnoreCase(String.valueOf(params.get("parse_mode")))) {
            HtmlParse parsed = parseHtml(text);
            return parsed.text() != null ? parsed.text() : text;
        }
        return text;
    }

    // ---------------------------------------------------------------- plumbing

    private Integer overRate(long chatId) {
        RateLimits limits = rateLimits;
        if (limits == null) {
            return null;
        }
        long now = System.nanoTime();
        synchronized (rateLock) {
            long second = TimeUnit.SECONDS.toNanos(1);
            while (!recentMessages.isEmpty() && now - recentMessages.peekFirst() >= second) {
                recentMessages.pollFirst();
            }
            // per chat: 'allowed' messages in any window of 'window' nanos
            double perChat = limits.perChatPerSecond();
            long window = perChat >= 1 ? second : (long) (second / perChat);
            int allowed = perChat >= 1 ? (int) Math.floor(perChat) : 1;
            Deque<Long> chat = recentMessagesPerChat.computeIfAbsent(chatId, id -> new ArrayDeque<>());
            while (!chat.isEmpty() && now - chat.peekFirst() >= window) {
                chat.pollFirst();
            }
            Deque<Long> group = chatId < 0
                    ? recentMessagesPerGroup.computeIfAbsent(chatId, id -> new ArrayDeque<>()) : new ArrayDeque<>();
            while (!group.isEmpty() && now - group.peekFirst() >= TimeUnit.MINUTES.toNanos(1)) {
                group.pollFirst();
            }
            if (recentMessages.size() >= Math.floor(limits.globalPerSecond()) || chat.size() >= allowed
                    || group.size() >= GROUP_MESSAGES_PER_MINUTE) {
                return limits.retryAfterSeconds();
            }
            recentMessages.addLast(now);
            chat.addLast(now);
            group.addLast(now);
            return null;
        }
    }

    private void addFaults(String method, int count, Fault fault) {
        String canonical = CANONICAL.getOrDefault(method.toLowerCase(Locale.ROOT), method);
        Deque<Fault> queue = faults.computeIfAbsent(canonical, m -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < count; i++) {
                queue.addLast(fault);
            }
        }
    }

    private Fault nextFault(String method) {
        Deque<Fault> queue = faults.get(method);
        if (queue == null) {
            return null;
        }
        synchronized (queue) {
            return queue.pollFirst();
        }
    }

    private void record(Call call) {
        synchronized (callsLock) {
            calls.add(call);
            callsLock.notifyAll();
        }
        listeners.forEach(listener -> listener.accept(call));
    }

    private String summary() {
        StringBuilder out = new StringBuilder();
        for (Call call : calls) {
            if (!"getUpdates".equals(call.method())) {
                out.append("\n  ").append(call.method()).append(' ').append(call.status()).append(' ')
                        .append(call.error() == null ? "" : call.error()).append(' ').append(call.params());
            }
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parameters(HttpExchange exchange) throws IOException {
        Map<String, Object> params = new LinkedHashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            params.putAll(formFields(query));
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).toLowerCase(Locale.ROOT);
        if (body.length > 0 && type.startsWith("application/json")) {
            params.putAll(json.readValue(body, Map.class));
        } else if (body.length > 0 && type.startsWith("application/x-www-form-urlencoded")) {
            params.putAll(formFields(new String(body, StandardCharsets.UTF_8)));
        }
        return params;
    }

    private Map<String, Object> formFields(String encoded) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            // Telegram reads JSON-serialized fields (reply_markup, commands) from form values too
            fields.put(name, value.startsWith("{") || value.startsWith("[") ? json.readValue(value, Object.class)
                    : value);
        }
        return fields;
    }

    private void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException e) {
            // the client gave up (its timeout); Telegram would not notice either
        }
    }

    private byte[] ok(Object result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", true);
        body.put("result", result);
        return bytes(body);
    }

    private byte[] error(int code, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", false);
        body.put("error_code", code);
        body.put("description", description);
        return bytes(body);
    }

    private byte[] tooManyRequests(int retryAfterSeconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", false);
        body.put("error_code", 429);
        body.put("description", "Too Many Requests: retry after " + retryAfterSeconds);
        body.put("parameters", Map.of("retry_after", retryAfterSeconds));
        return bytes(body);
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> textMessage(long chatId, String chatType, long userId, String text) {
        Map<String, Object> message = message(chatId, chatType, userId);
        message.put("text", text);
        List<Map<String, Object>> entities = new ArrayList<>();
        if (text.startsWith("/")) {
            int end = 0;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            entities.add(Map.of("type", "bot_command", "offset", 0, "length", end));
        }
        int mention = text.indexOf("@" + BOT_USERNAME);
        if (mention >= 0 && !(text.startsWith("/") && mention < text.split("\\s", 2)[0].length())) {
            entities.add(Map.of("type", "mention", "offset", mention, "length", BOT_USERNAME.length() + 1));
        }
        if (!entities.isEmpty()) {
            message.put("entities", entities);
        }
        return message;
    }

    private Map<String, Object> message(long chatId, String chatType, long userId) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("message_id", nextMessageId(chatId));
        message.put("from", user(userId));
        message.put("chat", groups.containsKey(chatId) ? groups.get(chatId) : "private".equals(chatType)
                ? Map.of("id", chatId, "type", chatType, "first_name", "Parent")
                : Map.of("id", chatId, "type", chatType, "title", "Parents' group"));
        message.put("date", now());
        return message;
    }

    private static Map<String, Object> user(long userId) {
        return Map.of("id", userId, "is_bot", false, "first_name", "Parent", "language_code", "ar");
    }

    private static Map<String, Object> botUser() {
        return Map.of("id", BOT_ID, "is_bot", true, "first_name", "Sanad", "username", BOT_USERNAME,
                "can_join_groups", true, "can_read_all_group_messages", false, "supports_inline_queries", false);
    }

    private long nextMessageId(long chatId) {
        return nextMessageId.computeIfAbsent(chatId, id -> new AtomicInteger(100)).incrementAndGet();
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static Long chatIdOf(Map<String, Object> params) {
        Object chat = params.get("chat_id");
        if (chat instanceof Number number) {
            return number.longValue();
        }
        try {
            return chat == null ? null : Long.parseLong(String.valueOf(chat).strip());
        } catch (NumberFormatException e) {
            return null; // "@channelname" chats are not used by Sanad
        }
    }

    private static long number(Object value, long fallback) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return value == null ? fallback : Long.parseLong(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> canonicalNames() {
        Map<String, String> names = new HashMap<>();
        for (String name : List.of("getMe", "logOut", "close", "getUpdates", "setWebhook", "deleteWebhook",
                "getWebhookInfo", "sendMessage", "forwardMessage", "copyMessage", "sendPhoto", "sendDocument",
                "sendAudio", "sendVoice", "sendVideo", "sendAnimation", "sendSticker", "sendLocation", "sendContact",
                "sendPoll", "sendDice", "sendMediaGroup", "sendChatAction", "editMessageText",
                "editMessageReplyMarkup", "deleteMessage", "answerCallbackQuery", "setMyCommands", "getMyCommands",
                "deleteMyCommands", "setMyDescription", "setMyShortDescription", "setChatMenuButton", "getChat",
                "createForumTopic", "closeForumTopic", "reopenForumTopic")) {
            names.put(name.toLowerCase(Locale.ROOT), name);
        }
        return Collections.unmodifiableMap(names);
    }

    // ---------------------------------------------------------------- records

    /** How the fake answered a call. */
    public enum Outcome { OK, REJECTED, FAULT, BLOCKED, THROTTLED }

    /**
     * One call the bot made.
     *
     * @param method     the Bot API method, canonical case ({@code sendMessage})
     * @param params     its parameters as Telegram reads them (JSON values: numbers, strings, maps, lists)
     * @param atNanos    when it arrived ({@link System#nanoTime()})
     * @param status     the HTTP status answered
     * @param outcome    why that status
     * @param error      the description sent back with an error, or null
     * @param result     what a successful call returned (e.g. the sent message), or null
     */
    public record Call(String method, Map<String, Object> params, long atNanos, int status, Outcome outcome,
            String error, Object result) {

        Call(String method, Map<String, Object> params, long atNanos, int status, Outcome outcome, String error) {
            this(method, params, atNanos, status, outcome, error, null);
        }

        /** The id of the message this call created or edited, as Telegram answered it; 0 when none. */
        public long messageId() {
            return result instanceof Map<?, ?> message && message.get("message_id") instanceof Number id
                    ? id.longValue() : 0;
        }

        public boolean ok() {
            return status == 200;
        }

        public long chatId() {
            Long chat = chatIdOf(params);
            return chat == null ? 0 : chat;
        }

        /** The text as sent (with HTML markup, if any). */
        public String text() {
            Object text = params.get("text");
            return text == null ? null : String.valueOf(text);
        }

        /** The text as the parent sees it: HTML tags removed and entities decoded. */
        public String visibleText() {
            return params.get("text") == null ? null : FakeBotApi.visibleText(params);
        }

        /** The inline keyboard's buttons, row by row, each as its {@code text} and {@code callback_data}. */
        @SuppressWarnings("unchecked")
        public List<List<Map<String, Object>>> inlineKeyboard() {
            Object markup = params.get("reply_markup");
            if (markup instanceof Map<?, ?> map && map.get("inline_keyboard") instanceof List<?> rows) {
                return (List<List<Map<String, Object>>>) rows;
            }
            return List.of();
        }

        /** All callback_data values of the inline keyboard, in order. */
        public List<String> callbackData() {
            return inlineKeyboard().stream().flatMap(List::stream)
                    .map(button -> button.get("callback_data")).filter(data -> data != null)
                    .map(String::valueOf).toList();
        }
    }

    // ---------------------------------------------------------------- webhook delivery, as Telegram does it

    /** The webhook Sanad set: where updates go, with which secret, how many requests at once. */
    public record Webhook(String url, String secretToken, int maxConnections, List<String> allowedUpdates,
            Object dropPendingUpdates) {
    }

    /** One try to deliver an update to the webhook: the status it got, 0 for no answer. */
    public record WebhookAttempt(int updateId, int status, long atNanos) {
    }

    private volatile Webhook webhook;
    private volatile javax.net.ssl.SSLContext webhookTrust;
    private volatile java.net.http.HttpClient webhookClient;
    private final List<WebhookAttempt> webhookAttempts = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Set<Long> chatsInFlight = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Long> retryAt = new ConcurrentHashMap<>();
    private final AtomicInteger webhookRequests = new AtomicInteger();
    private Thread webhookPusher;

    /** The certificate authority the webhook's HTTPS server is trusted by (a proxy's own, in tests). */
    public void trustForWebhooks(javax.net.ssl.SSLContext trust) {
        this.webhookTrust = trust;
        this.webhookClient = null;
    }

    /** The webhook as last set, or null (long polling). */
    public Webhook webhook() {
        return webhook;
    }

    public List<WebhookAttempt> webhookAttempts() {
        return List.copyOf(webhookAttempts);
    }

    @SuppressWarnings("unchecked")
    private Object setWebhook(Map<String, Object> params) {
        Object allowed = params.get("allowed_updates");
        webhook = new Webhook(String.valueOf(params.get("url")), params.get("secret_token") == null ? null
                : String.valueOf(params.get("secret_token")), (int) number(params.get("max_connections"), 40),
                allowed instanceof List<?> list ? (List<String>) list : List.of(), params.get("drop_pending_updates"));
        synchronized (updatesLock) {
            if (webhookPusher == null) {
                webhookPusher = new Thread(this::pushUpdates, "fake-bot-api-webhook");
                webhookPusher.setDaemon(true);
                webhookPusher.start();
            }
            updatesLock.notifyAll();
        }
        return Boolean.TRUE;
    }

    private Object deleteWebhook() {
        webhook = null;
        return Boolean.TRUE;
    }

    /**
     * Delivers pending updates to the webhook: at most {@code max_connections} requests at once, one update per chat
     * at a time and in order, each resent (after a short pause) until the bot answers 2xx.
     */
    private void pushUpdates() {
        while (!closed) {
            PendingUpdate next = null;
            synchronized (updatesLock) {
                Webhook target = webhook;
                long now = System.nanoTime();
                if (target != null && webhookRequests.get() < target.maxConnections()) {
                    Set<Long> seen = new HashSet<>();
                    for (PendingUpdate update : pending) {
                        long chat = chatOf(update.update());
                        if (!seen.add(chat) || chatsInFlight.contains(chat)) {
                            continue; // an earlier update of this chat goes first
                        }
                        Long notBefore = retryAt.get(update.id());
                        if (notBefore == null || notBefore <= now) {
                            next = update;
                            break;
                        }
                    }
                }
                if (next == null) {
                    try {
                        updatesLock.wait(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                chatsInFlight.add(chatOf(next.update()));
                webhookRequests.incrementAndGet();
                deliveredAt.putIfAbsent(next.id(), now);
            }
            PendingUpdate update = next;
            threads.execute(() -> deliver(update));
        }
    }

    private void deliver(PendingUpdate update) {
        Webhook target = webhook;
        int status = 0;
        try {
            if (target != null) {
                java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(target.url()))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes(update.update())));
                if (target.secretToken() != null) {
                    request.header("X-Telegram-Bot-Api-Secret-Token", target.secretToken());
                }
                status = webhookClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            }
        } catch (IOException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            webhookAttempts.add(new WebhookAttempt(update.id(), status, System.nanoTime()));
            synchronized (updatesLock) {
                if (status >= 200 && status < 300) {
                    pending.remove(update);
                    retryAt.remove(update.id());
                } else {
                    // Telegram waits longer each time; a short pause keeps tests quick
                    retryAt.put(update.id(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300));
                }
                chatsInFlight.remove(chatOf(update.update()));
                webhookRequests.decrementAndGet();
                updatesLock.notifyAll();
            }
        }
    }

    private java.net.http.HttpClient webhookClient() {
        java.net.http.HttpClient client = webhookClient;
        if (client == null) {
            java.net.http.HttpClient.Builder builder = java.net.http.HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5)).version(java.net.http.HttpClient.Version.HTTP_1_1);
            if (webhookTrust != null) {
                builder.sslContext(webhookTrust);
            }
            client = builder.build();
            webhookClient = client;
        }
        return client;
    }

    @SuppressWarnings("unchecked")
    private static long chatOf(Map<String, Object> update) {
        for (String kind : List.of("message", "edited_message", "channel_post")) {
            if (update.get(kind) instanceof Map<?, ?> message && message.get("chat") instanceof Map<?, ?> chat) {
                return number(chat.get("id"), 0);
            }
        }
        if (update.get("callback_query") instanceof Map<?, ?> query) {
            if (query.get("message") instanceof Map<?, ?> message && message.get("chat") instanceof Map<?, ?> chat) {
                return number(chat.get("id"), 0);
            }
            if (query.get("from") instanceof Map<?, ?> from) {
                return number(from.get("id"), 0);
            }
        }
        return 0;
    }

    private record PendingUpdate(int id, Map<String, Object> update) {
    }

    private record Fault(int status, int retryAfterSeconds, Duration delay) {
    }

    private record RateLimits(double globalPerSecond, double perChatPerSecond, int retryAfterSeconds) {
    }

    private record SentMessage(String text, String markup) {
    }

    private record Reply(int status, byte[] body, Runnable afterResponse) {
    }
}
