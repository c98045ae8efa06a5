package io.github.citebot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import static org.assertj.core.api.Assertions.assertThat;

class MessageRouterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MessageRouter router = new MessageRouter(FakeBotApi.BOT_ID, "Cite_Bot");

    /** A message as the Bot API sends it; {@code text} "-" means a sticker. */
    private static Message message(String chatType, String text, boolean replyToBot) throws Exception {
        ObjectNode m = JSON.createObjectNode().put("message_id", 7).put("date", 1_700_000_000L);
        m.putObject("chat").put("id", chatType.equals("private") ? 5 : -100).put("type", chatType);
        m.putObject("from").put("id", 5).put("is_bot", false).put("first_name", "Ann");
        if (text.equals("-")) {
            m.putObject("sticker").put("file_id", "x").put("file_unique_id", "y").put("type", "regular");
        } else {
            m.put("text", text);
        }
        if (replyToBot) {
            ObjectNode r = m.putObject("reply_to_message").put("message_id", 6).put("date", 1_700_000_000L);
            r.set("chat", m.get("chat"));
            r.putObject("from").put("id", FakeBotApi.BOT_ID).put("is_bot", true).put("first_name", "citebot");
        }
        return JSON.treeToValue(m, Message.class);
    }

    @ParameterizedTest(name = "{0} \"{1}\" reply-to-bot={2} -> {3} {4}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            private    | Why did Kim stay?               | false | QUESTION        | Why did Kim stay?
            private    | /start                           | false | START           | ''
            private    | /HELP                            | false | HELP            | ''
            private    | /sources@cite_bot                | false | SOURCES         | ''
            private    | /ask   Why did Kim stay?         | false | QUESTION        | Why did Kim stay?
            private    | /ask                             | false | EMPTY_QUESTION  | ''
            private    | /weather                         | false | UNKNOWN_COMMAND | /weather
            private    | -                                | false | NOT_TEXT        | ''
            supergroup | Why did Kim stay?                | false | null            | null
            supergroup | @Cite_Bot why did Kim stay?      | false | QUESTION        | why did Kim stay?
            supergroup | so, @cite_bot, why?              | false | QUESTION        | so, why?
            supergroup | @Cite_Botanist why did Kim stay? | false | null            | null
            supergroup | Why did Kim stay?                | true  | QUESTION        | Why did Kim stay?
            supergroup | /ask Why did Kim stay?           | false | QUESTION        | Why did Kim stay?
            supergroup | /ask@other_bot Why?              | false | null            | null
            supergroup | /weather                         | false | null            | null
            supergroup | /weather@Cite_Bot                | false | UNKNOWN_COMMAND | /weather@Cite_Bot
            supergroup | -                                | false | null            | null
            supergroup | -                                | true  | NOT_TEXT        | ''
            group      | @cite_bot                        | false | EMPTY_QUESTION  | ''
            channel    | Why did Kim stay?                | false | null            | null
            """)
    void should_answer_only_what_is_meant_for_the_bot(String chatType, String text, boolean replyToBot, String kind,
                                                     String question) throws Exception {
        var intent = router.route(message(chatType, text, replyToBot));
        if (kind == null) {
            assertThat(intent).isEmpty();
        } else {
            assertThat(intent).contains(new Intent(Intent.Kind.valueOf(kind), question));
        }
    }
}
