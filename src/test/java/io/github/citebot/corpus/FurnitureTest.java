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
            "Support independent journalism. Make a contribution today.", "Already a subscriber? Log in.",
            // time stamps in the forms outlets print them, with or without "Published", after the author's name
            "Published March 4, 2025 5:32pm EST", "Published: 2:32pm, 4 Mar 2025", "Tue 4 Mar 2025 10.32 GMT",
            "March 4, 2025 at 9:32 a.m. EST", "03/04/2025 02:32 PM EST", "Updated 14:32, 04-Mar-2025", "Mar 04, 2025",
            "Jiwon Han March 4, 2025", "Last modified on Tue 4 Mar 2025 17.00 GMT", "21:45 GMT",
            // the page's gates and tools
            "The Guardian - Back to home", "Back to top", "Save articles to read later and create your own reading list.",
            "Sign in to keep reading. It's free and only takes a minute.", "Create an account or log in to continue reading",
            "Get unlimited access to NK News and NK Pro with a subscription.", "NEWYou can now listen to Fox News articles!",
            "We use cookies to improve your experience. By continuing, you agree to our cookie policy.",
            "This site uses cookies.", "Manage cookies", "Story tips can be sent to jane.miller@example.com.",
            // wire credits and notes
            "--With assistance from Min Jeong Lee.", "(Updates with governor’s comments in fourth paragraph.)",
            "(Adds analyst comment in paragraph 5)", "To contact the reporter on this story: Hyun-jin Cho in Seoul",
            "Edited by Bryan Betts", "Translation by Jane Doe",
            // blog and newspaper appeals
            "Thanks for reading Asia Rails Notebook! Subscribe for free to receive new posts and support my work.",
            "By subscribing, you can help us get the story right.", "Donate now.", "Become a member today.",
            "By Jane Doe and John Roe.", "By JANE DOE Associated Press", "By Jane Doe in Seoul.",
            "Skip to site index", "A version of this article appears in print on March 5, 2025, Section A, Page 8 of the "
                    + "New York edition with the headline: Kim Opens Ski Resort."})
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
            "Kim Jong Un has backed out of next month's visit to Moscow.",
            // appeals, credits, gates and time stamps in a story's own words
            "Ukraine has long sought to become a member of NATO, the minister said.",
            "The company will donate 1 million won to flood victims, it said.",
            "\"Thank you for your support,\" the minister told the crowd.",
            "Please support the families of the victims, the mayor said.",
            "The photo was taken by a drone, police said.",
            "Regulators said the website uses cookies to track users without consent.",
            "Readers can now listen to the archive online, the library said.",
            "The parade will begin at 10:30 a.m. on May 9, officials said.",
            "(Updates to the law take effect in May.)",
            "He was edited out of the photo by state media, analysts said.",
            "By noon, 40 people had died.", "Translated by Kim, the book sold well.", "By 2030, trains may run.",
            "Seoul Marathon March 16"})
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
