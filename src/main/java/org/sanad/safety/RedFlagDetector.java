package org.sanad.safety;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.sanad.text.ArabicNormalizer;
import org.sanad.text.LanguageResources;
import org.sanad.text.MessageText;
import org.sanad.text.Word;
import org.springframework.stereotype.Component;

/**
 * Finds reports of danger signs after a botulinum toxin injection, on the same normalised text as retrieval
 * and with every word kept (negators decide). The words are data ({@link SafetyLexicon}); the rules are
 * those of the clinic's red-flag policy:
 * <ul>
 * <li>inability or difficulty joined to a body action («ما يقدر يبلع», «بيتنفس بصعوبة», «can't breathe»),
 * a negated action («مبيرضعش»), or a red-flag phrase («ازرق», «مغمى عليه») is a report: urgent;</li>
 * <li>a negator before a red-flag noun («ما عنده ضيق تنفس») or a reassurance after an action («بيتنفس كويس»)
 * is not a report: the answer carries the safety note;</li>
 * <li>a general or hypothetical question («هل يسبب البوتوكس صعوبة في البلع؟») is a mention, unless its
 * clause speaks of the child («ابني», «من امبارح»): a report about the child wins;</li>
 * <li>a caregiver writing of harming themselves or the child is a crisis, whatever else the message says.</li>
 * </ul>
 * When unsure, it escalates.
 */
@Component
public class RedFlagDetector {

    /** Words allowed between an inability («مش قادر») or a difficulty («صعوبة») and its action. */
    private static final int WINDOW = 3;
    /** Words allowed between a negator and what it negates («ما في عنده أي صعوبة»). */
    private static final int NEGATION_REACH = 6;
    /** Negators that can also be a whole answer («لا، …», «no, …»). */
    private static final Set<String> ANSWERS = Set.of("لا", "no", "la");
    private static final Set<String> NOR = Set.of("ولا", "wala", "wla", "nor");

    /** Signs that a child with cerebral palsy often has for years: described as usual, they are a care question. */
    private static final Set<String> HABITUAL = Set.of("swallowing", "feeding");

    /** Words allowed from the first to the last word of a sign («يشوف كل شي اتنين», «his chest sinks in»). */
    private static final int SIGN_SPAN = 5;

    /** Below one known word in four, among at least two words (of three letters or more) outside the signs, a message is noise. */
    private static final int NOISE_WORDS = 2;
    private static final int NOISE_RATIO = 4;
    /**
     * Letters that are rare in what people write (a fifth of Arabic letters, far fewer in English and Arabizi) and
     * make half of random typing: noise has at least three in ten.
     */
    private static final String RARE_LETTERS = "ثجحخذزشصضطظغقqxzjvwk0123456789";
    private static final int RARE_TENTHS = 3;
    /** The filler words search drops and the Latin words it reads, every language here: a parent's sentence has them. */
    private static final Set<String> COMMON = common(LanguageResources.bundled());

    private final SafetyLexicon lexicon;
    private final SignFamilies families;

    public RedFlagDetector() {
        this(SafetyLexicon.bundled(), SignFamilies.bundled());
    }

    RedFlagDetector(SafetyLexicon lexicon) {
        this(lexicon, SignFamilies.bundled());
    }

    RedFlagDetector(SafetyLexicon lexicon, SignFamilies families) {
        for (SignFamilies.Sign sign : families.signs()) {
            if (sign.unless() != null && !lexicon.words().containsKey(sign.unless())) {
                throw new IllegalStateException(sign.source() + ": no section [" + sign.unless() + "] in words.txt");
            }
        }
        this.lexicon = lexicon;
        this.families = families;
    }

    private enum Form { CRISIS, WORD, INABILITY, DIFFICULTY, NEGATED_ACTION, TOPIC, SIGN, LOST_SIGN }

    /** {@code phrase}: the lexicon phrase that matched, when one did; its gaps may hold a denial. */
    private record Hit(String category, Form form, int start, int end, SafetyLexicon.Phrase phrase) {

        Hit(String category, Form form, int start, int end) {
            this(category, form, start, end, null);
        }
    }

    private record Decision(Triage.Level level, String rule, String category) {
    }

    /** One message as the rules read it; {@code cues} remembers which clause has which cue. */
    private record Reading(List<Word> tokens, boolean[] masked, boolean[] signs, Map<String, Boolean> cues) {
    }

    public Triage assess(MessageText message) {
        try {
            return read(message);
        } finally {
            lexicon.forget();
        }
    }

    private Triage read(MessageText message) {
        List<Word> tokens = message.words();
        if (tokens.isEmpty()) {
            return Triage.none();
        }
        boolean[] masked = falseFriends(tokens);
        List<Hit> hits = new ArrayList<>();
        // «أؤذي نفسي»: the false friends («نفسي» = I wish) are false only for red flags.
        collect(lexicon.crisis(), Form.CRISIS, tokens, null, hits);
        collect(lexicon.redFlags(), Form.WORD, tokens, masked, hits);
        collectActions(tokens, masked, hits);
        collectSigns(tokens, masked, hits);
        collectTopics(tokens, masked, hits);
        // «ما عنده ضيق تنفس»: the action inside a red-flag phrase is not a topic of its own.
        hits.removeIf(hit -> hit.form() == Form.TOPIC && hits.stream().anyMatch(other -> other.form() != Form.TOPIC
                && other.start() <= hit.start() && hit.start() < other.end()));
        // «ولا يشوف شي ثنين», «doesn't see double»: a negated action whose complement makes it a sign denies
        // that sign, not the action; «ما نشوفش مليح، كل شي مزغلل» (not well) still reports it.
        hits.removeIf(hit -> hit.form() == Form.NEGATED_ACTION && hits.stream().anyMatch(other ->
                other.form() == Form.SIGN && other.start() == hit.start() && other.end() > hit.end()
                        && !reassuranceWithin(tokens, other.start(), other.end())));
        boolean[] signs = new boolean[tokens.size()];
        hits.forEach(hit -> Arrays.fill(signs, hit.start(), hit.end(), true));
        Reading reading = new Reading(tokens, masked, signs, new HashMap<>());
        List<Decision> decisions = hits.stream().map(hit -> decide(hit, reading)).toList();
        if (selfReport(tokens, masked)) {
            // «أعاني من ضيق تنفس وقلق»: an adult's own symptoms, no child, no injection: out of scope, and
            // answered with the safety note instead of the ambulance advice.
            decisions = decisions.stream().map(d -> d.level() == Triage.Level.URGENT
                    ? new Decision(Triage.Level.MENTION, "self(" + d.rule() + ")", d.category()) : d).toList();
        }
        if (decisions.stream().anyMatch(d -> d.level() == Triage.Level.URGENT)
                && decisions.stream().noneMatch(d -> d.level() == Triage.Level.CRISIS) && noise(tokens, hits)) {
            // Random letters («ظدعف غص بج مهوذلع…») may hold a short real word; around it there is no sentence.
            return new Triage(Triage.Level.NONE, List.of(), "noise");
        }
        return triage(decisions);
    }

    /**
     * Most words of the message, outside its signs, are words of no list Sanad has (neither the filler words
     * search drops nor any word class of the lexicon): a keyboard mash, not a parent writing.
     */
    private static Set<String> common(LanguageResources language) {
        Set<String> out = new HashSet<>(language.stopWords());
        out.addAll(language.latinLexicon().keySet());
        return Set.copyOf(out);
    }

    private boolean noise(List<Word> tokens, List<Hit> hits) {
        boolean[] covered = new boolean[tokens.size()];
        hits.forEach(hit -> Arrays.fill(covered, hit.start(), hit.end(), true));
        int other = 0;
        int known = 0;
        int letters = 0;
        int rare = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Word token = tokens.get(i);
            if (!covered[i]) {
                for (int k = 0; k < token.text().length(); k++) {
                    letters++;
                    rare += RARE_LETTERS.indexOf(token.text().charAt(k)) >= 0 ? 1 : 0;
                }
            }
            // Two letters are a word by chance as often as by intent: they tell a sentence from noise neither way.
            if (covered[i] || token.loose().length() <= 2) {
                continue;
            }
            other++;
            if (COMMON.contains(token.text()) || COMMON.contains(token.loose())
                    || token.bare() != null && COMMON.contains(token.bare()) || lexicon.knows(token)
                    || !families.familiesOf(token).isEmpty()) {
                known++;
            }
        }
        return other >= NOISE_WORDS && known * NOISE_RATIO < other && rare * 10 >= letters * RARE_TENTHS;
    }

    private boolean[] falseFriends(List<Word> tokens) {
        boolean[] masked = new boolean[tokens.size()];
        for (int pos = 0; pos < tokens.size(); pos++) {
            int end = lexicon.endOf("false-friend", tokens, pos, null);
            for (int i = pos; i < end; i++) {
                masked[i] = true;
            }
        }
        return masked;
    }

    // ---- finding

    private void collect(Map<String, List<SafetyLexicon.Phrase>> sections, Form form, List<Word> tokens,
            boolean[] masked, List<Hit> hits) {
        for (Map.Entry<String, List<SafetyLexicon.Phrase>> section : sections.entrySet()) {
            for (int pos = 0; pos < tokens.size(); pos++) {
                for (SafetyLexicon.Phrase phrase : lexicon.startingAt(section.getValue(), tokens.get(pos))) {
                    int end = lexicon.match(phrase, tokens, pos, masked);
                    if (end > pos) {
                        hits.add(new Hit(section.getKey(), form, pos, end, phrase));
                        break;
                    }
                }
            }
        }
    }

    private void collectActions(List<Word> tokens, boolean[] masked, List<Hit> hits) {
        boolean[] inabilityEnds = inabilityEnds(tokens, masked);
        boolean[] difficulty = marks("difficulty", tokens, masked);
        for (Map.Entry<String, List<SafetyLexicon.Phrase>> section : lexicon.words().entrySet()) {
            String name = section.getKey();
            boolean action = name.startsWith("action:");
            // A «capacity» is only reported through inability or difficulty: a child who «doesn't talk» may
            // never have talked.
            boolean capacity = name.startsWith("capacity:");
            if (!action && !capacity) {
                continue;
            }
            String category = name.substring(name.indexOf(':') + 1);
            for (int pos = 0; pos < tokens.size(); pos++) {
                int end = -1;
                for (SafetyLexicon.Phrase phrase : lexicon.startingAt(section.getValue(), tokens.get(pos))) {
                    end = Math.max(end, lexicon.match(phrase, tokens, pos, masked));
                }
                if (end <= pos) {
                    continue;
                }
                Form form = actionForm(tokens, pos, end, inabilityEnds, difficulty, action);
                if (form == Form.DIFFICULTY) {
                    hits.add(new Hit(category, form, difficultyStart(tokens, pos, difficulty), end));
                } else if (form != null) {
                    hits.add(new Hit(category, form, pos, end));
                }
            }
        }
    }

    /**
     * Signs as concepts: what is affected and what is wrong with it, within {@link #SIGN_SPAN} words of one
     * clause («عيونه مزغللة», «can't hold his pee», «صدره بيسحب لجوه»). A part marked lost counts only where the
     * child cannot do it.
     */
    private void collectSigns(List<Word> tokens, boolean[] masked, List<Hit> hits) {
        BitSet[] of = new BitSet[tokens.size()];
        Map<String, BitSet> seen = new HashMap<>();
        boolean anyFamily = false;
        for (int i = 0; i < tokens.size(); i++) {
            Word token = tokens.get(i);
            of[i] = masked[i] ? new BitSet()
                    : seen.computeIfAbsent((token.latin() ? "l:" : "a:") + token.text(), k -> families.familiesOf(token));
            anyFamily |= !of[i].isEmpty();
        }
        if (!anyFamily) {
            return;
        }
        // «دوا ديال الضغط ديال باباه», «dawa el sa5aneh taba3 a5oha»: the particles of a possessive chain add
        // words, not distance; a sign's span counts the others.
        int[] at = new int[tokens.size() + 1];
        for (int i = 0; i < tokens.size(); i++) {
            at[i + 1] = at[i] + (lexicon.is("possessive", tokens.get(i)) ? 0 : 1);
        }
        boolean[] inabilityEnds = null;
        for (SignFamilies.Sign sign : families.signs()) {
            List<SignFamilies.Part> parts = sign.parts();
            SignFamilies.Part first = parts.get(0);
            for (int pos = 0; pos < tokens.size(); pos++) {
                if (!of[pos].get(first.family())) {
                    continue;
                }
                if (first.lost()) {
                    inabilityEnds = inabilityEnds != null ? inabilityEnds : inabilityEnds(tokens, masked);
                    if (!lostAt(tokens, pos, inabilityEnds)) {
                        continue;
                    }
                }
                int start = pos;
                int end = pos + 1;
                // Each part its own word: one short word in two families («بحه») is no sign; idioms are phrases.
                List<Integer> used = new ArrayList<>(List.of(pos));
                boolean all = true;
                for (int k = 1; k < parts.size() && all; k++) {
                    SignFamilies.Part part = parts.get(k);
                    int found = -1;
                    for (int d = 0; d < tokens.size() && found < 0; d++) {
                        if (Math.abs(at[Math.min(tokens.size(), pos + d)] - at[pos]) > SIGN_SPAN
                                && at[pos] - at[Math.max(0, pos - d)] > SIGN_SPAN) {
                            break;
                        }
                        for (int word : new int[] {pos - d, pos + d}) {
                            if (found < 0 && word >= 0 && word < tokens.size() && of[word].get(part.family())
                                    && !used.contains(word)
                                    && tokens.get(word).clause() == tokens.get(pos).clause()
                                    && at[Math.max(end, word + 1)] - at[Math.min(start, word)] <= SIGN_SPAN + 1) {
                                if (part.lost()) {
                                    inabilityEnds = inabilityEnds != null ? inabilityEnds : inabilityEnds(tokens, masked);
                                    if (!lostAt(tokens, word, inabilityEnds) && !negatedAcross(tokens, word, used)) {
                                        continue;
                                    }
                                }
                                found = word;
                            }
                        }
                    }
                    if (found < 0) {
                        all = false;
                    } else {
                        used.add(found);
                        start = Math.min(start, found);
                        end = Math.max(end, found + 1);
                    }
                }
                if (all && sign.unless() != null && scan(sign.unless(), tokens, tokens.get(pos).clause(), masked)) {
                    continue;
                }
                if (all) {
                    hits.add(new Hit(sign.category(), sign.lost() ? Form.LOST_SIGN : Form.SIGN, start, end));
                    break;
                }
            }
        }
    }

    /** The child cannot do what this word says: «مش قادر يمسك», «مبيمسكش», «ما يمسك», «can't hold». */
    private boolean lostAt(List<Word> tokens, int pos, boolean[] inabilityEnds) {
        Word token = tokens.get(pos);
        int clause = token.clause();
        // «مش قادرة اقعد», «I can't stand it»: the parent's own inability is no sign.
        if (!token.latin() && token.loose().startsWith("ا") && !token.loose().startsWith("ال")
                && !token.loose().startsWith("ات") && !token.loose().startsWith("ان")) {
            return false;
        }
        for (int j = pos - 1; j >= Math.max(0, pos - 3) && tokens.get(j).clause() == clause; j--) {
            if (lexicon.is("first-person", tokens.get(j))) {
                return false;
            }
        }
        // «الحليب مش بينزل عندي»: the parent's own milk, not the child's swallowing.
        if (pos + 1 < tokens.size() && tokens.get(pos + 1).clause() == clause
                && lexicon.is("first-person-after", tokens.get(pos + 1))) {
            return false;
        }
        for (int j = pos - 1; j >= Math.max(0, pos - 1 - WINDOW) && tokens.get(j).clause() == clause; j--) {
            if (inabilityEnds[j]) {
                return true;
            }
        }
        return inabilityEnds[pos] || token.fusedNegation() || token.joinedNegator()
                || negatorBefore(tokens, pos, 2, "aspect");
    }

    private boolean reassuranceWithin(List<Word> tokens, int start, int end) {
        for (int j = start; j < end; j++) {
            if (lexicon.is("reassurance", tokens.get(j))) {
                return true;
            }
        }
        return false;
    }

    /** A reassurance among the words of a sign with a negator just before it, in its clause. */
    private boolean negatedReassuranceWithin(List<Word> tokens, int start, int end) {
        for (int j = start; j < end; j++) {
            if (!lexicon.is("reassurance", tokens.get(j))) {
                continue;
            }
            for (int k = j - 1; k >= Math.max(0, j - 2) && tokens.get(k).clause() == tokens.get(j).clause(); k--) {
                if (isNegator(tokens, k)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** «no bladder control», «مفيش بول تحكم»: the negator stands before the sign's other word, just before this one. */
    private boolean negatedAcross(List<Word> tokens, int at, List<Integer> used) {
        return at >= 2 && used.contains(at - 1) && tokens.get(at - 2).clause() == tokens.get(at).clause()
                && isNegator(tokens, at - 2);
    }

    /** A negator inside a sign that is no word of it: «عيونه مش مزغللة», «eyelids aren't drooping». */
    private boolean deniedInside(Hit hit, List<Word> tokens) {
        for (int j = hit.start() + 1; j < hit.end(); j++) {
            if (!isNegator(tokens, j)) {
                continue;
            }
            Word token = tokens.get(j);
            if (token.latin() && token.loose().equals("la") && j + 1 == hit.end() - 1) {
                // «sadrha byfout la jowwa»: Arabizi «la» before the sign's last word is «to» (لـ), no «no».
                continue;
            }
            if (hit.phrase() == null || hit.phrase().words().stream().noneMatch(p -> p.matches(token))) {
                return true;
            }
        }
        return false;
    }

    /** Sign words named alone («حساسية», «تورم»): a mention, or a denial when negated. */
    private void collectTopics(List<Word> tokens, boolean[] masked, List<Hit> hits) {
        for (Map.Entry<String, List<SafetyLexicon.Phrase>> section : lexicon.words().entrySet()) {
            if (!section.getKey().startsWith("topic:")) {
                continue;
            }
            String category = section.getKey().substring("topic:".length());
            for (int pos = 0; pos < tokens.size(); pos++) {
                for (SafetyLexicon.Phrase phrase : lexicon.startingAt(section.getValue(), tokens.get(pos))) {
                    int end = lexicon.match(phrase, tokens, pos, masked);
                    if (end > pos) {
                        hits.add(new Hit(category, Form.TOPIC, pos, end));
                        break;
                    }
                }
            }
        }
    }

    private Form actionForm(List<Word> tokens, int start, int end, boolean[] inabilityEnds, boolean[] difficulty,
            boolean negatable) {
        int clause = tokens.get(start).clause();
        for (int j = start - 1; j >= Math.max(0, start - 1 - WINDOW) && tokens.get(j).clause() == clause; j--) {
            if (inabilityEnds[j]) {
                return Form.INABILITY;
            }
        }
        if (difficultyStart(tokens, start, difficulty) < start || difficultyAfter(tokens, end, difficulty)) {
            return Form.DIFFICULTY;
        }
        if (negatable && (tokens.get(start).fusedNegation() || tokens.get(start).joinedNegator()
                || negatorBefore(tokens, start, 2, "aspect"))) {
            return Form.NEGATED_ACTION;
        }
        for (int i = start; i < end; i++) {
            if (lexicon.is("topic", tokens.get(i))) {
                return Form.TOPIC;
            }
        }
        return null;
    }

    /** Where a difficulty word before the action starts («صعوبة في البلع»), or the action's own start. */
    private int difficultyStart(List<Word> tokens, int start, boolean[] difficulty) {
        int clause = tokens.get(start).clause();
        int found = -1;
        for (int j = start - 1; j >= Math.max(0, start - 1 - WINDOW) && tokens.get(j).clause() == clause; j--) {
            if (difficulty[j]) {
                found = j;
            }
        }
        return found >= 0 ? found : start;
    }

    private boolean difficultyAfter(List<Word> tokens, int end, boolean[] difficulty) {
        if (end >= tokens.size()) {
            return false;
        }
        int clause = tokens.get(end - 1).clause();
        for (int j = end; j < Math.min(tokens.size(), end + WINDOW + 1) && tokens.get(j).clause() == clause; j++) {
            if (difficulty[j]) {
                return true;
            }
            // «تنفسه طبيعي ولا يعاني من أي ضيق»: past a reassurance or a negator, the difficulty is denied.
            if (isNegator(tokens, j) || lexicon.is("reassurance", tokens.get(j))) {
                return false;
            }
        }
        return false;
    }

    /** Words that end an inability: «مش قادر», «ما عم يقدر», «مقدرش», «unable», «can't». */
    private boolean[] inabilityEnds(List<Word> tokens, boolean[] masked) {
        boolean[] ends = new boolean[tokens.size()];
        for (int pos = 0; pos < tokens.size(); pos++) {
            int end = lexicon.endOf("inability", tokens, pos, masked);
            if (end > pos) {
                ends[end - 1] = true;
            }
            Word token = tokens.get(pos);
            if (lexicon.is("ability", token) && (token.fusedNegation() || token.joinedNegator()
                    || negatorBefore(tokens, pos, 2, "aspect", "filler"))) {
                ends[pos] = true;
            }
            if (lexicon.is("ability-before-verb", token) && pos + 1 < tokens.size()
                    && tokens.get(pos + 1).clause() == token.clause() && tokens.get(pos + 1).presentVerb()
                    && negatorBefore(tokens, pos, 1, "aspect")) {
                ends[pos] = true;
            }
        }
        return ends;
    }

    private boolean[] marks(String section, List<Word> tokens, boolean[] masked) {
        boolean[] marks = new boolean[tokens.size()];
        for (int pos = 0; pos < tokens.size(); pos++) {
            int end = lexicon.endOf(section, tokens, pos, masked);
            for (int i = pos; i < end; i++) {
                marks[i] = true;
            }
        }
        return marks;
    }

    private boolean negatorBefore(List<Word> tokens, int start, int reach, String... skippable) {
        return negatorBefore(tokens, start, reach, null, skippable);
    }

    /**
     * {@code signs} is given when the negator would deny a sign («ما عنده ضيق تنفس»), not make an inability:
     * then other signs may stand between («لا يوجد أي تورم أو حساسية»).
     */
    private boolean negatorBefore(List<Word> tokens, int start, int reach, boolean[] signs, String... skippable) {
        boolean denial = signs != null;
        int clause = tokens.get(start).clause();
        int skipped = 0;
        for (int j = start - 1; j >= 0 && tokens.get(j).clause() == clause; j--) {
            Word token = tokens.get(j);
            if (isNegator(tokens, j)) {
                // «لا ابني عنده صعوبة»: a «no» that answers, before the child, negates nothing.
                if (ANSWERS.contains(token.loose()) && lexicon.endOf("child", tokens, j + 1, null) > j + 1) {
                    return false;
                }
                // «ولا» negates only after a negation («لا حرارة ولا صعوبة», «ما ياكل ولا يشرب»); alone it is
                // «or» («يكون صايم ولا ياكل عادي؟») or the Maghrebi «became» («ولدي ولا مرخي»).
                // Before «يقدر», and outside a question, it is «and not» («يكتم ولا يقدر ياخذ نفسه», «فاقد للوعي
                // ولا يستجيب»).
                return !NOR.contains(token.loose()) || (denial ? negatedEarlier(tokens, j)
                        : lexicon.is("ability", tokens.get(start)) || anyNegatorEarlier(tokens, j)
                                || !question(tokens, j));
            }
            // The denied signs before this one are free («لا يعاني من أي ضعف عام أو صعوبة في رفع رأسه»): a list of
            // denials is as long as it is.
            if (denial && signs[j]) {
                continue;
            }
            boolean skip = false;
            for (String section : skippable) {
                skip |= lexicon.is(section, token);
            }
            if (!skip || ++skipped > reach) {
                return false;
            }
        }
        return false;
    }

    /** A question word in this clause or the one before: «واش لازم يكون صايم ولا ياكل عادي». */
    private boolean question(List<Word> tokens, int at) {
        int clause = tokens.get(at).clause();
        for (int j = at - 1; j >= 0 && tokens.get(j).clause() >= clause - 1; j--) {
            if (lexicon.is("question", tokens.get(j))) {
                return true;
            }
        }
        return false;
    }

    /**
     * «ما ياكل، ولا يشرب», «ولا بياكل ولا بيشرب»: for an action, a negator of its clause or the one before, an
     * earlier «ولا» too, opens the neither-nor.
     */
    private boolean anyNegatorEarlier(List<Word> tokens, int before) {
        int clause = tokens.get(before).clause();
        for (int j = before - 1; j >= 0 && tokens.get(j).clause() >= clause - 1; j--) {
            if (isNegator(tokens, j)) {
                return true;
            }
        }
        return false;
    }

    private boolean negatedEarlier(List<Word> tokens, int before) {
        for (int j = 0; j < before; j++) {
            if (isNegator(tokens, j) && !NOR.contains(tokens.get(j).loose())) {
                return true;
            }
        }
        return false;
    }

    private boolean isNegator(List<Word> tokens, int j) {
        Word token = tokens.get(j);
        if (j > 0 && (token.loose().equals("ما") || token.loose().equals("ma")) && lexicon.is("not-negator-before-ma", tokens.get(j - 1))) {
            // «كل ما تشرب» (whenever she drinks), «بعد ما أخد الحقنة» (after he had it): no negation.
            return false;
        }
        return lexicon.is("negator", token) || token.fusedNegation() && !lexicon.is("ability", token)
                && !lexicon.is("preference", token);
    }

    // ---- deciding

    private Decision decide(Hit hit, Reading reading) {
        List<Word> tokens = reading.tokens();
        String what = switch (hit.form()) {
            case CRISIS -> "crisis:" + hit.category();
            case WORD -> "word:" + hit.category();
            case INABILITY -> "inability+" + hit.category();
            case DIFFICULTY -> "difficulty+" + hit.category();
            case NEGATED_ACTION -> "negated-action+" + hit.category();
            case TOPIC -> "topic:" + hit.category();
            case SIGN -> "sign:" + hit.category();
            case LOST_SIGN -> "inability+sign:" + hit.category();
        };
        if (hit.form() == Form.CRISIS) {
            return new Decision(Triage.Level.CRISIS, what, hit.category());
        }
        boolean negatable = hit.form() == Form.WORD || hit.form() == Form.DIFFICULTY || hit.form() == Form.TOPIC
                || hit.form() == Form.SIGN;
        if (hit.form() == Form.SIGN && negatedReassuranceWithin(tokens, hit.start(), hit.end())) {
            // «ما نشوفش مليح كل شي مزغلل»: the negator denies the «well», and the sign stands.
            return new Decision(Triage.Level.URGENT, "unwell(" + what + ")", hit.category());
        }
        if ((hit.form() == Form.WORD || hit.form() == Form.SIGN) && deniedInside(hit, tokens)) {
            return new Decision(Triage.Level.NEGATED, "negated(" + what + ")", hit.category());
        }
        if (negatable && negatorBefore(tokens, hit.start(), NEGATION_REACH, reading.signs(), "filler", "aspect", "child")) {
            return new Decision(Triage.Level.NEGATED, "negated(" + what + ")", hit.category());
        }
        if (negatable && deniedAfter(tokens, hit.end())) {
            return new Decision(Triage.Level.NEGATED, "denied(" + what + ")", hit.category());
        }
        if (hit.form() == Form.TOPIC && unwellAfter(tokens, hit.end())) {
            // «breathing مش كويس»: a denied reassurance is a report.
            return new Decision(Triage.Level.URGENT, "unwell(" + what + ")", hit.category());
        }
        if (hit.form() == Form.TOPIC) {
            return reassuredAfter(tokens, hit.end())
                    ? new Decision(Triage.Level.NEGATED, "reassured(" + what + ")", hit.category())
                    : new Decision(Triage.Level.MENTION, what, hit.category());
        }
        int clause = tokens.get(hit.start()).clause();
        if (has("joy", reading, clause) && !LIFE_THREATENING_EVEN_IN_JOY.contains(hit.category())) {
            // «جسمه كله نط من الفرحة», «she couldn't breathe from laughing»: an emotion said as the body's.
            return new Decision(Triage.Level.NONE, "joy(" + what + ")", hit.category());
        }
        if ((hit.form() == Form.WORD || hit.form() == Form.SIGN) && treated(tokens, hit, reading)) {
            return new Decision(Triage.Level.MENTION, "treated(" + what + ")", hit.category());
        }
        // A named sign («لو صار ضيق تنفس», «لو ابني اتخنق») in a hypothetical clause is asked about, not seen; a
        // lost body action («اذا ابني ما عم يقدر يبلع») may be both, and escalates when the child is named.
        boolean sign = hit.form() == Form.WORD || hit.form() == Form.DIFFICULTY || hit.form() == Form.SIGN;
        if (sign && hypothetical(reading, clause)) {
            return new Decision(Triage.Level.MENTION, "hypothetical(" + what + ")", hit.category());
        }
        if (hit.form() == Form.LOST_SIGN && has("chronic", reading, clause) && !worse(reading)) {
            // «he can't stand on his own yet»: a milestone not reached, no sign at all.
            return new Decision(Triage.Level.NONE, "chronic(" + what + ")", hit.category());
        }
        if (sign && has("chronic", reading, clause) && !worse(reading)) {
            return new Decision(Triage.Level.MENTION, "chronic(" + what + ")", hit.category());
        }
        if (sign && HABITUAL.contains(hit.category()) && has("habitual", reading, clause) && !recent(reading)) {
            // «ويشرق بالاكل دايم»: a feeding trait asked about; after the injection or now it is still a sign.
            return new Decision(Triage.Level.MENTION, "habitual(" + what + ")", hit.category());
        }
        if ((hypothetical(reading, clause) || has("general", reading, clause)) && !has("report", reading, clause)) {
            return new Decision(Triage.Level.MENTION, "general(" + what + ")", hit.category());
        }
        Subject subject = subject(hit, reading);
        if (subject != Subject.UNKNOWN && subject != Subject.CHILD) {
            // «my husband has asthma, he can't breathe at night», «انا ما نجمش نتنفس من الهم»: a sign of someone
            // else than the child is out of Sanad's scope; answered with the safety note.
            return new Decision(Triage.Level.MENTION, subject.name().toLowerCase() + "(" + what + ")", hit.category());
        }
        return new Decision(Triage.Level.URGENT, what, hit.category());
    }

    /** The message places something after the injection, or now («من بعد الإبرة», «من امبارح», «right now»). */
    private boolean recent(Reading reading) {
        return anywhere("onset", reading, reading.masked()) || anywhere("now", reading, reading.masked())
                || anywhere("after-injection", reading, reading.masked());
    }

    /** «قبل سنة كان عنده صعوبة بلع، واليوم رجعت أسوأ»: a history the message says is back or worse is a report. */
    private boolean worse(Reading reading) {
        return anywhere("worse", reading, reading.masked());
    }

    /** Blue lips or a child who will not wake are never joy: a breath-holding spell after laughing is still one. */
    private static final Set<String> LIFE_THREATENING_EVEN_IN_JOY = Set.of("cyanosis", "consciousness");
    /** Words allowed between what a treatment does («for», «يعالج») and the sign it treats («for his drooling»). */
    private static final int TREATS_REACH = 2;

    /**
     * The sign is what the treatment is for, in a clause that names the treatment: «is botox used for his drooling?»,
     * «البوتوكس بيعالج الريالة؟», «هل الابرة للريالة».
     */
    private boolean treated(List<Word> tokens, Hit hit, Reading reading) {
        int clause = tokens.get(hit.start()).clause();
        if (!has("injected", reading, clause) && !has("product", reading, clause)) {
            return false;
        }
        if (!tokens.get(hit.start()).latin() && tokens.get(hit.start()).text().startsWith("لل")) {
            return true;
        }
        for (int j = hit.start() - 1; j >= Math.max(0, hit.start() - 1 - TREATS_REACH)
                && tokens.get(j).clause() == clause; j--) {
            if (lexicon.is("treats", tokens.get(j))) {
                return true;
            }
        }
        return false;
    }

    /** Whom a sign is said of, as far as the words tell; when they do not tell, it is the child's. */
    private enum Subject { CHILD, PARENT, ADULT, UNKNOWN }

    /** Clauses before a sign's own where its subject may be named («my husband has asthma, he can't breathe»). */
    private static final int SUBJECT_CLAUSES = 2;
    /** Words before a sign where its subject may be named: a sentence or two, however long a clause runs. */
    private static final int SUBJECT_WORDS = 24;

    /** Whether the message names an adult or the parent's «I» at all: most name none, and their signs are the child's. */
    private boolean anyoneButTheChild(Reading reading) {
        return anywhere("people", reading, null);
    }

    /**
     * The nearest person named before the sign, in its clause or the two before. The child named in the sign's
     * clause wins; another adult («زوجي», «my husband», «ابوه») is the subject when their gender fits the verbs and
     * pronouns on the way («امه تعبانة وهو ما يقدر يبلع» is the child's), unless someone is said to notice or say it
     * («امي لاحظت انه…»), an Arabic pronoun changes the subject («ابوه نايم وهو بيتشنج»), or the injection stands
     * between; the parent's own «انا», «I» only in the sign's clause with no verb or pronoun of the child's, unquoted.
     */
    private Subject subject(Hit hit, Reading reading) {
        List<Word> tokens = reading.tokens();
        int clause = tokens.get(hit.start()).clause();
        if (!anyoneButTheChild(reading)) {
            return Subject.UNKNOWN;
        }
        if (has("child", reading, clause)) {
            return Subject.CHILD;
        }
        // The verbs of the sign's clause and the pronouns met on the way back: «she» is no husband, «يقدر» no mother.
        Gender said = Gender.of(verbGender(tokens, Math.max(firstOf(tokens, clause), hit.start() - 1 - WINDOW), clause));
        // «ابوه شرب دوا الضغط»: an adult opening the sign is who drank, not whose medicine it was.
        if (hit.end() - hit.start() > 1) {
            Subject adult = adultAt(tokens, hit.start(), reading, said);
            if (adult == Subject.ADULT) {
                return adult;
            }
        }
        boolean childVerb = false;
        for (int j = hit.start() - 1; j >= Math.max(0, hit.start() - SUBJECT_WORDS)
                && tokens.get(j).clause() >= clause - SUBJECT_CLAUSES; j--) {
            Word token = tokens.get(j);
            if (lexicon.endOf("witness", tokens, j, reading.masked()) > j || lexicon.is("switch", token)) {
                return Subject.UNKNOWN;
            }
            Subject adult = adultAt(tokens, j, reading, said);
            if (adult != null) {
                return adult;
            }
            if (lexicon.endOf("child", tokens, j, null) > j || lexicon.endOf("injected", tokens, j, null) > j) {
                return Subject.UNKNOWN;
            }
            if (lexicon.is("first-person", token)) {
                return token.clause() == clause && !childVerb && !childNamedAfter(tokens, hit, clause)
                        && !quoted(tokens, j, clause) ? Subject.PARENT : Subject.UNKNOWN;
            }
            said = said.and(lexicon.is("he", token) ? Gender.HE : lexicon.is("she", token) ? Gender.SHE : Gender.ANY);
            // A pronoun («he», «انه», «عنده») stands for the nearest person named before it: no stop for an adult,
            // but no longer the parent's «I».
            childVerb |= token.clause() == clause && (thirdPerson(token) || lexicon.endOf("other", tokens, j, null) > j);
        }
        return Subject.UNKNOWN;
    }

    /** Whom the words so far may be of: a man, a woman, either, or both (then no one adult). */
    private enum Gender {
        ANY, HE, SHE, BOTH;

        static Gender of(int verbs) {
            return verbs == 0 ? ANY : verbs == 1 ? HE : verbs == 2 ? SHE : BOTH;
        }

        Gender and(Gender other) {
            return this == ANY ? other : other == ANY || other == this ? this : BOTH;
        }

        boolean fits(Gender adult) {
            return this == ANY || adult == ANY || this == adult;
        }
    }

    /**
     * The Arabic verbs of a clause from a sign on, as bits: 1 a verb of «he» («يقدر», «بيتنفس»), 2 of «she»
     * («بتتنفس», «تقدر»). A bare «ت» opens nouns too («تنفس»): only the aspect prefixes and [she-verb] tell «she».
     */
    private int verbGender(List<Word> tokens, int start, int clause) {
        int bits = 0;
        for (int j = start; j < tokens.size() && tokens.get(j).clause() == clause; j++) {
            Word token = tokens.get(j);
            if (lexicon.is("she-verb", token)) {
                bits |= 2;
            } else if (thirdPerson(token)) {
                String word = stem(token);
                bits |= HE_OPENINGS.stream().anyMatch(word::startsWith) ? 1
                        : SHE_OPENINGS.stream().anyMatch(word::startsWith) ? 2 : 0;
            }
        }
        return bits;
    }

    private static final List<String> HE_OPENINGS = List.of("ي", "بي", "مي", "مبي", "كي", "عمي");
    private static final List<String> SHE_OPENINGS = List.of("بت", "مبت", "كت", "عمت");

    /**
     * An adult named at this word whose gender fits what the words say of the sign's subject: a spouse or parent
     * always; a brother or sister only when the child is named too.
     */
    private Subject adultAt(List<Word> tokens, int j, Reading reading, Gender said) {
        Gender adult = lexicon.endOf("adult-he", tokens, j, null) > j ? Gender.HE
                : lexicon.endOf("adult-she", tokens, j, null) > j ? Gender.SHE
                : lexicon.endOf("adult-any", tokens, j, null) > j ? Gender.ANY : null;
        if (adult != null) {
            return said.fits(adult) ? Subject.ADULT : Subject.UNKNOWN;
        }
        Gender relative = lexicon.endOf("relative-he", tokens, j, null) > j ? Gender.HE
                : lexicon.endOf("relative-she", tokens, j, null) > j ? Gender.SHE : null;
        if (relative != null) {
            return childNamed(reading) && said.fits(relative) ? Subject.ADULT : Subject.UNKNOWN;
        }
        return null;
    }

    private boolean childNamed(Reading reading) {
        return anywhere("child", reading, null);
    }

    /** The child's words quoted: «he keeps saying mama I can't breathe», «يقولي ماما ما نقدرش نتنفس». */
    private boolean quoted(List<Word> tokens, int before, int clause) {
        for (int j = before - 1; j >= 0 && tokens.get(j).clause() >= clause - 1; j--) {
            if (lexicon.endOf("witness", tokens, j, null) > j || lexicon.is("vocative", tokens.get(j))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The child as the sign's subject or object: a verb of he or she from the sign to the end of its clause
     * («بيتنفس», «ما نقدر نصحيه»), a word for a child («we can't wake our son»), or a pronoun in the sign or just
     * after it («we can't wake him»; not «I can't breathe since his diagnosis»).
     */
    private boolean childNamedAfter(List<Word> tokens, Hit hit, int clause) {
        for (int j = hit.start(); j < tokens.size() && tokens.get(j).clause() == clause; j++) {
            Word token = tokens.get(j);
            if (thirdPerson(token) || j <= hit.end() && lexicon.endOf("other", tokens, j, null) > j
                    || lexicon.is("child-noun", token) || !token.latin() && OBJECT.matcher(token.loose()).find()) {
                return true;
            }
        }
        return false;
    }

    /** A verb with the child as its object: «نصحيه», «اصحيها», «نرضعهم». */
    private static final java.util.regex.Pattern OBJECT = java.util.regex.Pattern.compile("^[انت].{2,}(ه|ها|هم|و)$");

    /** «يقدر», «بيتنفس», «مبيبلعش», «تقدر»: a verb of he or she (or you), never the parent's «اقدر», «نتنفس». */
    private static boolean thirdPerson(Word token) {
        if (token.latin()) {
            return false;
        }
        String word = stem(token);
        for (String opening : THIRD_PERSON) {
            if (word.length() >= Math.max(4, opening.length() + 2) && word.startsWith(opening)) {
                return true;
            }
        }
        return false;
    }

    private static String stem(Word token) {
        return token.bare() != null && !token.loose().startsWith("ي") ? token.bare() : token.loose();
    }

    /** How a verb of he or she opens, with its aspect and negation joined: «ي», «بي», «بت», «مي», «مبي», «عمي». */
    private static final List<String> THIRD_PERSON = List.of("ي", "ت", "بي", "بت", "مي", "مت", "مبي", "مبت", "كي",
            "كت", "مات", "عمي", "عمت");

    /** A clause that opens with a condition («لو», «اذا», «if») or asks what to do if. */
    private boolean hypothetical(Reading reading, int clause) {
        return reading.cues().computeIfAbsent("conditional@" + clause, k -> {
            List<Word> tokens = reading.tokens();
            int first = firstOf(tokens, clause);
            return first >= 0 && lexicon.endOf("conditional", tokens, first, reading.masked()) > first;
        }) || has("hypothetical", reading, clause);
    }

    private boolean selfReport(List<Word> tokens, boolean[] masked) {
        boolean self = false;
        for (int j = 0; j < tokens.size(); j++) {
            if (lexicon.endOf("other", tokens, j, masked) > j) {
                return false;
            }
            self |= lexicon.endOf("self", tokens, j, masked) > j;
        }
        return self;
    }

    /**
     * Whether the message holds a cue of {@code section} anywhere; asked once per message. {@code masked} words (read
     * as false friends) are skipped, or none with null.
     */
    private boolean anywhere(String section, Reading reading, boolean[] masked) {
        return reading.cues().computeIfAbsent(section + "@message", k -> {
            for (int j = 0; j < reading.tokens().size(); j++) {
                if (lexicon.endOf(section, reading.tokens(), j, masked) > j) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Whether a clause holds a cue of {@code section}; asked once per clause, however many signs it holds. */
    private boolean has(String section, Reading reading, int clause) {
        return reading.cues().computeIfAbsent(section + "@" + clause,
                k -> scan(section, reading.tokens(), clause, reading.masked()));
    }

    private boolean scan(String section, List<Word> tokens, int clause, boolean[] masked) {
        int first = firstOf(tokens, clause);
        for (int j = Math.max(0, first); first >= 0 && j < tokens.size() && tokens.get(j).clause() == clause; j++) {
            if (lexicon.endOf(section, tokens, j, masked) > j) {
                return true;
            }
        }
        return false;
    }

    /** The first word of a clause, or -1: a message's words come clause by clause. */
    private static int firstOf(List<Word> tokens, int clause) {
        int low = 0;
        int high = tokens.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (tokens.get(middle).clause() < clause) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low < tokens.size() && tokens.get(low).clause() == clause ? low : -1;
    }

    /** «صعوبة بلع؟ لا الحمد لله»: only denials and reassurance follow, to the end of the message. */
    private boolean deniedAfter(List<Word> tokens, int end) {
        if (end >= tokens.size() || tokens.size() - end > 5) {
            return false;
        }
        boolean denied = false;
        for (int j = end; j < tokens.size(); j++) {
            Word token = tokens.get(j);
            if (isNegator(tokens, j) && j + 1 < tokens.size() && lexicon.is("reassurance", tokens.get(j + 1))) {
                return false;
            }
            if (isNegator(tokens, j)) {
                denied = true;
            } else if (!lexicon.is("reassurance", token) && !lexicon.is("thanks", token)
                    && !lexicon.is("filler", token)) {
                return false;
            }
        }
        return denied;
    }

    /** «تنفسه مش طبيعي», «breathing not normal». */
    private boolean unwellAfter(List<Word> tokens, int end) {
        int clause = tokens.get(end - 1).clause();
        for (int j = end; j + 1 < Math.min(tokens.size(), end + WINDOW + 1) && tokens.get(j).clause() == clause; j++) {
            if (isNegator(tokens, j) && tokens.get(j + 1).clause() == clause
                    && lexicon.is("reassurance", tokens.get(j + 1))) {
                return true;
            }
        }
        return false;
    }

    /** «بيتنفس كويس», «بلعه طبيعي الحمد لله». */
    private boolean reassuredAfter(List<Word> tokens, int end) {
        int clause = tokens.get(end - 1).clause();
        for (int j = end; j < Math.min(tokens.size(), end + WINDOW) && tokens.get(j).clause() == clause; j++) {
            if (lexicon.endOf("reassurance", tokens, j, null) > j || lexicon.endOf("thanks", tokens, j, null) > j) {
                return true;
            }
        }
        return false;
    }

    private static Triage triage(List<Decision> decisions) {
        if (decisions.isEmpty()) {
            return Triage.none();
        }
        boolean crisis = decisions.stream().anyMatch(d -> d.level() == Triage.Level.CRISIS);
        Triage.Level level = crisis ? Triage.Level.CRISIS
                : decisions.stream().map(Decision::level).max(Enum::compareTo).orElseThrow();
        TreeSet<String> categories = new TreeSet<>();
        TreeSet<String> rules = new TreeSet<>();
        for (Decision decision : decisions) {
            // A crisis that also reports a red flag keeps the red flag: the reply opens with the urgent advice.
            if (decision.level() == level || crisis && decision.level() == Triage.Level.URGENT) {
                categories.add(decision.category());
                rules.add(decision.rule());
            }
        }
        return new Triage(level, List.copyOf(categories), String.join(",", rules));
    }
}
