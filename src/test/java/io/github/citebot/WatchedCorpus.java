package io.github.citebot;

import dev.langchain4j.model.embedding.EmbeddingModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** For front-end tests: a corpus folder holding one short article, and a bot that watches it. */
public final class WatchedCorpus implements AutoCloseable {

    public static final String PARADE = """
            Victory Day parade held in Moscow

            MOSCOW (AP) — The Victory Day parade took place on Red Square in Moscow on Saturday.

            Thousands of soldiers marched past the Kremlin walls as leaders watched from the stands.

            The parade marked 70 years since the end of World War II in Europe.
            """;
    public static final String VOLCANO = """
            Volcano erupts in Iceland

            REYKJAVIK (AP) — A volcano erupted in southern Iceland on Tuesday night, the meteorological office said.

            The eruption sent lava fountains 100 metres into the air and closed the nearby airport.

            Residents of the town of Grindavik were evacuated before the eruption began.
            """;

    private final Path folder;
    private final CiteBot bot;

    private WatchedCorpus(Path folder, CiteBot bot) {
        this.folder = folder;
        this.bot = bot;
    }

    /**
     * Writes {@code parade.txt} into the folder and builds a bot watching it, without an embedding cache.
     *
     * @param model the model to embed with, or null for the bundled default
     */
    public static WatchedCorpus start(Path folder, EmbeddingModel model) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("parade.txt"), PARADE);
        CiteBot.Builder builder = CiteBot.builder().corpus(folder).noCache().watch(true)
                .watchSettle(Duration.ofMillis(100));
        return new WatchedCorpus(folder, (model == null ? builder : builder.embeddingModel(model)).build());
    }

    public Path folder() {
        return folder;
    }

    public CiteBot bot() {
        return bot;
    }

    /** Writes an article into the folder and waits until the bot has reloaded. */
    public void add(String fileName, String text) throws IOException, InterruptedException {
        long before = bot.generation();
        Files.writeString(folder.resolve(fileName), text);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (bot.generation() == before) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the bot did not reload within 30 s of writing " + fileName);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        bot.close();
    }
}
