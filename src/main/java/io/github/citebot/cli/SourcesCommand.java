package io.github.citebot.cli;

import io.github.citebot.answer.AnsiRenderer;
import io.github.citebot.answer.TerminalText;
import io.github.citebot.corpus.Article;
import io.github.citebot.corpus.CorpusLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code citebot sources}: the articles of the corpus. */
@Command(name = "sources", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List the articles: source id, outlet, sentence count, title, date and address where known.")
final class SourcesCommand implements Callable<Integer> {

    /** The fewest columns a title is wrapped into beside the others; below, it goes on lines of its own. */
    private static final int MIN_TITLE_WIDTH = 24;

    @Mixin
    BotOptions options;

    @Override
    public Integer call() {
        // Listing the articles needs no model and no index: load the corpus only.
        System.out.print(render(new CorpusLoader().load(options.corpus()), Repl.terminalWidth()));
        return 0;
    }

    /**
     * The articles as a table, one line each: source id, outlet, sentence count, then the title with the date and
     * address when known. A title too long for the width wraps at word boundaries under itself, or, when the
     * columns before it leave it too little room, on lines of its own under an indent.
     *
     * @param width the terminal's width in columns; 0 or less (output not a terminal) does not wrap
     */
    static String render(List<Article> articles, int width) {
        StringBuilder out = new StringBuilder();
        // As wide as the longest file name and outlet (Wikipedia-style names outgrow 28 columns), so that the counts
        // and the titles line up.
        String row = "%-" + widest(articles, Article::source, 28) + "s %-" + widest(articles, Article::outlet, 18) + "s %4d  ";
        for (Article a : articles) {
            String columns = String.format(row, TerminalText.safe(a.source()), TerminalText.safe(a.outlet()), a.sentences().size());
            StringBuilder title = new StringBuilder(a.title());
            if (!a.published().isEmpty()) {
                title.append(" (").append(a.published()).append(')'); // apart from the title's last word
            }
            if (!a.url().isEmpty()) {
                title.append(' ').append(a.url());
            }
            String shown = TerminalText.safe(title.toString());
            if (width <= 0 || width - columns.length() >= MIN_TITLE_WIDTH) {
                out.append(AnsiRenderer.wrap(columns, shown, " ".repeat(columns.length()), width));
            } else {
                out.append(columns.stripTrailing()).append('\n').append(AnsiRenderer.wrap("    ", shown, "    ", width));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static int widest(List<Article> articles, java.util.function.Function<Article, String> column, int least) {
        return articles.stream().mapToInt(a -> TerminalText.safe(column.apply(a)).length()).reduce(least, Math::max);
    }
}
