package org.sanad.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanad.ask.ReplyComposer;
import org.sanad.broadcast.Subscribers;
import org.sanad.handoff.Handoff;
import org.sanad.eval.TestPipeline;
import org.sanad.staff.ReindexService;
import org.sanad.staff.Role;
import org.sanad.staff.Roles;
import org.sanad.staff.RolesProperties;
import org.sanad.staff.StaffBroadcasts;
import org.sanad.staff.StatsService;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;

/** One registry of commands: the menu of each role and /help show the same commands with the same Arabic lines. */
class CommandRegistryTest {

    private static final long STAFF = 501;
    private static final long ADMIN = 601;
    private static final long PARENT = 777;

    private final TelegramTexts texts = new TelegramTexts(TelegramInboxTest.messageSource());
    private final AnswerMessages messages = new AnswerMessages(texts, new ButtonMemory());
    private final ReplyComposer replies = TestPipeline.replies();
    private final Roles roles = new Roles(new RolesProperties(List.of(STAFF), List.of(ADMIN), ""));
    private final CommandRegistry registry = new CommandRegistry(
            new ParentCommands(mock(Subscribers.class), messages, texts, replies),
            new ClinicCommands(mock(Handoff.class), messages, texts),
            new StaffCommands(roles, mock(StaffBroadcasts.class), mock(StatsService.class),
                    mock(ReindexService.class), messages, texts),
            roles, texts, replies, messages);

    @Test
    void eachRoleSeesItsOwnCommandsAndThoseOfTheRolesBelow() {
        assertThat(registry.visibleTo(Role.EVERYONE)).extracting(Command::name)
                .containsExactly("start", "help", "subscribe", "unsubscribe", "forget", "injection", "stopcheckins",
                        "clinic", "endclinic");
        assertThat(registry.visibleTo(Role.STAFF)).extracting(Command::name)
                .containsExactly("start", "help", "subscribe", "unsubscribe", "forget", "injection", "stopcheckins",
                        "clinic", "endclinic", "broadcast", "close");
        assertThat(registry.visibleTo(Role.ADMIN)).extracting(Command::name)
                .containsExactly("start", "help", "subscribe", "unsubscribe", "forget", "injection", "stopcheckins",
                        "clinic", "endclinic", "broadcast", "close", "stats", "reindex");
    }

    @Test
    void everyCommandHasAnArabicLineFromTheMessages() {
        assertThat(registry.visibleTo(Role.ADMIN)).allSatisfy(command -> assertThat(command.description())
                .isEqualTo(texts.get("command." + command.name())).containsPattern("[\\u0600-\\u06FF]"));
    }

    @Test
    void helpListsTheCommandsTheUserMayUseWithTheirMenuLines() {
        assertThat(help(PARENT)).contains("/subscribe " + texts.get("command.subscribe")).contains("/forget")
                .doesNotContain("/broadcast").doesNotContain("/stats");
        assertThat(help(STAFF)).contains("/broadcast " + texts.get("command.broadcast")).doesNotContain("/reindex");
        assertThat(help(ADMIN)).contains("/stats").contains("/reindex " + texts.get("command.reindex"))
                .endsWith(replies.doctorNote());
    }

    @Test
    void knowsNoOtherCommand() {
        assertThat(registry.find("dance")).isEmpty();
        assertThat(registry.find("broadcast")).get().extracting(Command::role).isEqualTo(Role.STAFF);
        assertThat(registry.find("reindex")).get().extracting(Command::role).isEqualTo(Role.ADMIN);
    }

    private String help(long user) {
        return registry.find("help").orElseThrow().handler().handle(new Command.Call(user, user, "")).stream()
                .map(method -> ((SendMessage) method).getText())
                .reduce("", String::concat);
    }
}
