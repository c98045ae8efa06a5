package io.github.citebot.corpus;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The furniture rules on the common forms outlets use, and on story sentences that only look alike. */
class FurnitureTest {

    @ParameterizedTest
    @ValueSource(strings = {"Photo: Maria Lopez / Riverton Gazette", "(Photo by Jane Doe/Getty Images)",
            "Ray Fields/AP", "Image credit: NASA", "A crew repairs a line on Friday. (AP Photo/Ray Fields)",
            "Students pose on Monday. (Photo: Sam Reed)", "By Tom Baker, Staff Writer", "Tom Baker | Senior Correspondent",
            "By JANE DOE", "Reporting by Jane Doe; Editing by John Roe", "Updated 9:02 p.m. ET March 4, 2025",
            "Published March 4, 2025", "This story has been updated to include comments from the mayor.",
            "Correction: An earlier version of this story misstated the date.", "Editor's note: names have been changed.",
            "An earlier version of this article gave the wrong depth.", "Our Standards: The Thomson Reuters Trust Principles.", "Skip to main content",
            "Copyright 2024 The Associated Press. All rights reserved. This material may not be published, broadcast, "
                    + "rewritten or redistributed without permission.", "© 2024 Daily Planet. All rights reserved.",
            "Read more: Riverton's roads budget doubles",
            "RELATED: Coastal towns brace for another storm season", "Related", "See also: the 2019 floods",
            "Sign up for our Morning Briefing newsletter to get the day's top stories in your inbox.",
            "Support independent journalism. Make a contribution today.", "Already a subscriber? Log in."})
    void should_recognise_the_common_forms_of_furniture(String paragraph) {
        assertThat(Furniture.isFurniture(paragraph)).as(paragraph).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"By Tuesday, the council had voted to close the bridge for six months.",
            "Updated figures show 3 percent growth in the second quarter.",
            "Officials, reporters and residents gathered outside city hall.",
            "Related research suggests the bridge is safe for another decade.",
            "The photo shows the mayor at the bridge on Tuesday.",
            "Officials said the names may not be published until the families are told.",
            "Copyright lawyers for the band filed suit on Monday.",
            "Kim Jong Un has backed out of next month's visit to Moscow."})
    void should_leave_story_sentences_that_only_look_like_furniture(String paragraph) {
        assertThat(Furniture.isFurniture(paragraph)).as(paragraph).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Jane Doe, Staff Writer", "John Roe, Correspondent"})
    void should_never_take_a_staff_title_for_an_outlet(String byline) {
        assertThat(Furniture.CREDIT.matcher(byline).matches()).isFalse();
        assertThat(Furniture.isByline(byline)).isTrue();
    }
}
