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
}
