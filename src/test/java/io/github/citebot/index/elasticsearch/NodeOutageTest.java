package io.github.citebot.index.elasticsearch;

import io.github.citebot.CiteBot;
import io.github.citebot.answer.Answer;
import io.github.citebot.index.BackendUnavailableException;
import io.github.citebot.embedding.Models;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The node going away mid-session and coming back: users are told, then answered again, with no restart. */
class NodeOutageTest {

    private static final String QUESTION = "Why didn't Kim go to Moscow?";
    private static ElasticsearchNode node;

    @BeforeAll
    static void startNode() {
        node = ElasticsearchNode.startSingle();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void questions_get_backend_unavailable_while_the_node_is_down_and_answers_once_it_is_back() {
        ElasticsearchBackend es = ElasticsearchBackend.connect(node.url(), "outage", Models.DEFAULT_NAME,
                Duration.ofSeconds(1));
        try (CiteBot bot = CiteBot.builder().corpus(Path.of("seeds")).backend(es).build()) {
            Answer before = bot.ask(QUESTION);
            assertThat(before.answered()).isTrue();

            node.stop();

            assertThatThrownBy(() -> bot.ask(QUESTION)).isInstanceOf(BackendUnavailableException.class)
                    .hasMessage("search backend unavailable, try again shortly");

            node.start();

            assertThat(askUntilAnswered(bot, Duration.ofSeconds(90))).isEqualTo(before);
        }
    }

    /** Asks as a user would, again and again after "try again shortly", until the answer comes. */
    private static Answer askUntilAnswered(CiteBot bot, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return bot.ask(QUESTION);
            } catch (BackendUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }
}
