package org.sanad.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sanad.ask.ReplyComposer;
import org.sanad.audit.UsageCounters;
import org.sanad.broadcast.Subscribers;
import org.sanad.testing.FakeBotApi;
import org.springframework.beans.factory.annotation.Autowired;

/** A parent's conversation with Sanad over the real TelegramBots library and the fake Bot API. */
class TelegramConversationTest extends RunningTelegramBot {

    private static final String SOURCE_MARK = "📄";

    @Autowired
    UsageCounters counters;

    @Autowired
    Subscribers subscribers;

    @Autowired
    ReplyComposer replies;

    @Test
    void welcomesInArabicWithTopicButtonsAndTheDoctorNote() {
        long chat = newChat();
        FakeBotApi.Call welcome = last(ask(chat, "/start"));

        assertThat(welcome.params()).containsEntry("parse_mode", "HTML");
        assertThat(welcome.visibleText()).contains("سند").contains("لا أشخّص").contains(DOCTOR_NOTE);
        assertThat(welcome.callbackData()).isNotEmpty().allMatch(data -> data.startsWith("t:") || data.equals("ci:ask"))
                .contains("ci:ask");
    }

    @Test
    void registersTheArabicCommandMenuAtStartUp() {
        FakeBotApi.Call everyone = TELEGRAM.awaitCall("setMyCommands",
                call -> String.valueOf(call.params().get("scope")).contains("default"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> commands = (List<Map<String, Object>>) everyone.params().get("commands");

        assertThat(commands).extracting(command -> command.get("command"))
                .containsExactly("start", "help", "subscribe", "unsubscribe", "forget", "injection", "stopcheckins",
                        "clinic", "endclinic");
        assertThat(commands).allSatisfy(command ->
                assertThat(String.valueOf(command.get("description"))).containsPattern("[\\u0600-\\u06FF]"));
        FakeBotApi.Call admin = TELEGRAM.awaitCall("setMyCommands",
                call -> String.valueOf(call.params().get("scope")).contains(String.valueOf(ADMIN)));
        assertThat(String.valueOf(admin.params().get("commands"))).contains("reindex").contains("stats")
                .contains("broadcast").contains("close");
    }

    @Test
    void answersAQuestionFromTheDocumentsWithTheDoctorNote() {
        long chat = newChat();
        List<FakeBotApi.Call> reply = ask(chat, "متى يبدأ مفعول الحقنة؟");

        FakeBotApi.Call answer = last(reply);
        assertThat(answer.visibleText()).contains(SOURCE_MARK).endsWith("\n\n" + replies.doctorNote());
        assertThat(replies.doctorNote()).contains(DOCTOR_NOTE);
        assertThat(answer.callbackData()).anyMatch(data -> data.startsWith("f:y:"))
                .anyMatch(data -> data.startsWith("f:n:"));
        assertThat(TELEGRAM.calls("sendChatAction")).anyMatch(call -> call.chatId() == chat
                && "typing".equals(call.params().get("action")));
    }

    @Test
    void saysPlainlyWhenTheDocumentsDoNotCoverAQuestionAndQuotesNoPassage() {
        long chat = newChat();
        long notCoveredBefore = counters.totals().get(UsageCounters.Counter.NOT_COVERED);

        FakeBotApi.Call reply = last(ask(chat, "كيف أطبخ الملوخية؟"));

        assertThat(reply.visibleText()).contains("لم أجد").contains(DOCTOR_NOTE).doesNotContain(SOURCE_MARK);
        assertThat(counters.totals().get(UsageCounters.Counter.NOT_COVERED)).isEqualTo(notCoveredBefore + 1);
    }

    @Test
    void offersAtMostTwoRelatedPassagesWhenNotCoveredAndATapAsksAboutOne() {
        long chat = newChat();
        FakeBotApi.Call notCovered = last(ask(chat, "كم سعر الحقنة؟"));
        List<String> related = notCovered.callbackData().stream().filter(data -> data.startsWith("q:")).toList();
        assertThat(related).hasSize(2);
        assertThat(notCovered.inlineKeyboard().get(0).get(0).get("text").toString()).startsWith("🔎 هل تقصد");

        String query = TELEGRAM.pushCallback(chat, chat, notCovered.messageId(), related.get(0));

        FakeBotApi.Call answer = last(awaitNewMessages(chat, 1, 1));
        assertThat(answer.visibleText()).contains(SOURCE_MARK).contains(DOCTOR_NOTE);
        callbackAnswer(query);
    }

    @Test
    void answersTheLongestMessageTelegramAllows() {
        long chat = newChat();
        String question = "متى يبدأ مفعول الحقنة؟ ";
        String longest = question.repeat(4096 / question.length() + 1).substring(0, 4096);

        FakeBotApi.Call reply = last(ask(chat, longest));

        assertThat(reply.visibleText()).contains(DOCTOR_NOTE);
    }

    @Test
    void answersSearchSyntaxAsPlainWords() {
        long chat = newChat();
        FakeBotApi.Call reply = last(ask(chat, "botox AND (( \"*"));

        assertThat(reply.visibleText()).contains(DOCTOR_NOTE);
    }

    @Test
    void escapesEverythingItQuotesAndStartsRightToLeft() {
        long chat = newChat();
        for (String text : List.of("<b>hello</b> & <script>", "hello", "🙂")) {
            FakeBotApi.Call reply = ask(chat, text).get(0);
            char first = reply.visibleText().charAt(0);
            assertThat(first == '\u200F' || first >= '\u0600' && first <= '\u06FF').as(text).isTrue();
        }
    }

    @Test
    void escalatesAChildWhoCannotSwallowWithTheUrgentAdviceFirstInBold() {
        long chat = newChat();
        long emergenciesBefore = counters.totals().get(UsageCounters.Counter.EMERGENCIES);

        List<FakeBotApi.Call> reply = ask(chat, "ابني مش قادر يبلع بعد الحقنة");

        FakeBotApi.Call first = reply.get(0);
        assertThat(first.visibleText()).containsPattern("^\u200F?⚠️").contains("طوارئ");
        assertThat(first.text()).containsPattern("^\u200F?<b>⚠️");
        assertThat(last(reply).visibleText()).contains(DOCTOR_NOTE);
        assertThat(last(reply).callbackData()).as("nothing distracts from the advice").isEmpty();
        assertThat(counters.totals().get(UsageCounters.Counter.EMERGENCIES)).isEqualTo(emergenciesBefore + 1);
    }

    @Test
    void aStartTopicButtonAsksItsQuestion() {
        long chat = newChat();
        FakeBotApi.Call welcome = last(ask(chat, "/start"));
        int before = TELEGRAM.delivered("sendMessage", chat).size();

        String query = TELEGRAM.pushCallback(chat, chat, welcome.messageId(), welcome.callbackData().get(0));

        FakeBotApi.Call answer = last(awaitNewMessages(chat, before, 1));
        assertThat(answer.visibleText()).contains(SOURCE_MARK).contains(DOCTOR_NOTE);
        assertThat(TELEGRAM.calls("answerCallbackQuery"))
                .anyMatch(call -> query.equals(call.params().get("callback_query_id")));
    }

    @Test
    void countsFeedbackOncePerReply() {
        long chat = newChat();
        FakeBotApi.Call answer = last(ask(chat, "كم يستمر تأثير الحقنة؟"));
        String helpful = answer.callbackData().stream().filter(data -> data.startsWith("f:y:")).findFirst()
                .orElseThrow();
        long before = counters.totals().get(UsageCounters.Counter.FEEDBACK_HELPFUL);

        String first = TELEGRAM.pushCallback(chat, chat, answer.messageId(), helpful);
        FakeBotApi.Call thanks = callbackAnswer(first);
        String second = TELEGRAM.pushCallback(chat, chat, answer.messageId(), helpful);
        FakeBotApi.Call again = callbackAnswer(second);

        assertThat(String.valueOf(thanks.params().get("text"))).contains("شكراً");
        assertThat(String.valueOf(again.params().get("text"))).contains("من قبل");
        assertThat(counters.totals().get(UsageCounters.Counter.FEEDBACK_HELPFUL)).isEqualTo(before + 1);
    }

    @Test
    void answersStaleAndUnknownButtonsGracefully() {
        long chat = newChat();
        for (String data : List.of("f:y:zzzz", "q:gone", "t:99", "b:s:notanumber", "something else")) {
            String query = TELEGRAM.pushCallback(chat, chat, 1, data);
            assertThat(String.valueOf(callbackAnswer(query).params().get("text"))).as(data).contains("انتهت");
        }
        assertThat(TELEGRAM.delivered("sendMessage", chat)).isEmpty();
    }

    @Test
    void asksKindlyForTextWhenSentAnythingElse() {
        long chat = newChat();
        TELEGRAM.pushPhoto(chat, chat);
        TELEGRAM.pushSticker(chat, chat);
        TELEGRAM.pushVoice(chat, chat);
        TELEGRAM.pushDocument(chat, chat);
        TELEGRAM.pushLocation(chat, chat);

        List<FakeBotApi.Call> replies = awaitNewMessages(chat, 0, 5);

        assertThat(replies).allSatisfy(reply -> assertThat(reply.visibleText()).contains("المكتوبة فقط"));
    }

    @Test
    void answersAnEditedQuestionButDoesNotRunAnEditedCommandAgain() {
        long chat = newChat();
        TELEGRAM.pushEditedText(chat, chat, 5, "/subscribe");
        TELEGRAM.pushEditedText(chat, chat, 6, "متى يبدأ مفعول الحقنة؟");

        FakeBotApi.Call answer = last(awaitNewMessages(chat, 0, 1));

        assertThat(answer.visibleText()).contains(SOURCE_MARK);
        assertThat(subscribers.isSubscribed(chat)).isFalse();
    }

    @Test
    void subscribesUnsubscribesAndForgets() {
        long chat = newChat();
        assertThat(last(ask(chat, "/subscribe")).visibleText()).contains("تم الاشتراك");
        assertThat(subscribers.isSubscribed(chat)).isTrue();
        assertThat(last(ask(chat, "/subscribe")).visibleText()).contains("بالفعل");
        assertThat(last(ask(chat, "/unsubscribe")).visibleText()).contains("تم إيقاف");
        assertThat(subscribers.isSubscribed(chat)).isFalse();
        ask(chat, "/subscribe");
        assertThat(last(ask(chat, "/forget")).visibleText()).contains("تم حذف");
        assertThat(subscribers.isSubscribed(chat)).isFalse();
    }

    @Test
    void pointsToHelpOnAnUnknownCommandAndHelpListsTheCommands() {
        long chat = newChat();
        assertThat(last(ask(chat, "/dance")).visibleText()).contains("/help");
        assertThat(last(ask(chat, "/help")).visibleText()).contains("/subscribe").contains("/forget")
                .doesNotContain("/broadcast");
        assertThat(last(ask(STAFF, "/help")).visibleText()).contains("/broadcast").doesNotContain("/reindex");
        assertThat(last(ask(ADMIN, "/help")).visibleText()).contains("/reindex").contains("/stats");
    }

    @Test
    void understandsACommandAddressedToItByName() {
        long chat = newChat();
        assertThat(last(ask(chat, "/help@" + FakeBotApi.BOT_USERNAME)).visibleText()).contains("/subscribe");
    }

    static FakeBotApi.Call callbackAnswer(String queryId) {
        return TELEGRAM.awaitCall("answerCallbackQuery",
                call -> queryId.equals(call.params().get("callback_query_id")));
    }
}
