package io.github.citebot.corpus;

import io.github.citebot.CapturedErr;
import io.github.citebot.CiteBotException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorpusLoaderTest {

    @TempDir
    Path dir;

    @Test
    void should_name_a_missing_folder() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> new CorpusLoader().load(missing))
                .isInstanceOf(CiteBotException.class).hasMessageContaining(missing.toString()).hasMessageNotContaining("\n");
    }

    @Test
    void should_name_a_folder_without_articles() throws Exception {
        Files.writeString(dir.resolve("notes.pdf"), "x");
        assertThatThrownBy(() -> new CorpusLoader().load(dir))
                .isInstanceOf(CiteBotException.class).hasMessageContaining("no articles").hasMessageContaining(dir.toString());
    }

    @Test
    void should_skip_one_invalid_file_among_good_ones() throws Exception {
        Files.writeString(dir.resolve("good.txt"), "The summit will open on Monday. Leaders arrive on Sunday.");
        Files.write(dir.resolve("bad.txt"), new byte[] {'A', ' ', (byte) 0xC3, (byte) 0x28, '.'});
        try (CapturedErr err = new CapturedErr()) {
            List<Article> articles = new CorpusLoader().load(dir);
            assertThat(articles).extracting(Article::source).containsExactly("good.txt");
            assertThat(err.text()).contains("skipping an article").contains("bad.txt");
        }
    }

    @Test
    void should_name_the_file_when_no_article_is_valid_utf8() throws Exception {
        Files.write(dir.resolve("bad.txt"), new byte[] {'A', ' ', (byte) 0xFF, '.'});
        assertThatThrownBy(() -> new CorpusLoader().load(dir))
                .isInstanceOf(CiteBotException.class).hasMessageContaining("bad.txt").hasMessageContaining("UTF-8");
    }

    @Test
    void should_read_markdown_front_matter_and_headings() throws Exception {
        Files.writeString(dir.resolve("a.md"), "---\ntitle: Summit ends\noutlet: Daily Planet\n---\n# Ignored heading\n\n"
                + "The summit ended on [Friday](https://example.com). Leaders left at noon.\n");
        Article a = new CorpusLoader().load(dir).get(0);
        assertThat(a.title()).isEqualTo("Summit ends");
        assertThat(a.outlet()).isEqualTo("Daily Planet");
        assertThat(a.sentences()).extracting(Sentence::text)
                .containsExactly("The summit ended on Friday.", "Leaders left at noon.");
    }

    @Test
    void should_read_html_prose_without_captions_and_navigation() throws Exception {
        Files.writeString(dir.resolve("a.html"), "<html><head><title>T</title>"
                + "<meta property=\"og:site_name\" content=\"Daily Planet\"></head><body><nav><p>Home. News.</p></nav>"
                + "<h1>Summit ends early</h1><figure><img src=x><figcaption>Leaders pose.</figcaption></figure>"
                + "<p>The summit ended on Friday &amp; leaders left.</p><p>Talks resume in May.</p></body></html>");
        Article a = new CorpusLoader().load(dir).get(0);
        assertThat(a.title()).isEqualTo("Summit ends early");
        assertThat(a.outlet()).isEqualTo("Daily Planet");
        assertThat(a.sentences()).extracting(Sentence::text)
                .containsExactly("The summit ended on Friday & leaders left.", "Talks resume in May.");
    }

    @Test
    void should_read_an_html_page_in_the_charset_it_declares_when_it_is_not_utf8() throws Exception {
        String page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
                + "</head><body><h1>Caf\u00e9 talks</h1><p>The minister said \u201cno\u201d at the caf\u00e9.</p></body></html>";
        Files.write(dir.resolve("old.html"), page.getBytes(java.nio.charset.Charset.forName("windows-1252")));
        Article a = new CorpusLoader().load(dir).get(0);
        assertThat(a.sentences()).extracting(Sentence::text).containsExactly("The minister said \u201cno\u201d at the caf\u00e9.");
    }

    @Test
    void should_prefer_valid_utf8_to_a_wrong_charset_declaration() throws Exception {
        Files.writeString(dir.resolve("saved.html"), "<html><head><meta charset=\"iso-8859-1\"></head><body>"
                + "<p>The minister said \u201cno\u201d at the caf\u00e9.</p></body></html>");
        assertThat(new CorpusLoader().load(dir).get(0).sentences()).extracting(Sentence::text)
                .containsExactly("The minister said \u201cno\u201d at the caf\u00e9.");
    }

    @Test
    void should_join_hard_wrapped_lines_of_plain_text() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "Leaders met in Geneva on Monday and\nagreed on a plan.\n\nIt ends today.\n");
        assertThat(new CorpusLoader().load(dir).get(0).sentences()).extracting(Sentence::text)
                .containsExactly("Leaders met in Geneva on Monday and agreed on a plan.", "It ends today.");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-8"})
    void should_read_a_file_in_the_encoding_its_byte_order_mark_names(String encoding) throws Exception {
        java.nio.charset.Charset charset = java.nio.charset.Charset.forName(encoding);
        Files.write(dir.resolve("a.txt"), ("\uFEFFThe minister said \u201cno\u201d at the caf\u00e9.").getBytes(charset));
        assertThat(new CorpusLoader().load(dir).get(0).sentences()).extracting(Sentence::text)
                .containsExactly("The minister said \u201cno\u201d at the caf\u00e9.");
    }

    @Test
    void should_load_a_text_without_full_stops_instead_of_skipping_it() throws Exception {
        Files.writeString(dir.resolve("list.txt"), "Apples from Kent\nPears from Anjou\n");
        assertThat(new CorpusLoader().load(dir).get(0).sentences()).extracting(Sentence::text)
                .containsExactly("Apples from Kent", "Pears from Anjou");
    }

    @Test
    void should_take_outlet_title_address_and_date_from_a_json_sidecar_and_not_read_it_as_an_article() throws Exception {
        Files.writeString(dir.resolve("kim.txt"), "Kim will not come. He stays home.\n");
        Files.writeString(dir.resolve("other.txt"), "Nothing is known of this one.\n");
        Files.writeString(dir.resolve("sources.json"), "[{\"file\": \"kim.txt\", \"outlet\": \"The Diplomat\", "
                + "\"title\": \"Kim stays home\", \"url\": \"https://example.com/kim\", \"published\": \"2015-04-30\"}]");
        List<Article> articles = new CorpusLoader().load(dir);
        assertThat(articles).extracting(Article::source).containsExactly("kim.txt", "other.txt");
        assertThat(articles.get(0)).extracting(Article::outlet, Article::title, Article::url, Article::published)
                .containsExactly("The Diplomat", "Kim stays home", "https://example.com/kim", "2015-04-30");
        assertThat(articles.get(1)).extracting(Article::outlet, Article::url, Article::published)
                .containsExactly("", "", "");
    }

    @Test
    void should_read_a_csv_sidecar_and_keep_what_the_text_shows_where_a_cell_is_empty() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "MOSCOW (AP) \u2014 Kim will not come. He stays home.\n");
        Files.writeString(dir.resolve("sources.csv"), "file,outlet,title,url,date\n"
                + "a.txt,,\"Kim, at home\",https://example.com/a,2015-04-30\n");
        Article a = new CorpusLoader().load(dir).get(0);
        assertThat(a).extracting(Article::outlet, Article::title, Article::url, Article::published)
                .containsExactly("Associated Press", "Kim, at home", "https://example.com/a", "2015-04-30");
    }

    @Test
    void should_load_the_articles_when_the_sidecar_is_broken() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "Kim will not come.\n");
        Files.writeString(dir.resolve("sources.json"), "{not json");
        assertThat(new CorpusLoader().load(dir)).extracting(Article::source).containsExactly("a.txt");
    }

    @Test
    void should_show_a_date_for_every_bundled_article_that_has_one_and_name_every_outlet() {
        List<Article> seeds = new CorpusLoader().load(Path.of("seeds"));
        assertThat(seeds).extracting(Article::outlet).doesNotContain("", "unknown");
        assertThat(seeds.subList(0, 3)).extracting(Article::published).containsOnly("2015-04-30");
    }
}
