package io.github.citebot.corpus;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises page furniture in a news article: text around the story that is never citable, such as donation
 * appeals, bylines, photo credits and captions, update notes, "Read more" links and gallery counters. Each rule
 * looks at one paragraph and knows the common forms outlets use, not the words of one outlet.
 */
final class Furniture {

    /** Headings are short; a longer line without a final full stop is prose that lacks punctuation. */
    static final int HEADING_MAX_WORDS = 20;

    /** "1 of 3": a photo gallery's counter. */
    private static final Pattern COUNTER = Pattern.compile("^\\d+ of \\d+$");
    /** A job title after a byline's name ("Jane Doe, Staff Writer"): a person's role, never an outlet. */
    private static final String STAFF_TITLE = "(?:(?:senior |chief |special |contributing |political |foreign |staff )?"
            + "(?:staff writer|writer|reporter|correspondent|editor|columnist|contributor|photographer|producer"
            + "|journalist)s?|staff)";
    /** "Alexander Zemlianichenko, Associated Press": a photo credit (a name, a comma, an agency). */
    static final Pattern CREDIT = Pattern.compile("^(?!(?i:by) )"
            + "\\p{Lu}[\\p{L}.'’-]*(?: \\p{Lu}[\\p{L}.'’-]*){0,3}, (?!(?i:" + STAFF_TITLE + ")$)"
            + "((?:The )?\\p{Lu}[\\p{L}&'’-]*(?: \\p{Lu}[\\p{L}&'’-]*){0,3})$");
    /**
     * Credits and captions of pictures: "Photo: Jane Doe / The Gazette", "(Photo by Jane Doe/Getty Images)",
     * "Jane Doe/AP", "Image credit: ...", and a caption that ends with its credit in brackets.
     */
    private static final Pattern PICTURE_CREDIT = Pattern.compile("(?i)^\\(?(?:photo(?:graph)?s?|image|picture|video"
            + "|illustration|credit|photo credit|image credit)(?: by)?\\s*[:|]|^\\(?(?:photo(?:graph)?|image|picture)"
            + " by (?-i:\\p{Lu})|[/|]\\s*(?:getty images|ap|reuters|afp|shutterstock|epa|alamy|[\\p{L}. ]{1,30} via getty images)"
            + "\\)?$|\\((?:\\p{L}+ )?(?:photo|image|credit|pictured)[^()]{0,80}\\)$|\\bvia getty images\\)?$");
    /** Appeals for money or attention; the first one near the end starts the page's tail. */
    private static final Pattern APPEAL = Pattern.compile("(?i)^support (?:us|the [^.]{2,40}!)|favou?r to ask"
            // Said to the reader, as a sentence's first words ("Donate now", "Become a member"): a story's "sought to
            // become a member of NATO" or "will donate $1 million" is no appeal and must not end the story.
            + "|(?:^|[.!?] )(?:please )?(?:donate|make a donation|become a (?:member|subscriber|supporter))\\b"
            + "|\\bdonate (?:now|today)\\b|please support us\\b|^your support\\b|remind me later|not ready to support"
            + "|pai?ment methods|^read more$|^subscribe\\b|sign up for our newsletter|^by subscribing\\b");
    /** Newsletter and membership boxes, which may stand in the middle of a story: dropped, but no tail. */
    private static final Pattern NEWSLETTER = Pattern.compile("(?i)\\bsign up\\b.{0,80}\\b(?:newsletter|inbox|emails?)\\b"
            + "|\\b(?:newsletter|inbox)\\b.{0,80}\\b(?:sign up|subscribe)\\b|^get (?:our|the) [^.]{0,40}newsletter"
            + "|\\bsupport (?:our|independent|local|quality) journalism\\b|\\bmake a (?:contribution|gift)\\b"
            + "|\\bconsider (?:supporting|subscribing|a (?:gift|contribution))\\b|\\bchip in\\b|^already a (?:subscriber|member)"
            + "|\\bsubscribe for free\\b|\\bsupport my work\\b");
    /**
     * The page's gates and tools, not the story: "Sign in to keep reading", "Get unlimited access", "Save articles
     * to read later", "You can now listen to ... articles", cookie notices, "Story tips can be sent to ...".
     */
    private static final Pattern PAGE_TOOL = Pattern.compile("(?i)\\b(?:sign in|log in|create an account|register"
            + "|subscribe)\\b[^.]{0,30}\\bto (?:keep|continue) reading\\b|\\bget unlimited access\\b"
            + "|\\bsave (?:articles|stories) to read later\\b|you can now listen to\\b"
            + "|^(?:we|this (?:web)?site|our (?:web)?site) uses? cookies\\b|\\b(?:accept|manage|reject) (?:all )?cookies\\b"
            + "|\\bour (?:cookie|privacy) (?:policy|notice)\\b|\\bcookie (?:settings|preferences)\\b"
            + "|\\btips? (?:can|may|should) be sent to\\b|^to contact the (?:reporter|editor|author)s?\\b");
    /** Bylines and credits for the reporting itself. */
    private static final Pattern BYLINE = Pattern.compile("(?i)contributed to this report|wrote this (?:story|report)"
            + "|reported from (?-i:\\p{Lu})\\p{L}+(?:,|\\.|$)"
            + "|follow (?:him|her|them|us) on|^(?:photo|image|video)(?: credit)?:");
    /** "By Jane Doe", "Reporting by Jane Doe; Editing by John Roe": a byline, when short or without a full stop. */
    private static final Pattern BY = Pattern.compile("^(?i:by|reporting by|editing by|edited by|written by"
            + "|additional reporting by|-*\\s*with assistance from|translat(?:ed|ion) by)"
            + "\\s+\\p{Lu}");
    /**
     * A word in lower case that no byline holds: a short sentence that starts like one ("By noon, 40 people had
     * died.") says something, a byline ("By Jane Doe and John Roe.") only names.
     */
    private static final Pattern CLAUSE_WORD = Pattern.compile("(?<![\\p{L}'’-])(?!(?:by|and|of|the|in|at|for|with"
            + "|from|additional|reporting|editing|writing|staff|writers?|reporters?)(?![\\p{L}'’-]))\\p{Ll}[\\p{L}'’-]*");
    /** "Jane Doe, Staff Writer" or "By Jane Doe | Reporter": a name and a job title, nothing else. */
    private static final Pattern STAFF_BYLINE = Pattern.compile("^(?:(?i:by)\\s+)?\\p{Lu}[\\p{L}.'’-]*"
            + "(?: \\p{Lu}[\\p{L}.'’-]*){0,3}\\s*[,|]\\s*(?i:" + STAFF_TITLE + ")(?:\\s*[,|]\\s*[^.]{0,60})?$");
    /** One word of a date or time: "4", "2025", "14:32", "5:32pm", "04-Mar-2025", "Mar.", "Tue", "p.m.", "GMT". */
    private static final String DATE_WORD = "(?:\\d{1,4}(?:[:/.-]\\d{1,4})*(?:st|nd|rd|th|[ap]\\.?m\\.?)?"
            + "|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?|[ap]\\.?m\\.?"
            + "|at|on|et|edt|est|gmt|utc|bst|cet|pt|pdt|pst|kst|jst|hkt|msk|updated|published|modified)";
    private static final String DATE_WORDS = DATE_WORD + "(?:[\\s,:|/–-]+" + DATE_WORD + ")*[\\s.]*";
    private static final String MONTH = "\\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)";
    /** Longer than any time stamp; checking only shorter lines keeps the look-ahead of a bare date linear. */
    private static final int TIMESTAMP_MAX_CHARS = 120;
    /**
     * "Updated June 4, 2024 at 3:45 p.m. ET", "Published: 2:32pm, 4 Mar 2025", and a bare date alone or after its
     * author's name ("Tue 4 Mar 2025 10.32 GMT", "Jiwon Han March 4, 2025"): when the page was published or
     * changed, and nothing else. A bare date has a day and a month, or a time of day, so that a number is not one;
     * after a name, a year or a time, so that a heading ("Seoul Marathon March 16") is not one.
     */
    private static final Pattern TIMESTAMP = Pattern.compile("(?i)^(?:(?:published|updated|posted|last updated"
            + "|last modified|first published)[\\s,:|/–-]+" + DATE_WORDS
            + "|(?-i:\\p{Lu}[\\p{L}.'’-]*(?: \\p{Lu}[\\p{L}.'’-]*){1,3},? (?=.*(?:\\d{4}|\\d[:.]\\d\\d)))??"
            + "(?=.*\\d[:.]\\d\\d|.*" + MONTH + ".*\\d|.*\\d.*" + MONTH + "|\\d{1,4}[/-]\\d{1,2}[/-]\\d{1,4})" + DATE_WORDS + ")$");
    /** Notes about the story rather than the story: updates, corrections, editor's notes, the outlet's standards. */
    private static final Pattern NOTE = Pattern.compile("(?i)^(?:this (?:story|article|report|post|piece)"
            + " (?:has been|was|is being) (?:updated|corrected|revised|amended|originally published|first published)"
            + "|an earlier version of this (?:story|article|report|post)"
            + "|a version of this (?:story|article) appear(?:s|ed) in print\\b"
            + "|our standards\\s*:"
            + "|(?:correction|clarification|update|updated|editor['’]?s note)\\s*(?:\\([^)]{0,30}\\))?\\s*[:—–-]"
            // a wire story's note on its new version, in brackets: "(Updates with comments in fourth paragraph.)"
            + "|\\((?:updates (?:with|to add|throughout)|adds|recasts|corrects|rewrites|refiles|repeats)\\b[^()]{0,150}\\)$)");
    /** "Read more: ...", "Related: ...", "See also", "Most read", "Skip to main content": links to other pages. */
    private static final Pattern LINKS = Pattern.compile("(?i)^(?:read more|read next|read also|also read|see also"
            + "|related(?: articles?| stories| coverage| content| reading| links| video)?|recommended(?: for you| reading)?"
            + "|most (?:read|popular|viewed)|more (?:from|on|about) [^:.]{1,40}|watch|listen"
            + "|skip to (?:the )?(?:main )?(?:content|navigation|search|footer|site index))\\s*(?::.*|»|›|>)?$"
            + "|(?:^|[-–|] )back to (?:the )?(?:home(?: ?page)?|top)$");
    /** The outlet's rights notice: "Copyright 2024 The Associated Press. All rights reserved. This material may not..." */
    private static final Pattern RIGHTS = Pattern.compile("(?i)^(?:copyright|©|\\(c\\))\\s*(?:©\\s*)?\\d{4}\\b"
            + "|\\ball rights reserved\\b|\\bmay not be (?:published|reproduced), broadcast\\b");
    /** "Story highlights": the heading of a summary block in bullet form. */
    private static final Pattern HIGHLIGHTS = Pattern.compile("(?i)^(?:story highlights|key points|highlights)$");

    private Furniture() {
    }

    static boolean isCounter(String paragraph) {
        return COUNTER.matcher(paragraph).matches();
    }

    static boolean isCredit(String paragraph) {
        return CREDIT.matcher(paragraph).matches() || PICTURE_CREDIT.matcher(paragraph).find();
    }

    /** A picture's credit in its explicit forms ("Photo: ...", ".../Getty Images"), which follows its caption. */
    static boolean isPictureCredit(String paragraph) {
        return PICTURE_CREDIT.matcher(paragraph).find();
    }

    static boolean isAppeal(String paragraph) {
        return APPEAL.matcher(paragraph).find();
    }

    static boolean isByline(String paragraph) {
        if (BYLINE.matcher(paragraph).find() || STAFF_BYLINE.matcher(paragraph).matches()
                || paragraph.length() <= TIMESTAMP_MAX_CHARS && TIMESTAMP.matcher(paragraph).matches()) {
            return true;
        }
        Matcher by = BY.matcher(paragraph);
        if (!by.find()) {
            return false;
        }
        Matcher clause = CLAUSE_WORD.matcher(paragraph).useTransparentBounds(true).region(by.end(), paragraph.length());
        return isLabel(paragraph) || words(paragraph) <= 8 && !clause.find();
    }

    static boolean isHighlightsHeading(String paragraph) {
        return HIGHLIGHTS.matcher(paragraph).matches();
    }

    /** Furniture that is dropped wherever it stands, without ending the story. */
    static boolean isAside(String paragraph) {
        return NEWSLETTER.matcher(paragraph).find() || NOTE.matcher(paragraph).find() || RIGHTS.matcher(paragraph).find()
                || PAGE_TOOL.matcher(paragraph).find()
                || (isLabel(paragraph) || paragraph.length() < 200) && LINKS.matcher(paragraph).find();
    }

    /** Any kind of furniture. */
    static boolean isFurniture(String paragraph) {
        return isCounter(paragraph) || isCredit(paragraph) || isAppeal(paragraph) || isByline(paragraph)
                || isHighlightsHeading(paragraph) || isAside(paragraph);
    }

    /**
     * A paragraph that is not prose: no sentence-ending punctuation, as in headings, labels and bullet points.
     * Looks at the end only, so that it costs the same on a long paragraph as on a short one.
     */
    static boolean isLabel(String paragraph) {
        int end = paragraph.length();
        while (end > 0 && "\"'”’)]".indexOf(paragraph.charAt(end - 1)) >= 0) {
            end--;
        }
        while (end > 0 && Character.isWhitespace(paragraph.charAt(end - 1))) {
            end--;
        }
        return end == 0 || ".!?".indexOf(paragraph.charAt(end - 1)) < 0;
    }

    /** A heading: a short label. A long one is prose without punctuation, which is still citable. */
    static boolean isHeading(String paragraph) {
        return isLabel(paragraph) && words(paragraph) <= HEADING_MAX_WORDS;
    }

    static int words(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }
}
