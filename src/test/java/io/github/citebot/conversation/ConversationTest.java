package io.github.citebot.conversation;

import io.github.citebot.CiteBot;
import io.github.citebot.SharedBot;
import io.github.citebot.answer.Answer;
import io.github.citebot.answer.Citation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Real multi-turn chats over the bundled articles, through the library. */
class ConversationTest {

    private final CiteBot bot = SharedBot.seeds();

    @Test
    void should_answer_a_first_question_exactly_as_asked_alone() {
        Answer alone = bot.ask("Which Chinese leader will attend the events in Moscow?");
        Answer first = bot.conversation().ask("Which Chinese leader will attend the events in Moscow?");
        assertThat(first).isEqualTo(alone);
        assertThat(first.searched()).isNull();
    }

    @Test
    void should_read_a_pronoun_with_the_question_before_it() {
        Conversation chat = bot.conversation();
        Answer first = chat.ask("Which Chinese leader will attend the events in Moscow?");
        assertThat(first.citations().get(0).sentence()).contains("Xi Jinping");

        Answer followUp = chat.ask("Has he visited North Korea?");

        assertThat(followUp.answered()).isTrue();
        assertThat(followUp.question()).isEqualTo("Has he visited North Korea?");
        assertThat(followUp.searched()).startsWith("Has he visited North Korea?").contains("Chinese");
        assertThat(followUp.citations().get(0).sentence()).contains("Xi").contains("North Korea");
    }

    @Test
    void should_answer_a_new_subject_as_if_it_were_the_first_question() {
        Conversation chat = bot.conversation();
        chat.ask("Why didn't Kim go to Moscow?");

        Answer shift = chat.ask("What will German Chancellor Angela Merkel do in Moscow?");

        assertThat(shift.searched()).isNull();
        assertThat(shift.citations()).isEqualTo(bot.ask("What will German Chancellor Angela Merkel do in Moscow?").citations());
    }

    @Test
    void should_still_refuse_a_follow_up_the_articles_do_not_answer() {
        Conversation chat = bot.conversation();
        chat.ask("What new weapon will Russia show off at the parade?");

        Answer a = chat.ask("How much did it cost?");

        assertThat(a.answered()).isFalse();
        assertThat(a.text()).isEqualTo(Answer.NO_ANSWER);
    }

    @Test
    void should_start_afresh_after_reset_and_keep_only_the_last_turns() {
        Conversation chat = bot.conversation();
        for (int i = 0; i < Conversation.MAX_TURNS + 2; i++) {
            chat.ask("Why didn't Kim go to Moscow?");
        }
        assertThat(chat.turns()).hasSize(Conversation.MAX_TURNS);
        assertThat(chat.turns().get(0).cited()).extracting(s -> s.text())
                .containsExactlyElementsOf(chat.turns().get(0).answer().citations().stream().map(Citation::sentence).toList());

        chat.reset();

        assertThat(chat.turns()).isEmpty();
        assertThat(chat.ask("Has he visited North Korea?").searched()).isNull();
    }

    @Test
    void should_keep_two_conversations_of_one_bot_apart() {
        Conversation kim = bot.conversation();
        Conversation xi = bot.conversation();
        kim.ask("Why didn't Kim go to Moscow?");
        xi.ask("Which Chinese leader will attend the events in Moscow?");

        Answer a = xi.ask("Has he visited North Korea?");

        assertThat(a.searched()).contains("Chinese").doesNotContain("Kim go");
        assertThat(kim.turns()).hasSize(1);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
            "Why did Kim cancel his trip to Moscow?       | Who said that?",
            "Why is Kim Jong Un not going to Moscow?      | Who said that?"})
    void should_answer_who_said_it_with_a_new_sentence_that_says_who(String first, String followUp) {
        Conversation chat = bot.conversation();
        String before = chat.ask(first).citations().get(0).sentence();

        Answer a = chat.ask(followUp);

        assertThat(bot.ask(followUp).answered()).as("asked alone").isFalse();
        assertThat(a.answered()).isTrue();
        assertThat(a.searched()).startsWith(followUp).contains("Kim");
        assertThat(a.citations().get(0).sentence()).isNotEqualTo(before).containsPattern("Kim")
                .containsPattern("\\b(?:said|told|quoted|according to)\\b");
    }

    /** Two articles that both tell where a name comes from: "the name" is the one the chat is about. */
    @Test
    void should_read_a_question_that_does_not_say_what_it_is_about_with_the_conversation(@TempDir Path dir)
            throws Exception {
        try (CiteBot small = townAndRiver(dir)) {
            assertThat(small.ask("where does the name come from?").citations().get(0).sentence())
                    .as("asked alone").startsWith("Its name");
            Conversation chat = small.conversation();
            chat.ask("When did the Saxby river flood?");

            Answer a = chat.ask("where does the name come from?");

            assertThat(a.searched()).contains("Saxby");
            assertThat(a.citations().get(0).sentence()).startsWith("The name of the river");
            // The conversation leads the search to the floods; whether they answer is the question's own say.
            assertThat(chat.ask("who paid for the rescue?").answered()).isFalse();
        }
    }

    /** The question as typed finds a sentence on a wife, in the other article: no answer on the fair's opener's. */
    @Test
    void should_refuse_a_follow_up_whose_words_only_another_subject_matches(@TempDir Path dir) throws Exception {
        try (CiteBot small = townAndRiver(dir)) {
            assertThat(small.ask("What did his wife say about it?").citations().get(0).sentence())
                    .as("asked alone").contains("wife of a farmer");
            Conversation chat = small.conversation();
            assertThat(chat.ask("Who opened the anniversary fair?").citations().get(0).sentence()).contains("Ortiz");

            Answer a = chat.ask("What did his wife say about it?");

            assertThat(a.answered()).as("confidence %s, citing %s", a.confidence(), a.citations()).isFalse();
        }
    }

    private static CiteBot townAndRiver(Path dir) throws Exception {
        Files.writeString(dir.resolve("town.txt"), "Harwick celebrates 300 years\n\n"
                + "The market town of Harwick was founded in 1724 by wool merchants from the coast.\n\n"
                + "Its name comes from an old word for a sheep farm, the town's historians say.\n\n"
                + "The mayor, Ellen Ortiz, opened the anniversary fair on Saturday with a parade through the old square.\n");
        Files.writeString(dir.resolve("river.txt"), "Floods close the Saxby valley\n\n"
                + "The Saxby river burst its banks on Sunday after a week of heavy rain.\n\n"
                + "The name of the river comes from a Norse word for a fast stream.\n\n"
                + "\"The water rose within minutes,\" the wife of a farmer near the river said about the flood.\n\n"
                + "Rescue teams moved two hundred people from low-lying farms to a school in the valley.\n");
        return CiteBot.builder().corpus(dir).noCache().build();
    }

    @Test
    void should_answer_a_question_with_nothing_of_its_own_from_the_conversation() {
        Conversation chat = bot.conversation();
        chat.ask("Is Angela Merkel going to the Moscow parade?");

        Answer a = chat.ask("With whom?");

        assertThat(bot.ask("With whom?").answered()).as("asked alone").isFalse();
        assertThat(a.answered()).isTrue();
        assertThat(a.citations().get(0).sentence()).contains("Merkel").contains("Putin");
    }
}
