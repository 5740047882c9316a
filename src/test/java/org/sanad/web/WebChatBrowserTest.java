package org.sanad.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sanad.ask.Answer;
import org.sanad.ask.AnswerService;
import org.sanad.ask.ReplyComposer;
import org.sanad.safety.RedFlagDetector;
import org.sanad.safety.Triage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The web chat as a parent uses it, in real headless Chromium against the real app on a random port.
 *
 * <p>Uses Debian's {@code chromium} and {@code chromium-driver} when they are installed ({@code .ci/run} installs
 * them), and otherwise whatever Chrome Selenium Manager finds or downloads. With neither this test fails rather than
 * skips, so that CI can never pass without having looked at the page.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "sanad.knowledge.index-dir=target/web-chat-test/index",
        "spring.datasource.url=jdbc:h2:mem:web-chat-test;DB_CLOSE_DELAY=-1"})
class WebChatBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final String QUESTION = "ما فوائد البوتوكس للطفل؟";
    private static final String UNCOVERED_QUESTION = "كم سعر حقنة البوتوكس في العيادة؟";
    private static final String EMERGENCY = "ابني أخذ حقنة البوتوكس أمس واليوم لا يستطيع البلع ويختنق";
    private static final String MARKUP = "<script>alert(1)</script><img src=x onerror=alert(2)>";

    private static ChromeDriverService service;
    private static ChromeDriver browser;
    private static Path profile;

    @LocalServerPort
    int port;

    @Autowired
    AnswerService answers;

    @Autowired
    ReplyComposer replies;

    // The real detector runs for every message; a test stubs only its own message. Until issue 3's detector
    // lands, this is the only way to make the pipeline answer an emergency; everything after triage stays real.
    @MockitoSpyBean
    RedFlagDetector redFlags;

    @BeforeAll
    static void startChromium() throws IOException {
        profile = Files.createTempDirectory("sanad-chromium-profile");
        ChromeOptions options = new ChromeOptions()
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                        "--user-data-dir=" + profile, "--window-size=412,915", "--lang=ar");
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            // Debian's Chromium and its driver: Selenium Manager is never asked to find or download either.
            service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            browser = new ChromeDriver(service, options.setBinary(CHROMIUM.toFile()));
            return;
        }
        // Elsewhere Selenium Manager finds an installed Chrome or Chromium, or downloads one (that needs the internet).
        try {
            browser = new ChromeDriver(options);
        } catch (RuntimeException e) {
            throw new AssertionError("No browser for the web chat test: " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing and Selenium Manager found no other (" + e.getMessage().lines().findFirst().orElse("")
                    + "). Install Chromium with `apt-get install chromium chromium-driver` (.ci/run does so).", e);
        }
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @BeforeEach
    void openTheChat() {
        browser.get("http://localhost:" + port + "/");
    }

    @Test
    void servesAnArabicRightToLeftPageWithNothingFromOutside() {
        WebElement html = browser.findElement(By.tagName("html"));
        assertThat(html.getDomAttribute("lang")).isEqualTo("ar");
        assertThat(html.getDomAttribute("dir")).isEqualTo("rtl");
        assertThat(browser.findElement(By.cssSelector("label[for=question]")).getDomProperty("textContent"))
                .isNotBlank();

        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) js(
                "return performance.getEntriesByType('resource').map(function (r) { return r.name; });");
        assertThat(loaded).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith("http://localhost:" + port + "/"));
    }

    @Test
    void answersATypedQuestionWithItsSourceAndTheDoctorNote() throws IOException {
        Answer expected = answers.answer(QUESTION);
        assertThat(expected.kind()).as("the knowledge must answer the test question").isEqualTo(Answer.Kind.ANSWERED);

        WebElement reply = send(QUESTION);

        assertThat(lastUserText()).isEqualTo(QUESTION);
        assertThat(paragraphs(reply)).containsExactly(expected.reply().split("\n{2,}"));
        assertThat(textOf(reply.findElement(By.cssSelector(".source"))))
                .contains(expected.passages().get(0).title());
        assertThat(textOf(reply.findElement(By.cssSelector(".doctor-note")))).isEqualTo(replies.doctorNote());
        assertThat(banner().isDisplayed()).isFalse();
        screenshot("answer");
    }

    @Test
    void showsTheEmergencyBannerForAnUrgentReport() throws IOException {
        doReturn(new Triage(Triage.Level.URGENT, List.of("swallowing"), "test:stubbed"))
                .when(redFlags).assess(readAs(EMERGENCY));
        assertThat(banner().isDisplayed()).isFalse();

        WebElement reply = send(EMERGENCY);

        assertThat(banner().isDisplayed()).isTrue();
        assertThat(banner().getCssValue("background-color")).isEqualTo("rgba(163, 0, 27, 1)");
        assertThat(reply.getDomAttribute("class")).contains("emergency");
        String shown = String.join("\n\n", paragraphs(reply));
        assertThat(shown.replaceFirst("^\u200F", "")).startsWith(replies.urgentAdvice());
        assertThat(shown).endsWith(replies.doctorNote());
        screenshot("emergency");
    }

    @Test
    void asksAboutTheDangerSignsAndEscalatesWhenTheParentAnswersYes() throws IOException {
        String report = "ابني صار تعبان ومش على بعضه من امبارح";
        assertThat(answers.answer(report).kind()).as("the safety net must catch the test report")
                .isEqualTo(Answer.Kind.CHECK);
        WebElement check = send(report);
        assertThat(check.getDomAttribute("data-kind")).isEqualTo("CHECK");
        assertThat(banner().isDisplayed()).isFalse();
        List<WebElement> choices = check.findElements(By.cssSelector(".chips.check button"));
        assertThat(choices).extracting(WebChatBrowserTest::textOf).containsExactly(pageText("check-yes"),
                pageText("check-no"));
        screenshot("check");

        int before = browser.findElements(By.cssSelector(".message.reply")).size();
        js("arguments[0].scrollIntoView({block: 'center'});", choices.get(0));
        choices.get(0).click();
        WebElement urgent = waitForReply(before + 1);

        assertThat(lastUserText()).isEqualTo(pageText("check-yes"));
        assertThat(urgent.getDomAttribute("class")).contains("emergency");
        String shown = String.join("\n\n", paragraphs(urgent));
        assertThat(shown.replaceFirst("^\u200F", "")).startsWith(replies.urgentAdvice());
        assertThat(shown).endsWith(replies.doctorNote());
        assertThat(banner().isDisplayed()).isTrue();
    }

    @Test
    void showsTypedMarkupAsTextWithoutRunningIt() throws IOException {
        send(MARKUP);

        assertThat(lastUserText()).isEqualTo(MARKUP);
        assertThat(browser.findElements(By.cssSelector("#messages script, #messages img"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        screenshot("markup-as-text");
    }

    @Test
    void refusesTextOverTheLimitWithAPlainErrorAndSendsNothing() throws IOException {
        String tooLong = "ب".repeat(AskController.MAX_TEXT + 1);
        // A paste, as a parent would make such a message; typing 4,097 keys would only slow the test down.
        js("var q = document.getElementById('question'); q.value = arguments[0];"
                + "q.dispatchEvent(new Event('input', {bubbles: true}));", tooLong.substring(1));
        question().sendKeys("ب", Keys.ENTER);

        WebElement error = browser.findElement(By.id("error"));
        assertThat(error.isDisplayed()).isTrue();
        assertThat(error.getText()).contains(String.valueOf(AskController.MAX_TEXT)).doesNotContain("{");
        assertThat(browser.findElements(By.cssSelector(".message.user"))).isEmpty();
        assertThat(question().getDomProperty("value")).hasSize(AskController.MAX_TEXT + 1);
        then(redFlags).should(never()).assess(any());
        screenshot("too-long");

        question().sendKeys(Keys.BACK_SPACE);
        assertThat(error.isDisplayed()).isFalse();
    }

    @Test
    void offersDidYouMeanChipsThatAskAboutThePassage() throws IOException {
        List<Answer.Source> related = answers.answer(UNCOVERED_QUESTION).related();
        assertThat(related).as("the knowledge must leave the test question unanswered, with related passages")
                .isNotEmpty();

        WebElement reply = send(UNCOVERED_QUESTION);
        List<WebElement> chips = reply.findElements(By.cssSelector(".related .chip"));
        assertThat(chips).hasSize(related.size());
        screenshot("did-you-mean");

        String label = textOf(chips.get(0));
        chips.get(0).click();
        WebElement answer = waitForReply(2);

        assertThat(lastUserText()).isEqualTo(label);
        assertThat(String.join("\n\n", paragraphs(answer))).contains(related.get(0).text())
                .endsWith(replies.doctorNote());
    }

    @Test
    void showsATypingIndicatorWhileWaiting() {
        String slow = "متى يبدأ مفعول البوتوكس؟";
        // A slow answer, so that there is time to see the indicator; the real detector still decides.
        doAnswer(call -> {
            Thread.sleep(1500);
            return call.callRealMethod();
        }).when(redFlags).assess(readAs(slow));
        WebElement typing = browser.findElement(By.id("typing"));
        assertThat(typing.isDisplayed()).isFalse();

        question().sendKeys(slow, Keys.ENTER);

        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOf(typing));
        waitForReply(1);
        assertThat(typing.isDisplayed()).isFalse();
    }

    @Test
    void showsAPlainErrorWhenTheServerIsUnreachable() throws IOException {
        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        browser.setNetworkConditions(offline);
        try {
            question().sendKeys(QUESTION, Keys.ENTER);

            WebElement error = new WebDriverWait(browser, WAIT)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
            assertThat(error.getText()).isEqualTo(pageText("unreachable"));
            assertThat(browser.findElement(By.cssSelector(".message.user")).getDomAttribute("class"))
                    .contains("failed");
            assertThat(question().getDomProperty("value")).as("the question is given back").isEqualTo(QUESTION);
            assertThat(browser.findElements(By.cssSelector(".message.reply"))).isEmpty();
            screenshot("unreachable");
        } finally {
            browser.deleteNetworkConditions();
        }
    }

    @Test
    void sendsWithEnterAndBreaksTheLineWithShiftEnter() {
        question().sendKeys("ابني عمره ٤ سنوات", Keys.chord(Keys.SHIFT, Keys.ENTER), "متى يبدأ مفعول البوتوكس؟");
        assertThat(browser.findElements(By.cssSelector(".message.user"))).isEmpty();

        question().sendKeys(Keys.ENTER);
        waitForReply(1);

        assertThat(lastUserText()).isEqualTo("ابني عمره ٤ سنوات\nمتى يبدأ مفعول البوتوكس؟");
        assertThat(question().getDomProperty("value")).isEmpty();
    }

    @Test
    void showsWhereTheKeyboardFocusIs() {
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);

        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getDomAttribute("class")).isEqualTo("skip-link");
        assertThat(focused.getCssValue("outline-style")).isEqualTo("solid");
        assertThat(focused.getCssValue("outline-width")).isEqualTo("3px");
    }

    private WebElement send(String text) {
        int before = browser.findElements(By.cssSelector(".message.reply")).size();
        question().sendKeys(text, Keys.ENTER);
        return waitForReply(before + 1);
    }

    private WebElement waitForReply(int count) {
        List<WebElement> shown = new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message.reply"), count));
        return shown.get(count - 1);
    }

    private WebElement question() {
        return browser.findElement(By.id("question"));
    }

    private WebElement banner() {
        return browser.findElement(By.id("emergency-banner"));
    }

    private String lastUserText() {
        List<WebElement> texts = browser.findElements(By.cssSelector(".message.user .user-text"));
        return textOf(texts.get(texts.size() - 1));
    }

    /** What the page's own text resource says for a key, so the test checks the right message is shown. */
    private String pageText(String key) {
        return (String) js("return document.getElementById('texts').content"
                + ".querySelector('[data-key=\"' + arguments[0] + '\"]').textContent;", key);
    }

    private static List<String> paragraphs(WebElement reply) {
        return reply.findElements(By.cssSelector(".bubble > p")).stream().map(WebChatBrowserTest::textOf).toList();
    }

    /** The text exactly as the page holds it; getText() would trim and fold it. */
    private static String textOf(WebElement element) {
        return element.getDomProperty("textContent");
    }

    private Object js(String script, Object... args) {
        return browser.executeScript(script, args);
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The message as the pipeline reads it. */
    private static org.sanad.text.MessageText readAs(String message) {
        org.sanad.text.MessageText expected = org.sanad.text.TestText.read(message);
        return org.mockito.ArgumentMatchers.argThat(m -> m != null && m.words().equals(expected.words()));
    }
}
