package org.sanad.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanad.testing.FakeBotApi;

/** A parent's conversation with Sanad over the real TelegramBots library and the fake Bot API. */
class TelegramConversationTest extends RunningTelegramBot {

    @Test
    void welcomesInArabicWithTopicButtonsAndTheDoctorNote() {
        long chat = newChat();
        FakeBotApi.Call welcome = last(ask(chat, "/start"));

        assertThat(welcome.params()).containsEntry("parse_mode", "HTML");
        assertThat(welcome.visibleText()).contains("سند").contains("لا أشخّص").contains(DOCTOR_NOTE);
        assertThat(welcome.callbackData()).isNotEmpty().allMatch(data -> data.startsWith("t:"));
    }

    @Test
    void registersTheArabicCommandMenuAtStartUp() {
        FakeBotApi.Call everyone = TELEGRAM.awaitCall("setMyCommands",
                call -> String.valueOf(call.params().get("scope")).contains("default"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> commands = (List<Map<String, Object>>) everyone.params().get("commands");

        assertThat(commands).extracting(command -> command.get("command"))
                .containsExactly("start", "help", "subscribe", "unsubscribe", "forget");
        assertThat(commands).allSatisfy(command ->
                assertThat(String.valueOf(command.get("description"))).containsPattern("[\\u0600-\\u06FF]"));
        FakeBotApi.Call admin = TELEGRAM.awaitCall("setMyCommands",
                call -> String.valueOf(call.params().get("scope")).contains(String.valueOf(ADMIN)));
        assertThat(String.valueOf(admin.params().get("commands"))).contains("reindex").contains("stats")
                .contains("broadcast");
    }

    @Test
    void answersAQuestionFromTheDocumentsWithTheDoctorNote() {
        long chat = newChat();
        List<FakeBotApi.Call> reply = ask(chat, "متى يبدأ مفعول الحقنة؟");

        FakeBotApi.Call answer = last(reply);
        assertThat(answer.visibleText()).contains("📄").endsWith(answer.visibleText()
                .substring(answer.visibleText().lastIndexOf('\n') + 1));
        assertThat(answer.visibleText().lines().reduce((a, b) -> b).orElseThrow()).contains(DOCTOR_NOTE);
        assertThat(answer.callbackData()).anyMatch(data -> data.startsWith("f:y:"))
                .anyMatch(data -> data.startsWith("f:n:"));
        assertThat(TELEGRAM.calls("sendChatAction")).anyMatch(call -> call.chatId() == chat
                && "typing".equals(call.params().get("action")));
    }
}
