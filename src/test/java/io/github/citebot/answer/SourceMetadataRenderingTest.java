package io.github.citebot.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every renderer shows an article's date and address where they are known, and nothing where they are not. */
class SourceMetadataRenderingTest {

    private static final Citation.Evidence EVIDENCE = new Citation.Evidence(1, 0.7, 1, 5.0);
    private static final Answer KNOWN = answer(new Citation(1, "kim.txt", "The Diplomat", "Kim stays home",
            "https://example.com/kim?a=1&b=2", "2015-04-30", "Kim will not come.", "", 0.8, EVIDENCE));
    private static final Answer UNKNOWN = answer(new Citation(1, "kim.txt", "", "Kim stays home",
            "Kim will not come.", "", 0.8, EVIDENCE));

    private static Answer answer(Citation c) {
        return new Answer("Why?", true, "Kim will not come. [1]", 0.8, List.of(c));
    }

    @Test
    void should_show_date_and_address_in_plain_and_terminal_text() {
        assertThat(new PlainTextRenderer().render(KNOWN))
                .contains("[1] The Diplomat, \"Kim stays home\", 2015-04-30 (kim.txt) https://example.com/kim?a=1&b=2");
        assertThat(new AnsiRenderer(false).render(KNOWN, 0)).contains("2015-04-30").contains("https://example.com/kim");
    }

    @Test
    void should_show_nothing_for_what_is_not_known() {
        assertThat(new PlainTextRenderer().render(UNKNOWN)).contains("[1] \"Kim stays home\" (kim.txt)\n")
                .doesNotContainIgnoringCase("unknown");
        assertThat(new AnsiRenderer(false).render(UNKNOWN, 0)).contains("[1] \"Kim stays home\" (kim.txt)")
                .doesNotContainIgnoringCase("unknown");
        assertThat(new TelegramHtmlRenderer().render(UNKNOWN)).contains("[1] <i>Kim stays home</i>");
    }

    @Test
    void should_add_json_fields_only_when_known() throws Exception {
        JsonNode known = new ObjectMapper().readTree(new JsonRenderer().render(KNOWN)).get("citations").get(0);
        assertThat(known.get("url").asText()).isEqualTo("https://example.com/kim?a=1&b=2");
        assertThat(known.get("published").asText()).isEqualTo("2015-04-30");
        assertThat(known.get("outlet").asText()).isEqualTo("The Diplomat");
        JsonNode unknown = new ObjectMapper().readTree(new JsonRenderer().render(UNKNOWN)).get("citations").get(0);
        assertThat(unknown.has("url")).isFalse();
        assertThat(unknown.has("published")).isFalse();
        assertThat(unknown.has("outlet")).isFalse();
    }

    @Test
    void should_link_the_title_on_telegram() {
        assertThat(new TelegramHtmlRenderer().render(KNOWN)).contains(
                "[1] The Diplomat, <a href=\"https://example.com/kim?a=1&amp;b=2\"><i>Kim stays home</i></a>, 2015-04-30");
    }
}
