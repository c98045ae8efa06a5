package io.github.citebot.cli;

import io.github.citebot.CiteBot;
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

    @Mixin
    BotOptions options;

    @Override
    public Integer call() {
        // Listing the articles needs no model and no index: load the corpus only.
        System.out.print(render(new CorpusLoader().load(options.corpus)));
        return 0;
    }

    /** The articles as a table, one line each: source id, outlet, sentence count, title, date and address when known. */
    static String render(List<Article> articles) {
        StringBuilder out = new StringBuilder();
        for (Article a : articles) {
            out.append(String.format("%-28s %-18s %4d  %s", a.source(), a.outlet(), a.sentences().size(), a.title()));
            if (!a.published().isEmpty()) {
                out.append(", ").append(a.published());
            }
            if (!a.url().isEmpty()) {
                out.append(' ').append(a.url());
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }
}
