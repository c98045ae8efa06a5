package io.github.citebot.telegram;

import io.github.citebot.CiteBotException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelegramConfigTest {

    private static final String TOKEN = FakeBotApi.TOKEN;
    private static final String SECRET = TOKEN.substring(TOKEN.indexOf(':') + 1);

    private static TelegramConfig config(String... keyValues) {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return TelegramConfig.fromEnvironment(env);
    }

    @Test
    void should_need_a_token() {
        assertThatThrownBy(() -> TelegramConfig.fromEnvironment(Map.of())).isInstanceOf(CiteBotException.class)
                .hasMessage("TELEGRAM_BOT_TOKEN is not set: export the token @BotFather gave your bot");
    }

    @ParameterizedTest
    @ValueSource(strings = {"987654", "abc:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "123:short", "123:has space in the secret part ok"})
    void should_reject_a_malformed_token_without_showing_it(String token) {
        assertThatThrownBy(() -> config("TELEGRAM_BOT_TOKEN", token)).isInstanceOf(CiteBotException.class)
                .hasMessageStartingWith("TELEGRAM_BOT_TOKEN is malformed").hasMessageNotContaining(token);
    }

    @Test
    void should_default_to_telegram_and_read_host_port_and_scheme() {
        assertThat(config("TELEGRAM_BOT_TOKEN", TOKEN).apiAddress()).isEqualTo("https://api.telegram.org:443");
        assertThat(config("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", "http://127.0.0.1:8081/").apiAddress())
                .isEqualTo("http://127.0.0.1:8081");
        assertThat(config("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", "https://bots.example.org").apiAddress())
                .isEqualTo("https://bots.example.org:443");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8081/telegram", "https://api.telegram.org/bot" + FakeBotApi.TOKEN + "/getMe",
            "http://host:1/?x=1"})
    void should_reject_an_api_url_with_a_path_clearly_and_without_the_token(String url) {
        assertThatThrownBy(() -> config("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", url))
                .isInstanceOf(CiteBotException.class)
                .hasMessageContaining("TELEGRAM_API_URL must be scheme://host[:port] with no path")
                .hasMessageNotContaining(SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host", "localhost:8081", "not a url"})
    void should_reject_an_api_url_that_is_not_http(String url) {
        assertThatThrownBy(() -> config("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", url))
                .isInstanceOf(CiteBotException.class).hasMessageStartingWith("TELEGRAM_API_URL ");
    }

    @Test
    void should_read_the_allow_list_and_allow_every_chat_without_one() {
        TelegramConfig open = config("TELEGRAM_BOT_TOKEN", TOKEN);
        assertThat(open.allows(5)).isTrue();
        TelegramConfig closed = config("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_ALLOWED_CHATS", " 12, -1001234567890 ,");
        assertThat(closed.allowedChats()).containsExactlyInAnyOrder(12L, -1001234567890L);
        assertThat(closed.allows(12)).isTrue();
        assertThat(closed.allows(13)).isFalse();
        assertThatThrownBy(() -> config("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_ALLOWED_CHATS", "12,@group"))
                .isInstanceOf(CiteBotException.class).hasMessageContaining("'@group' is not a chat id");
    }

    @Test
    void should_never_show_the_token_in_its_text_and_redact_it_elsewhere() {
        TelegramConfig c = config("TELEGRAM_BOT_TOKEN", TOKEN);
        assertThat(c.toString()).contains("token=<hidden>").doesNotContain(SECRET);
        assertThat(c.redact("GET /bot" + TOKEN + "/getMe and " + SECRET)).isEqualTo("GET /bot<token>/getMe and <token>");
    }
}
