package org.sanad.telegram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sanad.ask.ReplyComposer;
import org.sanad.staff.Role;
import org.sanad.staff.Roles;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;

/**
 * Every command Sanad knows, in menu order. The command menu of each role, /help and the update handler all read
 * it, so a command is added in one place and appears everywhere.
 */
@Component
class CommandRegistry {

    /** What Telegram accepts as a command name. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,32}");

    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final Roles roles;
    private final TelegramTexts texts;
    private final ReplyComposer replies;
    private final AnswerMessages messages;

    CommandRegistry(ParentCommands parents, ClinicCommands clinic, StaffCommands staff, Roles roles,
            TelegramTexts texts, ReplyComposer replies, AnswerMessages messages) {
        this.roles = roles;
        this.texts = texts;
        this.replies = replies;
        this.messages = messages;
        List<Command> all = new ArrayList<>();
        all.add(parents.start());
        all.add(new Command("help", texts.get("command.help"), Role.EVERYONE, this::help));
        all.addAll(parents.subscriptions());
        all.addAll(clinic.commands());
        List<Command> staffCommands = new ArrayList<>(staff.commands());
        staffCommands.add(1, clinic.close());
        all.addAll(staffCommands);
        all.forEach(this::add);
    }

    private void add(Command command) {
        if (!NAME.matcher(command.name()).matches()) {
            throw new IllegalStateException("Telegram refuses the command name /" + command.name());
        }
        if (commands.putIfAbsent(command.name(), command) != null) {
            throw new IllegalStateException("two commands are called /" + command.name());
        }
    }

    Optional<Command> find(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    /** The commands someone with {@code role} may use, in menu order. */
    List<Command> visibleTo(Role role) {
        return commands.values().stream().filter(command -> role.includes(command.role())).toList();
    }

    /** How to ask, and the commands this user may use. */
    private List<BotApiMethod<?>> help(Command.Call call) {
        StringBuilder help = new StringBuilder(texts.get("help.intro"));
        for (Command command : visibleTo(roles.of(call.userId()))) {
            help.append("\n/").append(command.name()).append(' ').append(command.description());
        }
        help.append("\n\n").append(texts.get("help.groups")).append("\n\n").append(replies.doctorNote());
        var clinic = messages.talkToClinicRow();
        return new ArrayList<>(messages.plain(call.chatId(), help.toString(),
                clinic == null ? null : new org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup(
                        List.of(clinic))));
    }
}
