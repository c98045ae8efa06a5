package io.github.citebot.cli;

import io.github.citebot.index.elasticsearch.ElasticsearchNode;
import io.github.citebot.index.elasticsearch.SharedNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code --store elasticsearch} on the command line, against a real node. */
@ExtendWith(SharedNode.class)
class ElasticsearchStoreTest {

    private static final String DEV = "src/test/resources/eval/dev.jsonl";

    /** The exit code, standard output and standard error of one command line. */
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static double hitAt1(Run eval) {
        Matcher m = Pattern.compile("hit@1=([0-9.]+)").matcher(eval.out());
        assertThat(m.find()).as("eval output: %s %s", eval.out(), eval.err()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void answers_from_elasticsearch_score_as_the_in_memory_answers_do(ElasticsearchNode node, @org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        Run memory = run("eval", DEV, "--out", tmp.resolve("memory.jsonl").toString());
        Run es = run("eval", DEV, "--store", "elasticsearch", "--es-url", node.url(), "--es-index", "eval",
                "--out", tmp.resolve("es.jsonl").toString());

        assertThat(memory.code()).isZero();
        assertThat(es.code()).as(es.err()).isZero();
        assertThat(hitAt1(es)).isCloseTo(hitAt1(memory), within(0.05));
        List<String> a = Files.readAllLines(tmp.resolve("memory.jsonl"));
        List<String> b = Files.readAllLines(tmp.resolve("es.jsonl"));
        long same = java.util.stream.IntStream.range(0, a.size()).filter(i -> a.get(i).equals(b.get(i))).count();
        System.out.printf("hit@1 in memory %.3f, on Elasticsearch %.3f; %d of %d answers identical%n",
                hitAt1(memory), hitAt1(es), same, a.size());
    }

    @Test
    void an_unreachable_node_gives_a_one_line_error_and_exit_code_2() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }

        Run r = run("ask", "Why didn't Kim go?", "--store", "elasticsearch", "--es-url", "http://127.0.0.1:" + closed);

        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("citebot: cannot reach Elasticsearch at http://127.0.0.1:" + closed);
    }

    @Test
    void the_elasticsearch_store_without_a_url_is_refused_with_exit_code_2() {
        Run r = run("ask", "Why didn't Kim go?", "--store", "elasticsearch", "--es-url", "");

        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().strip()).isEqualTo("citebot: no Elasticsearch URL: give --es-url URL or set CITEBOT_ES_URL");
    }
}
