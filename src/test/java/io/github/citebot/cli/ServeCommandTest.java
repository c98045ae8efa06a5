package io.github.citebot.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code citebot serve} as an operator runs it: one-line errors, exit 2 for bad input, a clean stop on SIGTERM. */
class ServeCommandTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(oldErr);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void should_exit_2_in_one_line_when_the_port_is_in_use() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(Main.run("serve", "--port", Integer.toString(taken.getLocalPort()))).isEqualTo(2);
        }
        assertThat(err()).hasLineCount(1).contains("in use").doesNotContain("Exception");
    }

    @Test
    void should_exit_2_for_a_port_out_of_range() {
        assertThat(Main.run("serve", "--port", "70000")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("--port");
    }

    @Test
    void sigterm_stops_the_server_cleanly_after_it_answered(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("output.txt");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.github.citebot.cli.Main", "serve", "--port", "0",
                "--no-cache");
        pb.redirectErrorStream(true).redirectOutput(output.toFile());
        Process process = pb.start();
        try {
            URI base = awaitListening(output, process);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            do {
                Thread.sleep(200);
                health = http.send(HttpRequest.newBuilder(base.resolve("api/health")).build(), HttpResponse.BodyHandlers.ofString());
            } while (health.statusCode() == 503 && System.nanoTime() < deadline);
            assertThat(health.body()).contains("\"ready\"");
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("api/ask"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"Why didn't Kim go to Moscow?\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(printed).contains("server stopped").doesNotContain("Exception", "reachable from other machines");
    }

    private static URI awaitListening(Path output, Process process) throws Exception {
        Pattern listening = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher m = listening.matcher(Files.readString(output, StandardCharsets.UTF_8));
            if (m.find()) {
                return URI.create(m.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not say where it listens: " + Files.readString(output, StandardCharsets.UTF_8));
    }
}
