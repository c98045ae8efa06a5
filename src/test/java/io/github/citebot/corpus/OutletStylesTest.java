package io.github.citebot.corpus;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loader on pages saved from outlets other than the bundled four, in their own styles: a page pasted as text,
 * Markdown with front matter, HTML as a browser saves it (and as Google AMP serves it), wire stories (AP, Bloomberg,
 * TASS, Xinhua, Yonhap), a blog post (Substack, Medium). Their furniture is never citable; their story is, even
 * where it only looks like furniture; their names come from what the page shows. The pages are invented, each in
 * its outlet's style.
 */
class OutletStylesTest {

    static final Path FOLDER = Path.of("src/test/resources/corpus/outlets");
    static Map<String, Article> articles;
    static List<String> sentences;

    @BeforeAll
    static void load() {
        articles = new CorpusLoader().load(FOLDER).stream().collect(Collectors.toMap(Article::source, Function.identity()));
        sentences = articles.values().stream().flatMap(a -> a.sentences().stream()).map(Sentence::text).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"traffic crosses the riverton bridge", "maria lopez", "staff writer", "published 6:15",
            "roads budget doubles", "morning briefing newsletter", "has been updated", "priya natarajan",
            "dredging barge", "port traffic hit a record", "an earlier version", "support local journalism",
            "students board a bus", "dana whitfield", "board weighs four-day week", "what the school budget pays for",
            "education newsletter", "was updated to correct", "make a contribution", "all rights reserved",
            "privacy policy", "utility crew repairs", "another storm season", "linemen from three", "contributed to",
            "skip to main content", "advertisement", "listen to this article", "copyright 2024", "may not be published",
            "follow ap's coverage", "colo.",
            // Bloomberg, TASS and Xinhua wires; Fox News, the SCMP, the Washington Post; a Guardian page and an AMP page
            "(bloomberg)", "with assistance from", "updates with", "to contact the reporter", "/tass/", "enditem",
            "published march 4", "you can now listen", "story tips", "reporter for fox news", "senior reporter at the post",
            "bureau chief", "previously covered", "sign in to keep reading", "uses cookies", "by continuing",
            // Al Jazeera, Substack, Medium, the Japan Times, NK News
            "save articles to read later", "thanks for reading", "subscribe for free", "by subscribing",
            "get unlimited access", "travel writer based", "edited by",
            // the New York Times, CNA
            "appears in print", "site index", "seoul:", "source: yonhap",
            // the Korea JoongAng Daily, a page saved from a browser's reader view
            "seoul to cut bus fares", "shin.hanee", "reporter at the city desk", "3-4 minutes"})
    void should_never_cite_furniture_of_other_outlets(String furniture) {
        assertThat(sentences).noneMatch(s -> s.toLowerCase(Locale.ROOT).contains(furniture));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "The city council voted 5-2 on Tuesday to close the Riverton Bridge for six months of repairs.",
            "\"Nobody likes this, but the inspection left us no choice,\" she said.",
            "Buses will run a free shuttle across the river from the Fifth Street ferry landing while the bridge is closed.",
            "Fishing crews have asked the authority to pause the work during the herring season in late summer.",
            "Superintendent Karen Holt said the district would pay for the buses from its transportation reserve.",
            "Most customers should have power back by Sunday evening, a spokesperson for Coastal Power said.",
            "Firefighters had contained 60% of a wildfire that forced thousands of people from their homes near Mesa "
                    + "Ridge, officials said Tuesday.",
            "South Korea’s central bank kept its benchmark interest rate unchanged on Tuesday as the won slid to its "
                    + "weakest level against the dollar in 15 years.",
            "Russian carrier Nordwind will resume regular flights between Moscow and Pyongyang in June, Russia's "
                    + "Transport Ministry said on Tuesday.",
            "Both sides agreed to simplify customs checks at the Mohan-Boten border crossing.",
            // story sentences that only look like furniture: an appeal, a photo credit, an author's note
            "North Korea's flag carrier has sought to become a member of the international airline association, the "
                    + "ministry said.",
            "Tickets will go on sale in April.",
            "Chinese firms will donate 200 freight wagons to the Lao railway company, the ministry said.",
            "The photo of a crowded ferry deck that circulated online last month was taken by a commuter, the union said.",
            "The photo of the first ship to dock at the terminal was taken by a port worker, according to the operator.",
            "He said the photo he keeps in his wallet was taken on his first trip, in 1979.",
            "Chan Kwok-wai is a former reporter for a Cantonese newspaper who entered politics in 2016.",
            "The maps in the ministry's briefing show a line that does not yet exist.",
            "Analysts said the bridge could make it easier for North Korea to send workers to Russia.",
            "South Korea's capital will extend subway hours by one hour during the week of the national college "
                    + "entrance exam, the city said on Tuesday (Mar 4).",
            "Seoul will run extra late-night subway trains on four lines during the university entrance exam season, the "
                    + "city government said Tuesday.",
            "The depot can refuel 80 buses a day, according to officials."})
    void should_cite_the_story_itself(String sentence) {
        assertThat(sentences).contains(sentence);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "riverton-gazette.txt | Riverton Gazette | Council closes Riverton Bridge for repairs | | ",
            "harbor-times.md | The Harbor Times | Harbor dredging to begin in June | https://harbortimes.example/news/dredging-june | 2025-03-05",
            "valley-news.html | Valley News | Valley schools add late buses | https://valleynews.example/2025/03/06/late-buses | 2025-03-06",
            "coastal-storm.txt | Associated Press | Storm knocks out power to 40,000 in coastal towns | | ",
            "mesa-wildfire.txt | Associated Press | Officials say wildfire near Mesa Ridge is 60% contained | | ",
            "bloomberg-rates.txt | Bloomberg | Bank of Korea Holds Rates as Won Slides to 15-Year Low | | ",
            "tass-flights.txt | TASS | Russia to resume direct flights to Pyongyang in June | | ",
            "xinhua-railway.txt | Xinhua | China, Laos hold talks on railway cargo | | ",
            // a time stamp above the headline, the outlet's name above it, tags ("South Korea, Diplomacy") below
            "fox-hackers.txt | | North Korea hackers stole $300M in crypto last year, report says | | ",
            "scmp-buses.txt | | Hong Kong to add 20 new cross-border bus routes to Shenzhen | | ",
            "japantimes-shuttle.txt | | Japan and South Korea agree to restart shuttle diplomacy talks | | ",
            "nyt-ski.txt | | North Korea Opens Its First Ski Resort to Chinese Tour Groups | | ",
            "aljazeera-rail.txt | Al Jazeera | Russia and Mongolia sign deal on rail freight through Ulaanbaatar | | ",
            // an AMP page names its outlet and date in its schema.org data only
            "amp-port.html | Pacific Ledger | Vladivostok port expands container terminal "
                    + "| https://pacificledger.example/news/vladivostok-terminal | 2025-03-04"})
    void should_name_each_article_from_what_its_page_shows(String source, String outlet, String title, String url,
                                                        String published) {
        Article a = articles.get(source);
        assertThat(a.outlet()).isEqualTo(outlet == null ? "" : outlet);
        assertThat(a.title()).isEqualTo(title);
        assertThat(a.url()).isEqualTo(url == null ? "" : url);
        assertThat(a.published()).isEqualTo(published == null ? "" : published);
    }

    @Test
    void should_cut_the_dateline_off_and_keep_every_sentence_verbatim() throws Exception {
        assertThat(sentences).noneMatch(s -> s.contains("(AP)") || s.contains("(Riverton Gazette)"));
        for (Article a : articles.values()) {
            if (a.source().endsWith(".html")) {
                continue; // entities and tags: the HTML is not the text
            }
            String file = Files.readString(FOLDER.resolve(a.source())).replaceAll("\\s+", " ");
            assertThat(a.sentences()).allSatisfy(s -> assertThat(file).contains(s.text()));
        }
    }
}
