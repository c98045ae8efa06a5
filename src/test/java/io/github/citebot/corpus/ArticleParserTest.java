package io.github.citebot.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleParserTest {

    private final ArticleParser parser = new ArticleParser();

    private static List<String> texts(Article a) {
        return a.sentences().stream().map(Sentence::text).toList();
    }

    @Test
    void should_take_a_title_like_first_line_as_the_title_and_never_cite_it() {
        Article a = parser.parseText("Huguenot.txt", "Huguenot\n\nThe Huguenots were French Protestants. Most of them "
                + "followed the teachings of John Calvin\n\nMany fled France after 1685.\n");
        assertThat(a.title()).isEqualTo("Huguenot");
        assertThat(texts(a)).doesNotContain("Huguenot").contains("Many fled France after 1685.");
    }

    /** A paragraph that leads in to a list or a quote ends in a colon, as a label may: its length tells them apart. */
    @Test
    void should_keep_prose_that_ends_in_a_colon_and_drop_a_heading_that_does() {
        Article a = parser.parseText("talks.txt", "Talks resume in Geneva\n\nThe two delegations met again on Monday.\n\n"
                + "Key points:\n\n"
                + "After three rounds that ended without a statement, the foreign ministry in Moscow spelled out what it "
                + "expects from the next one in a note to reporters:\n\n"
                + "“We want a timetable,” the note said.\n");

        assertThat(texts(a)).containsExactly(
                "The two delegations met again on Monday.",
                "After three rounds that ended without a statement, the foreign ministry in Moscow spelled out what it "
                        + "expects from the next one in a note to reporters:",
                "“We want a timetable,” the note said.");
    }

    @Test
    void should_not_take_a_long_paragraph_or_a_line_from_the_body_as_the_title() {
        String body = "Islamism is a set of ideologies holding that Islam should guide social and political life, "
                + "whose policies included ".repeat(8);
        Article a = parser.parseText("Islamism.txt", "Islamism\n\n" + body + "\n\nIts supporters differ widely.\n");
        assertThat(a.title()).isEqualTo("Islamism");
    }

    @Test
    void should_never_cite_a_title_even_when_it_ends_like_a_sentence() {
        Article a = parser.parseMarkdown("a.md", "---\ntitle: Kim will not come.\n---\nKim will not come.\n\nHe stays home.\n");
        assertThat(texts(a)).containsExactly("He stays home.");
    }

    @Test
    void should_shorten_a_lede_into_a_title_at_a_clause_not_on_a_dangling_word() {
        Article a = parser.parseText("ap.txt", "MOSCOW — The reclusive leader of North Korea will not be coming to Moscow "
                + "next month for the Victory Day celebration, President Vladimir Putin's spokesman announced Thursday.\n");
        assertThat(a.title()).isEqualTo(
                "The reclusive leader of North Korea will not be coming to Moscow next month for the Victory Day celebration…");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MOSCOW (AP) — Kim will not come to Moscow. | Associated Press | Kim will not come to Moscow.",
            "RIVERTON (Riverton Gazette) — The bridge will close. | Riverton Gazette | The bridge will close.",
            "LONDON (Reuters) - Prices rose in May. | Reuters | Prices rose in May.",
            "REYKJAVIK, March 17 (Reuters) - A volcano erupted. | Reuters | A volcano erupted.",
            "PARIS, 5 June (AFP) — Talks resumed. | Agence France-Presse | Talks resumed.",
            "BOULDER, Colo. (AP) — The fire is contained. | Associated Press | The fire is contained.",
            "WASHINGTON, D.C., Jan. 5 (Reuters) - Talks began. | Reuters | Talks began.",
            "Moscow CNN — Never mind. | CNN | Never mind.",
            "(Bloomberg) -- The won fell. | Bloomberg | The won fell.",
            "MOSCOW, March 4. /TASS/. Flights resume in June. | TASS | Flights resume in June.",
            "SEOUL, March 4 (Yonhap) -- Talks began. | Yonhap | Talks began.",
            "MOSCOW. March 4 (Interfax) - Trains were added. | Interfax | Trains were added."})
    void should_name_the_outlet_a_dateline_shows_and_cut_the_dateline_off(String lede, String outlet, String sentence) {
        Article a = parser.parseText("a.txt", lede + "\n\nMore follows here.\n");
        assertThat(a.outlet()).isEqualTo(outlet);
        assertThat(texts(a)).first().isEqualTo(sentence);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"TOKYO -- Chip makers added shifts.", "SEOUL: Chip makers added shifts.",
            "SEOUL, South Korea — Chip makers added shifts."})
    void should_cut_off_a_dateline_that_names_no_outlet(String lede) {
        Article a = parser.parseText("a.txt", lede + "\n\nMore follows here.\n");
        assertThat(a.outlet()).isEmpty();
        assertThat(texts(a)).containsExactly("Chip makers added shifts.", "More follows here.");
    }

    @Test
    void should_not_take_a_dash_after_a_name_in_the_story_for_a_dateline() {
        Article a = parser.parseText("a.txt", "Kim will not visit Moscow\n\nThe Kremlin said Kim would not come.\n\n"
                + "Peskov — who spoke to reporters on a call — said the decision was final.\n");
        assertThat(texts(a)).containsExactly("The Kremlin said Kim would not come.",
                "Peskov — who spoke to reporters on a call — said the decision was final.");
        Article lede = parser.parseText("b.txt", "Peskov — who spoke on a call — said the decision was final.\n");
        assertThat(texts(lede)).containsExactly("Peskov — who spoke on a call — said the decision was final.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Both sides agreed. Enditem", "Both sides agreed. (END)", "Both sides agreed.\n==Kyodo"})
    void should_keep_a_wire_story_s_last_sentence_without_its_end_mark(String end) {
        Article a = parser.parseText("a.txt", "BEIJING, March 4 (Xinhua) -- Talks were held.\n\n" + end + "\n");
        assertThat(texts(a)).containsExactly("Talks were held.", "Both sides agreed.");
    }

    @Test
    void should_go_on_after_a_story_sentence_that_only_looks_like_an_appeal() {
        Article a = parser.parseText("a.txt", "Kyiv renewed its request on Monday.\n\nThe talks lasted two hours.\n\n"
                + "Ukraine has long sought to become a member of NATO, the minister said.\n\nA firm will donate $1 million.\n\n"
                + "The next round is in May.\n");
        assertThat(texts(a)).hasSize(5).contains("The next round is in May.");
    }

    @Test
    void should_drop_the_note_on_the_byline_s_author_and_keep_other_people_s_jobs() {
        Article a = parser.parseText("a.txt", "Ferry fares cut after dispute\n\nBy Jane Doe\n\nFares fell on Tuesday.\n\n"
                + "John Roe is a reporter for a local radio station who rode the first ferry.\n\n"
                + "Jane Doe is a mother of three who grew up on the island, she wrote in 2020.\n\n"
                + "Jane Doe is a senior correspondent in Seoul for the Daily Planet.\n");
        assertThat(texts(a)).containsExactly("Fares fell on Tuesday.",
                "John Roe is a reporter for a local radio station who rode the first ferry.",
                "Jane Doe is a mother of three who grew up on the island, she wrote in 2020.");
    }

    @Test
    void should_take_the_headline_below_the_outlet_s_name_and_time_stamp_of_a_pasted_page() {
        Article a = parser.parseText("a.txt", "South China Morning Post\nPublished March 4, 2025 5:32pm EST\nHong Kong adds "
                + "bus routes to Shenzhen\nThe routes start in April.\n");
        assertThat(a.title()).isEqualTo("Hong Kong adds bus routes to Shenzhen");
        Article alone = parser.parseText("b.txt", "Kim Cancels Moscow Trip\n\nThe Kremlin said so on Thursday.\n");
        assertThat(alone.title()).isEqualTo("Kim Cancels Moscow Trip");
    }

    @Test
    void should_not_take_a_page_s_tags_for_its_outlet() {
        Article a = parser.parseText("a.txt", "Leaders meet in Tokyo\n\nThe leaders met on Tuesday.\n\nThey agreed to talk "
                + "again.\n\nThey spoke for an hour.\n\nThey will meet in May.\n\nThey took no questions.\n\n"
                + "They ate lunch.\n\nThey posed for a photo.\n\nThey shook hands.\n\nThey left.\n\nThey flew home.\n\n"
                + "KEYWORDS\n\nSouth Korea, Diplomacy\n");
        assertThat(a.outlet()).isEmpty();
    }

    @Test
    void should_read_outlet_title_and_date_from_a_page_s_schema_org_data() {
        String ld = "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"Site\"},"
                + "{\"@type\":\"NewsArticle\",\"headline\":\"Port expands terminal\",\"datePublished\":\"2025-03-04T14:32:00+10:00\","
                + "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Pacific Ledger\"}}]}";
        Article a = parser.parseHtml("a.html", "<html><head><script type=\"application/ld+json\">" + ld
                + "</script><script type=\"application/ld+json\">{not json</script></head><body><p>The port grew.</p></body></html>");
        assertThat(a.outlet()).isEqualTo("Pacific Ledger");
        assertThat(a.title()).isEqualTo("Port expands terminal");
        assertThat(a.published()).isEqualTo("2025-03-04");
        Article broken = parser.parseHtml("b.html", "<html><head><title>Port grows</title><script type=\"application/ld+json\">"
                + "{not json</script></head><body><p>The port grew.</p></body></html>");
        assertThat(broken.title()).isEqualTo("Port grows");
        assertThat(broken.outlet()).isEmpty();
    }

    @Test
    void should_read_a_story_written_between_line_breaks_of_an_html_page_and_each_list_item_once() {
        Article a = parser.parseHtml("a.html", "<html><body><h1>Trains run late</h1><div id=\"body\">Seoul will run late "
                + "trains.<br><br>The trains <b>leave</b> at 1:30 a.m.<br><br><div class=\"ad\"><button>Share</button></div>"
                + "Officials said so.</div><ul><li><p>Each stop gets a guard.</p></li></ul></body></html>");
        assertThat(texts(a)).containsExactly("Seoul will run late trains.", "The trains leave at 1:30 a.m.",
                "Officials said so.", "Each stop gets a guard.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"By Al Jazeera Staff | Al Jazeera", "By CNA Newsroom | CNA",
            "By Jane Doe, Staff Writer | ''", "By Jane Doe | ''"})
    void should_name_the_outlet_a_staff_byline_shows(String byline, String outlet) {
        Article a = parser.parseText("a.txt", "Rail deal signed\n\n" + byline + "\n\nThe deal was signed on Tuesday.\n");
        assertThat(a.outlet()).isEqualTo(outlet);
        assertThat(texts(a)).containsExactly("The deal was signed on Tuesday.");
    }

    @Test
    void should_say_nothing_of_an_outlet_it_cannot_see() {
        Article a = parser.parseText("a.txt", "By Jane Doe, Staff Writer\n\nThe council voted on Tuesday.\n");
        assertThat(a.outlet()).isEmpty();
        assertThat(texts(a)).containsExactly("The council voted on Tuesday.");
    }

    @Test
    void should_not_take_an_unclosed_front_matter_as_the_title() {
        Article a = parser.parseMarkdown("a.md", "---\ntitle: Summit ends\noutlet: Daily Planet\n\nThe summit ended on Friday.\n");
        assertThat(a.title()).isEqualTo("Summit ends");
        assertThat(a.outlet()).isEqualTo("Daily Planet");
        assertThat(texts(a)).containsExactly("The summit ended on Friday.");
    }

    @Test
    void should_cut_a_long_line_without_full_stops_into_citable_pieces_that_keep_every_word() {
        String line = IntStream.range(0, 40_000).mapToObj(i -> "word" + i + (i % 97 == 96 ? "," : ""))
                .collect(Collectors.joining(" "));
        Article a = parser.parseText("line.txt", line);
        assertThat(a.sentences()).hasSizeGreaterThan(100)
                .allSatisfy(s -> assertThat(s.text().length()).isLessThanOrEqualTo(SentenceSplitter.MAX_CHARS));
        assertThat(texts(a).stream().collect(Collectors.joining(" "))).isEqualTo(line);
    }

    @Test
    void should_cite_a_text_that_is_only_a_list_of_lines() {
        Article a = parser.parseText("list.txt", "Apples from Kent\nPears from Anjou\nPlums from Damascus\n");
        assertThat(texts(a)).containsExactly("Apples from Kent", "Pears from Anjou", "Plums from Damascus");
    }

    /**
     * Guards against quadratic parsing, not a measurement: 100,000 one-word lines took a quarter of an hour when
     * every line re-read the paragraph so far (20,000 took 36 s) and take about a second of CPU in linear time, so
     * the generous limit holds on a machine many times busier than usual.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void should_parse_100000_one_word_lines_in_linear_time() {
        String lower = IntStream.range(0, 100_000).mapToObj(i -> "word" + i).collect(Collectors.joining("\n"));
        String upper = IntStream.range(0, 100_000).mapToObj(i -> "Word" + i).collect(Collectors.joining("\n"));
        assertThat(parser.parseText("lower.txt", lower).sentences()).isNotEmpty();
        assertThat(parser.parseText("upper.txt", upper).sentences()).hasSize(100_000);
    }
}
