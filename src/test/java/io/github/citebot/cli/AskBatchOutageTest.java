package io.github.citebot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.embedding.Embedding;
import io.github.citebot.CiteBot;
import io.github.citebot.corpus.Sentence;
import io.github.citebot.index.BackendUnavailableException;
import io.github.citebot.index.Hit;
import io.github.citebot.index.MemoryBackend;
import io.github.citebot.index.SearchBackend;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** An `ask --json` batch goes on through a backend outage: the lines asked meanwhile get an error object. */
class AskBatchOutageTest {

    /** The real in-memory backend, unreachable for the second search (an outage). */
    static final class Outage implements SearchBackend {
        final MemoryBackend real = new MemoryBackend();
        final AtomicInteger searches = new AtomicInteger();

        @Override
        public void add(List<Sentence> sentences, List<Embedding> embeddings) {
            real.add(sentences, embeddings);
        }

        @Override
        public List<Hit> dense(Embedding query, int k) {
            int n = searches.incrementAndGet();
            if (n == 2) {
                throw new BackendUnavailableException(new java.net.ConnectException("connection refused"));
            }
            return real.dense(query, k);
        }

        @Override
        public List<Hit> lexical(String question, int k) {
            return real.lexical(question, k);
        }

        @Override
        public int size() {
            return real.size();
        }
    }

    @Test
    void should_write_an_error_line_for_a_question_asked_while_the_backend_is_away_and_go_on() throws Exception {
        try (CiteBot bot = CiteBot.builder().corpus(Path.of("seeds")).backend(new Outage()).build()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            AskCommand.answerLines(bot, new BufferedReader(new StringReader(
                    "Who is Shin Kyung-min?\nWho is Jang Song Thaek?\nHas Kim ever visited China?\n")),
                    new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
            List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
            ObjectMapper json = new ObjectMapper();
            assertThat(lines).hasSize(3);
            assertThat(json.readTree(lines.get(0)).get("answered").asBoolean()).isTrue();
            assertThat(json.readTree(lines.get(1)).get("error").asText()).isEqualTo(BackendUnavailableException.MESSAGE);
            assertThat(json.readTree(lines.get(2)).get("answered").asBoolean()).isTrue();
        }
    }
}
