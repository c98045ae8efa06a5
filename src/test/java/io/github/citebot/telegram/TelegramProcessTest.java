package io.github.citebot.telegram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code citebot telegram} as an operator runs it: its own JVM, configured by environment variables only, with
 * every logger of the Telegram library at debug. It survives an outage, answers, and on SIGTERM answers the
 * updates it already took before it exits; nothing it prints holds the token.
 */
class TelegramProcessTest {

    static final String SECRET = FakeBotApi.TOKEN.substring(FakeBotApi.TOKEN.indexOf(':') + 1);

    @Test
    void sigterm_answers_the_updates_already_taken_then_exits_and_no_output_shows_the_token(@TempDir Path dir)
            throws Exception {
        Path output = dir.resolve("output.txt");
        try (FakeBotApi api = new FakeBotApi()) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    "-Dorg.slf4j.simpleLogger.log.org.telegram=debug",
                    "-Dorg.slf4j.simpleLogger.log.org.telegram.telegrambots.longpolling.BotSession=debug",
                    "-Dorg.slf4j.simpleLogger.log.okhttp3=debug",
                    "-Dorg.slf4j.simpleLogger.log.io.github.citebot=debug",
                    "io.github.citebot.cli.Main", "telegram", "--verbose");
            pb.environment().put(TelegramConfig.TOKEN_VARIABLE, FakeBotApi.TOKEN);
            pb.environment().put(TelegramConfig.API_URL_VARIABLE, api.url());
            pb.environment().remove(TelegramConfig.ALLOWED_CHATS_VARIABLE);
            pb.redirectErrorStream(true).redirectOutput(output.toFile());
            Process process = pb.start();
            try {
                assertThat(api.awaitCalls("getUpdates", 1, Duration.ofSeconds(90))).as("polling started").isTrue();
                api.sendText(301, TelegramBotTest.QUESTION);
                assertThat(api.awaitSent(301, 1, Duration.ofSeconds(20))).hasSize(1);

                api.stop();
                Thread.sleep(1000);
                api.start();
                api.sendText(301, TelegramBotTest.QUESTION);
                assertThat(api.awaitSent(301, 2, Duration.ofSeconds(60))).as("answers after the outage").hasSize(2);

                for (int i = 0; i < 5; i++) {
                    for (long chat = 302; chat < 306; chat++) {
                        api.sendText(chat, TelegramBotTest.EXAMPLES.get(i % 3));
                    }
                }
                assertThat(api.awaitAllTaken(Duration.ofSeconds(20))).isTrue();
                process.destroy(); // SIGTERM
                assertThat(process.waitFor(40, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
            } finally {
                process.destroyForcibly();
            }
            List<FakeBotApi.Sent> sent = api.sent();
            for (long chat = 302; chat < 306; chat++) {
                long c = chat;
                assertThat(sent).filteredOn(s -> s.chatId() == c).as("answers in chat %d", c).hasSize(5);
            }
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(printed).contains("answers on Telegram").contains("is unreachable").contains("Telegram bot stopped");
        assertThat(printed).doesNotContain(FakeBotApi.TOKEN).doesNotContain(SECRET);
    }
}
