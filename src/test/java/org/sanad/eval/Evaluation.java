package org.sanad.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.sanad.ask.Answer;
import org.sanad.ask.AnswerService;
import org.sanad.ask.ReplyComposer;
import org.sanad.knowledge.search.SearchResult;

/** Scores rows the way the evaluation README describes, and prints the numbers and the misses. */
public final class Evaluation {

    /** A share, with the rows that missed. */
    public record Measure(String name, int hits, int total, List<String> misses) {

        public double rate() {
            return total == 0 ? 1.0 : (double) hits / total;
        }

        @Override
        public String toString() {
            return String.format("%-28s %5.1f %%  (%d/%d)", name, 100 * rate(), hits, total);
        }
    }

    private final Map<String, Measure> measures = new LinkedHashMap<>();
    private final String doctorNote;
    private final String urgentAdvice;
    private final String crisisAdvice;

    private Evaluation(String doctorNote, String urgentAdvice, String crisisAdvice) {
        this.doctorNote = doctorNote;
        this.urgentAdvice = urgentAdvice;
        this.crisisAdvice = crisisAdvice;
    }

    /** Scores with the standard texts of {@link TestPipeline#replies()}. */
    public static Evaluation run(AnswerService service, ReplyComposer replies, List<EvalRow> rows) {
        return run(service::answer, replies, rows);
    }

    /** Scores any answerer, such as the plain-Lucene peer of {@link PlainLucenePeer}. */
    public static Evaluation run(Function<String, Answer> answerer, ReplyComposer replies, List<EvalRow> rows) {
        Evaluation evaluation = new Evaluation(replies.doctorNote(), replies.urgentAdvice(), replies.crisisAdvice());
        Map<EvalRow, Answer> answers = new LinkedHashMap<>();
        rows.forEach(row -> answers.put(row, answerer.apply(row.text())));
        evaluation.score(answers);
        return evaluation;
    }

    private void score(Map<EvalRow, Answer> answers) {
        measure("answer top-1", answers, r -> r.kind().equals("answer"), (r, a) -> top(a, r, 1));
        measure("answer top-3", answers, r -> r.kind().equals("answer"), (r, a) -> top(a, r, 3));
        // Answered, but the first passage is not the one asked for: worse than "not covered".
        measure("wrong answers", answers, r -> r.kind().equals("answer"),
                (r, a) -> a.answered() && !top(a, r, 1));
        measure("passages in score order", answers, r -> true, (r, a) -> inScoreOrder(a));
        measure("answer top-1 (regular)", answers, r -> r.kind().equals("answer") && !r.hard(), (r, a) -> top(a, r, 1));
        measure("answer top-1 (hard)", answers, r -> r.kind().equals("answer") && r.hard(), (r, a) -> top(a, r, 1));
        measure("negated answered top-1", answers, r -> r.kind().equals("negated"), (r, a) -> top(a, r, 1));
        measure("mention answered top-1", answers, r -> r.kind().equals("mention"), (r, a) -> top(a, r, 1));
        measure("out-of-scope rejected", answers, r -> r.kind().equals("oos"), (r, a) -> !a.answered());
        measure("oos unrelated rejected", answers, r -> r.kind().equals("oos") && !r.uncovered(), (r, a) -> !a.answered());
        measure("oos uncovered rejected", answers, r -> r.kind().equals("oos") && r.uncovered(), (r, a) -> !a.answered());
        measure("chitchat: no passage", answers, r -> r.kind().equals("chitchat"), (r, a) -> !a.answered());
        measure("emergency recall", answers, r -> r.kind().equals("emergency"), (r, a) -> a.emergency());
        measure("emergency: URGENT or CHECK", answers, r -> r.kind().equals("emergency"),
                (r, a) -> a.emergency() || a.kind() == Answer.Kind.CHECK);
        // The safety net must stay rare: shown as the share of questions that did NOT get CHECK.
        measure("answer questions: no CHECK", answers, r -> r.kind().equals("answer"),
                (r, a) -> a.kind() != Answer.Kind.CHECK);
        measure("ordinary messages: no CHECK", answers,
                r -> r.kind().equals("answer") || r.kind().equals("oos") || r.kind().equals("chitchat"),
                (r, a) -> a.kind() != Answer.Kind.CHECK);
        measure("negated not escalated", answers, r -> r.kind().equals("negated"), (r, a) -> !a.emergency());
        measure("no false alarm", answers,
                r -> r.kind().equals("oos") || r.kind().equals("chitchat") || r.kind().equals("answer") && !r.emergencyEither(),
                (r, a) -> !a.emergency());
        measure("doctor note in reply", answers, r -> true, (r, a) -> a.reply().strip().endsWith(doctorNote));
        measure("escalated: urgent advice first", answers, r -> answers.get(r).emergency(),
                (r, a) -> a.reply().replace("\u200F", "").startsWith(urgentAdvice)
                        || a.kind() == Answer.Kind.CRISIS && a.reply().replace("\u200F", "").startsWith(crisisAdvice));
        for (String dialect : answers.keySet().stream().filter(r -> r.kind().equals("answer")).map(EvalRow::dialect)
                .distinct().sorted().toList()) {
            measure("  top-1 " + dialect, answers, r -> r.kind().equals("answer") && r.dialect().equals(dialect),
                    (r, a) -> top(a, r, 1));
        }
    }

    private void measure(String name, Map<EvalRow, Answer> answers, Predicate<EvalRow> applies,
            java.util.function.BiPredicate<EvalRow, Answer> hit) {
        int hits = 0;
        int total = 0;
        List<String> misses = new ArrayList<>();
        for (Map.Entry<EvalRow, Answer> e : answers.entrySet()) {
            if (!applies.test(e.getKey())) {
                continue;
            }
            total++;
            // A measure of harm (wrong answers) lists the rows that did the harm.
            boolean harm = name.startsWith("wrong");
            if (hit.test(e.getKey(), e.getValue())) {
                hits++;
                if (harm) {
                    misses.add(describe(e.getKey(), e.getValue()));
                }
            } else if (!harm) {
                misses.add(describe(e.getKey(), e.getValue()));
            }
        }
        measures.put(name, new Measure(name, hits, total, misses));
    }

    private static boolean top(Answer answer, EvalRow row, int k) {
        List<org.sanad.ask.Answer.Source> passages = answer.passages();
        for (int i = 0; i < Math.min(k, passages.size()); i++) {
            if (EvalFolding.containsAny(passages.get(i).text(), row.expectAny())) {
                return true;
            }
        }
        return false;
    }

    private static boolean inScoreOrder(Answer answer) {
        List<Answer.Source> passages = answer.passages();
        for (int i = 1; i < passages.size(); i++) {
            if (passages.get(i).score() > passages.get(i - 1).score()) {
                return false;
            }
        }
        return true;
    }

    /** One line for comparing answerers: top-1, top-3, wrong answers, out-of-scope rejected. */
    public String summary() {
        return String.format("top-1 %5.1f %%  top-3 %5.1f %%  wrong %5.1f %% (%d)  oos rejected %5.1f %%",
                100 * get("answer top-1").rate(), 100 * get("answer top-3").rate(), 100 * get("wrong answers").rate(),
                get("wrong answers").hits(), 100 * get("out-of-scope rejected").rate());
    }

    private static String describe(EvalRow row, Answer answer) {
        String got = answer.passages().isEmpty() || answer.kind() == Answer.Kind.CHECK ? answer.kind().name()
                : answer.passages().get(0).id() + " " + preview(answer.passages().get(0).text());
        return row.id() + " [" + row.dialect() + "] «" + row.text() + "» → " + got + (answer.emergency() ? " (emergency)" : "");
    }

    private static String preview(String text) {
        String line = text.replace('\n', ' ');
        return line.length() > 50 ? line.substring(0, 50) + "…" : line;
    }

    public Measure get(String name) {
        return measures.get(name);
    }

    /** The share of a kind of message that got the safety net's CHECK reply (target: at most 10 %). */
    public double checkRate(Measure noCheck) {
        return 1 - noCheck.rate();
    }

    private String checkRate(String messages) {
        Measure noCheck = measures.get(messages + ": no CHECK");
        return noCheck == null || noCheck.total() == 0 ? "" : String.format("%-28s %5.1f %%  (%d/%d)%n",
                "CHECK rate, " + messages, 100 * checkRate(noCheck), noCheck.total() - noCheck.hits(), noCheck.total());
    }

    public String report(String title) {
        StringBuilder out = new StringBuilder("\n=== " + title + " ===\n");
        measures.values().stream().filter(m -> m.total() > 0).forEach(m -> out.append(m).append('\n'));
        out.append(checkRate("answer questions")).append(checkRate("ordinary messages"));
        out.append("--- misses ---\n");
        measures.values().stream().filter(m -> m.total() > 0 && !m.name().startsWith("  ") && !m.misses().isEmpty())
                .forEach(m -> {
                    out.append(m.name()).append(":\n");
                    m.misses().forEach(s -> out.append("   ").append(s).append('\n'));
                });
        return out.toString();
    }
}
