package io.github.citebot.web;

import io.github.citebot.CiteBot;
import io.github.citebot.SharedBot;
import io.github.citebot.answer.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chat page in a real headless browser: Debian's chromium driven through its chromedriver by Selenium (never
 * Selenium Manager: nothing is downloaded). {@code .ci/run} installs both; where neither is installed the tests
 * skip and say so. {@code -Dcitebot.screenshot=FILE} saves a screenshot of an answered question there.
 */
class WebPageTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String KIM = "Why didn't Kim go to Moscow?";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ChromeDriver browser;
    private static WebServer server;
    private static Path profile;

    @BeforeAll
    static void start() throws IOException {
        boolean browserHere = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        // CI installs the browser (.ci/run), so there a missing one is a failure, not a reason to skip.
        assertThat(browserHere || !"true".equals(System.getenv("CI")))
                .as("CI=true but no /usr/bin/chromium and /usr/bin/chromedriver: .ci/run should have installed them")
                .isTrue();
        assumeTrue(browserHere,
                "no browser to test the page in: install Debian's chromium and chromium-driver "
                        + "(apt-get install chromium chromium-driver; .ci/run does)");
        server = WebServer.start(BotState.of(SharedBot.seeds()), WebServer.Settings.DEFAULTS.withPort(0).withoutRateLimit());
        profile = Files.createTempDirectory("citebot-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1000,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @BeforeEach
    void openThePage() {
        browser.manage().window().setSize(new Dimension(1000, 900));
        open(server);
    }

    private static void open(WebServer s) {
        browser.get(s.uri().toString());
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Ready"));
    }

    /** Types a question, presses Enter, and returns the new turn once it is answered. */
    private static WebElement ask(String question) {
        int before = browser.findElements(By.cssSelector("#log > li")).size();
        WebElement input = browser.findElement(By.id("question"));
        input.sendKeys(question, Keys.ENTER);
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(d -> d.findElements(By.cssSelector("#log > li")).size() > before
                && d.findElements(By.cssSelector("#log > li")).get(before).findElements(By.cssSelector(".answer")).size() == 1);
        return browser.findElements(By.cssSelector("#log > li")).get(before);
    }

    @Test
    void should_cite_first_the_sentence_the_api_ranks_first() throws IOException {
        Answer expected = SharedBot.seeds().ask(KIM);

        WebElement turn = ask(KIM);

        assertThat(turn.findElement(By.cssSelector(".question")).getText()).isEqualTo(KIM);
        List<WebElement> citations = turn.findElements(By.cssSelector(".citation .sentence"));
        assertThat(citations).hasSize(expected.citations().size());
        String first = citations.get(0).getText();
        assertThat(first).isEqualTo("\u201c" + expected.citations().get(0).sentence() + "\u201d")
                .containsAnyOf("internal", "Kremlin");
        assertThat(turn.findElement(By.cssSelector(".answer-text")).getText()).contains("[1]");
        assertThat(turn.findElement(By.cssSelector(".citation .meta")).getText())
                .contains(expected.citations().get(0).outlet());
        // Each citation's line names its outlet and title, and its date where the corpus knows one.
        List<WebElement> metas = turn.findElements(By.cssSelector(".citation .meta"));
        for (int i = 0; i < metas.size(); i++) {
            var c = expected.citations().get(i);
            assertThat(metas.get(i).getText()).contains(c.title());
            if (!c.published().isEmpty()) {
                assertThat(metas.get(i).getText()).contains(c.published());
            }
        }
        assertThat(expected.citations()).as("the seeds' sidecar dates three articles")
                .anyMatch(c -> !c.published().isEmpty());
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("ready for the next question").isEqualTo("question");
        String screenshot = System.getProperty("citebot.screenshot");
        if (screenshot != null) {
            turn.findElement(By.cssSelector(".citation summary")).click();
            new WebDriverWait(browser, WAIT).until(d -> !turn.findElements(By.cssSelector(".paragraph mark")).isEmpty());
            Files.write(Path.of(screenshot), browser.getScreenshotAs(OutputType.BYTES));
        }
    }

    @Test
    void should_open_a_citation_to_its_paragraph_with_the_sentence_marked_and_its_evidence() {
        WebElement turn = ask(KIM);
        WebElement citation = turn.findElement(By.cssSelector(".citation"));

        citation.findElement(By.tagName("summary")).click();

        WebElement mark = new WebDriverWait(browser, WAIT).until(d -> citation.findElement(By.cssSelector(".paragraph mark")));
        assertThat("\u201c" + mark.getText() + "\u201d").isEqualTo(citation.findElement(By.cssSelector(".sentence")).getText());
        WebElement why = citation.findElement(By.cssSelector(".why"));
        assertThat(why.isDisplayed()).isFalse();
        citation.findElement(By.cssSelector(".why-button")).click();
        assertThat(why.isDisplayed()).isTrue();
        assertThat(why.getText()).contains("Dense (embedding) search", "BM25 (keyword) search");
    }

    @Test
    void should_show_a_refusal_distinctly_and_keep_the_history_until_a_new_conversation() {
        String unanswerable = "What is the boiling point of mercury on Mars?";
        assertThat(SharedBot.seeds().ask(unanswerable).answered()).as("a question the articles do not answer").isFalse();
        ask(KIM);

        WebElement refused = ask(unanswerable);

        assertThat(refused.findElement(By.cssSelector(".answer")).getAttribute("class")).contains("refusal");
        assertThat(refused.findElement(By.cssSelector(".answer-text")).getText()).isEqualTo(Answer.NO_ANSWER);
        assertThat(refused.findElements(By.cssSelector(".citation"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#log > li"))).as("the history stays").hasSize(2);
        assertThat(browser.findElement(By.id("log")).getAttribute("aria-live")).isEqualTo("polite");

        browser.findElement(By.id("new-conversation")).click();

        assertThat(browser.findElements(By.cssSelector("#log > li"))).isEmpty();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("question");
    }

    @Test
    void should_fit_a_phone_screen_without_scrolling_sideways() {
        browser.manage().window().setSize(new Dimension(360, 740));
        open(server);
        WebElement turn = ask(KIM);
        WebElement citation = turn.findElement(By.cssSelector(".citation summary"));
        JavascriptExecutor js = browser;
        // On a phone the long answer runs under the ask form that sticks to the bottom: scroll, as a reader does.
        js.executeScript("arguments[0].scrollIntoView({block: 'center'})", citation);
        citation.click();
        new WebDriverWait(browser, WAIT).until(d -> !turn.findElements(By.cssSelector(".paragraph mark")).isEmpty());

        long scrollWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
        long viewport = ((Number) js.executeScript("return document.documentElement.clientWidth")).longValue();
        assertThat(viewport).isLessThanOrEqualTo(360);
        assertThat(scrollWidth).isLessThanOrEqualTo(viewport);
        assertThat(browser.findElement(By.id("send")).isDisplayed()).isTrue();
    }

    @Test
    void should_show_a_hostile_article_and_question_as_text_and_run_nothing(@TempDir Path corpus) throws IOException {
        Files.writeString(corpus.resolve("hostile<img src=x onerror=alert(1)>.txt"), """
                <b onmouseover="window.pwned=1">Hostile</b> headline <script>window.pwned=1</script>

                The zeppelin <img src=x onerror="window.pwned=1"> landed in the harbour <script>window.pwned=1</script> on Monday.

                The harbour master said the zeppelin would stay for a week.
                """);
        try (CiteBot hostile = CiteBot.builder().corpus(corpus).noCache().build();
             WebServer s = WebServer.start(BotState.of(hostile), WebServer.Settings.DEFAULTS.withPort(0))) {
            open(s);
            String question = "Where did the zeppelin <img src=x onerror=\"window.pwned=1\"> land?";

            WebElement turn = ask(question);
            turn.findElement(By.cssSelector(".citation summary")).click();
            new WebDriverWait(browser, WAIT).until(d -> !turn.findElements(By.cssSelector(".paragraph mark")).isEmpty());

            assertThat(turn.findElement(By.cssSelector(".question")).getText()).isEqualTo(question);
            assertThat(turn.getText()).contains("<img src=x onerror=\"window.pwned=1\">", "<script>window.pwned=1</script>");
            WebElement log = browser.findElement(By.id("log"));
            assertThat(log.findElements(By.cssSelector("img, script, b, [onerror], [onmouseover]"))).isEmpty();
            assertThat(browser.executeScript("return window.pwned === undefined && !document.querySelector('body img')"))
                    .isEqualTo(true);
        }
    }
}
