package io.github.citebot.corpus;

import java.util.regex.Pattern;

/**
 * Recognises page furniture in a news article: text around the story that is never citable, such as donation
 * appeals, bylines, photo credits and gallery counters. Each rule looks at one paragraph.
 */
final class Furniture {

    /** "1 of 3": a photo gallery's counter. */
    private static final Pattern COUNTER = Pattern.compile("^\\d+ of \\d+$");
    /** "Alexander Zemlianichenko, Associated Press": a photo credit (a name, a comma, an agency). */
    static final Pattern CREDIT = Pattern.compile(
            "^\\p{Lu}[\\p{L}.'’-]*(?: \\p{Lu}[\\p{L}.'’-]*){0,3}, ((?:The )?\\p{Lu}[\\p{L}&'’-]*(?: \\p{Lu}[\\p{L}&'’-]*){0,3})$");
    /** Appeals for money or attention; the first one near the end starts the page's tail. */
    private static final Pattern APPEAL = Pattern.compile("(?i)^support (?:us|the [^.]{2,40}!)|favou?r to ask"
            + "|\\bdonat(?:e|ion)\\b|please support|your support|remind me later|not ready to support"
            + "|pai?ment methods|^read more$|^subscribe\\b|become a (?:member|subscriber)|sign up for our newsletter");
    /** Bylines and credits for the reporting itself. */
    private static final Pattern BYLINE = Pattern.compile("(?i)contributed to this report|wrote this (?:story|report)"
            + "|^(?:by|reporting by|editing by|written by) \\p{Lu}|reported from \\p{Lu}\\p{L}+(?:,|\\.|$)"
            + "|follow (?:him|her|them|us) on|^(?:photo|image|video)(?: credit)?:");
    /** "Story highlights": the heading of a summary block in bullet form. */
    private static final Pattern HIGHLIGHTS = Pattern.compile("(?i)^(?:story highlights|key points|highlights)$");

    private Furniture() {
    }

    static boolean isCounter(String paragraph) {
        return COUNTER.matcher(paragraph).matches();
    }

    static boolean isCredit(String paragraph) {
        return CREDIT.matcher(paragraph).matches();
    }

    static boolean isAppeal(String paragraph) {
        return APPEAL.matcher(paragraph).find();
    }

    static boolean isByline(String paragraph) {
        return BYLINE.matcher(paragraph).find();
    }

    static boolean isHighlightsHeading(String paragraph) {
        return HIGHLIGHTS.matcher(paragraph).matches();
    }

    /** A paragraph that is not prose: no sentence-ending punctuation, as in headings, labels and bullet points. */
    static boolean isLabel(String paragraph) {
        return !paragraph.matches("(?s).*[.!?][\"'”’)\\]]*$");
    }
}
