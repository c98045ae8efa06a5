package io.github.citebot.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.github.citebot.JsonTree;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of one article into an {@link Article}: finds its title, outlet, address and date where the text
 * shows them, removes page furniture (see {@link Furniture}) and the dateline, and splits the rest into sentences.
 * Runs in time linear in the length of the text.
 */
public final class ArticleParser {

    private static final String CAPS_PLACE = "\\p{Lu}[\\p{Lu} .,'-]+?";
    /** ", Colo." or ", South Korea" after the place; then the day: ", March 17", ". March 4" (Interfax), ", 5 June". */
    private static final String REGION_AND_DAY = "(?:,\\s*\\p{Lu}[\\p{L}.]{0,12}(?: \\p{Lu}[\\p{L}.]{0,12})?)?"
            + "(?:[,.]\\s*(?:\\p{Lu}\\p{Ll}{2,8}\\.?\\s+\\d{1,2}|\\d{1,2}\\s+\\p{Lu}\\p{Ll}{2,8}))?";
    /**
     * "MOSCOW (AP) —", "RIVERTON (Riverton Gazette) -", "Moscow CNN —", with the state or country ("BOULDER, Colo.
     * (AP) —") and with the day as Reuters writes it ("LONDON, March 17 (Reuters) -") at the start of the lede; the
     * outlet alone ("(Bloomberg) --") and TASS's "MOSCOW, March 4. /TASS/."; and without an outlet, a place in
     * capitals ("MOSCOW —", "TOKYO --", "SEOUL:"), as "Peskov — who spoke to reporters — said" is no dateline. The
     * outlet, where the dateline names one, is its group {@code outlet1}, {@code outlet2}, ... (see
     * {@link #datelineOutlet}).
     */
    private static final Pattern DATELINE = Pattern.compile("^(?:(?:" + CAPS_PLACE + "|\\p{Lu}\\p{Ll}+(?: \\p{Lu}\\p{Ll}+)*)"
            + REGION_AND_DAY
            + "(?:\\s*\\((?<outlet1>\\p{Lu}[^()]{1,39})\\)\\s*(?:[—–]+|--?)|\\s+(?<outlet2>\\p{Lu}{2,}|Reuters)\\s*[—–]+"
            + "|\\.?\\s*/(?<outlet3>\\p{Lu}[\\p{Lu}-]{1,20})/\\.?)"
            + "|" + CAPS_PLACE + REGION_AND_DAY + "\\s*(?:[—–]+|--|:(?=\\s+\\p{Lu}))"
            + "|\\((?<outlet4>\\p{Lu}[^()]{1,39})\\)\\s*(?:[—–]+|--?))\\s*");
    /** The mark a wire puts after a story's last words ("Enditem", "(END)", "==Kyodo"), which is not one of them. */
    private static final Pattern END_MARK = Pattern.compile("\\s*(?:\\bEnditem|\\(END\\)|==\\s*\\p{Lu}\\p{L}+)$");
    /**
     * An author's name where a byline shows it ("By Jane Doe", "JANE DOE, Reporter", "Jane Doe in Seoul", or the
     * name alone on its line).
     */
    private static final Pattern BYLINE_NAME = Pattern.compile("^(?:(?i:by)\\s+)?(\\p{Lu}[\\p{L}.'’-]+(?: \\p{Lu}[\\p{L}.'’-]+){1,3})"
            + "(?:$|\\s*[,|]| in \\p{Lu}| and \\p{Lu}| \\p{Lu}\\p{L}+ News\\b)");
    /** What an author's note says of its author, after the name: a newsroom's job ("is a senior reporter at"). */
    private static final Pattern NEWSROOM_JOB = Pattern.compile("(?i)^ (?:is|was) (?:a|an|the|\\p{Lu}[\\p{L}]*['’]s)"
            + "(?: [\\p{L}.’'-]+){0,4}? (?:reporter|correspondent|writer|editor|columnist|journalist|bureau chief|producer"
            + "|contributor|photographer)\\b");
    /** "Written by Jane Doe", "About the author": the author's box at the end of a page, after the story. */
    private static final Pattern AUTHOR_BOX = Pattern.compile("(?i)^(?:written by \\p{Lu}[^.]{0,60}|about the authors?)$");
    /** The agencies a dateline names by their initials. */
    private static final Map<String, String> AGENCIES = Map.of("AP", "Associated Press", "AFP", "Agence France-Presse",
            "UPI", "United Press International", "DPA", "Deutsche Presse-Agentur");
    /** The article's own record in a page's schema.org data (JSON-LD): "NewsArticle", "BlogPosting", ... */
    private static final Pattern ARTICLE_TYPE = Pattern.compile("(?i).*(?:Article|BlogPosting|LiveBlogPosting)$");
    /** Elements whose text is a paragraph of its own, taken whole. */
    private static final Set<String> PARAGRAPH = Set.of("p", "li", "blockquote");
    /** Elements whose text is never a story's prose. */
    private static final Set<String> NOT_PROSE = Set.of("h1", "h2", "h3", "h4", "h5", "h6", "button", "select", "option",
            "textarea", "label", "svg", "title", "template");
    /** "By Al Jazeera Staff", "By CNA Newsroom": a byline that names the outlet, not a person. */
    private static final Pattern STAFF_OUTLET = Pattern.compile("^(?i:by)\\s+(\\p{Lu}[\\p{L}&.'’-]*(?: \\p{Lu}[\\p{L}&.'’-]*){0,3})"
            + " (?i:staff|staff writers?|newsroom|news desk|web desk|wire services?)$");
    /** "Support The Moscow Times!": an appeal that names the outlet. */
    private static final Pattern APPEAL_OUTLET = Pattern.compile("^Support (The [\\p{L} ]{2,40})!");
    /** "CNN’s Madison Park contributed to this report.": a credit that names the outlet. */
    private static final Pattern POSSESSIVE_OUTLET = Pattern.compile("\\b(\\p{Lu}[\\p{L}]+)[’']s \\p{Lu}\\p{L}+ \\p{Lu}\\p{L}+");
    /** "key: value", a line of Markdown front matter. */
    private static final Pattern FRONT_MATTER_LINE = Pattern.compile("^([\\w-]+)\\s*:\\s*(.*)$");
    /** A Markdown thematic break ("---", "***"): a rule across the page, not text. */
    private static final Pattern RULE = Pattern.compile("^(?:-{3,}|\\*{3,}|_{3,})$");
    /** The emphasis around a whole Markdown paragraph ("*By Jane Doe*"), which the furniture rules look through. */
    private static final Pattern EMPHASIS = Pattern.compile("^[*_]+\\s*|\\s*[*_]+$");
    private static final Pattern ISO_DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern CLAUSE_END = Pattern.compile("[,;:—–]");
    private static final int TITLE_MAX_CHARS = 120;
    /** A longer paragraph without a final full stop is prose that lacks punctuation, never a heading or caption. */
    private static final int UNPUNCTUATED_PROSE_MIN_WORDS = 60;
    /**
     * A page pasted whole starts with the outlet's name ("South China Morning Post"): a few words, each capitalised.
     * A heading after it is the headline.
     */
    private static final Pattern MASTHEAD = Pattern.compile("(?:\\p{Lu}[\\p{L}.&'’-]*\\s?){4,5}");
    /** Words a shortened title does not end on: "…for the…" says nothing. */
    private static final Pattern DANGLING = Pattern.compile("(?i)\\s+(?:the|a|an|of|for|to|in|on|at|by|with|and|or|but"
            + "|from|as|that|which|who|his|her|its|their)$");

    private final SentenceSplitter splitter = new SentenceSplitter();

    /**
     * Parses plain text: paragraphs are separated by blank lines or by line breaks. A first line that looks like a
     * title (short, no final full stop, a blank line after it) is the title.
     */
    public Article parseText(String source, String text) {
        return build(source, paragraphs(text), Known.NONE, titleLine(text));
    }

    /**
     * Parses Markdown: front matter ({@code title:}, {@code outlet:}, {@code url:}, {@code date:}), a {@code #}
     * heading as title, plain prose. Front matter that is never closed ends at its first line that is not
     * {@code key: value}.
     */
    public Article parseMarkdown(String source, String text) {
        String body = text.replace("\r\n", "\n").replace('\r', '\n');
        String title = null;
        String outlet = null;
        String url = "";
        String published = "";
        if (body.startsWith("---\n")) {
            int close = body.indexOf("\n---", 3);
            boolean closed = close >= 0 && (close + 4 == body.length() || body.charAt(close + 4) == '\n');
            int at = 4;
            while (at < body.length() && (!closed || at <= close)) {
                int eol = body.indexOf('\n', at);
                int next = eol < 0 ? body.length() : eol + 1;
                Matcher kv = FRONT_MATTER_LINE.matcher(body.substring(at, next).strip());
                if (!kv.matches()) {
                    if (!closed) {
                        break; // unclosed: the front matter ends where its key: value lines do
                    }
                } else {
                    String value = unquote(kv.group(2).strip());
                    switch (kv.group(1).toLowerCase(Locale.ROOT)) {
                        case "title" -> title = value.isEmpty() ? null : value;
                        case "outlet", "publisher", "site" -> outlet = value.isEmpty() ? null : value;
                        case "url", "link", "canonical" -> url = webAddress(value);
                        case "date", "published" -> published = isoDate(value);
                        default -> { }
                    }
                }
                at = next;
            }
            body = closed ? body.substring(Math.min(body.length(), close + 4)) : body.substring(at);
        }
        List<String> paragraphs = new ArrayList<>();
        for (String p : paragraphs(body)) {
            if (p.startsWith("#")) {
                String heading = p.replaceFirst("^#+\\s*", "");
                if (title == null && !heading.isEmpty()) {
                    title = heading;
                }
                continue; // headings are not citable prose
            }
            if (!RULE.matcher(p).matches()) {
                paragraphs.add(EMPHASIS.matcher(p.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1")).replaceAll(""));
            }
        }
        return build(source, paragraphs, new Known(outlet, title, url, published), null);
    }

    /**
     * Parses HTML with jsoup: the prose of paragraphs, list items and quotes, without the page's figures, asides,
     * navigation, header and footer. Title, outlet, address and date come from the page's head where it has them.
     */
    public Article parseHtml(String source, String html) {
        Document doc = Jsoup.parse(html);
        String outlet = doc.select("meta[property=og:site_name]").attr("content");
        String title = doc.select("h1").text();
        if (title.isBlank()) {
            title = doc.select("meta[property=og:title]").attr("content");
        }
        if (title.isBlank()) {
            title = doc.title();
        }
        String url = doc.select("link[rel=canonical]").attr("href");
        if (url.isBlank()) {
            url = doc.select("meta[property=og:url]").attr("content");
        }
        JsonNode schema = schemaArticle(doc);
        if (title.isBlank()) {
            title = schema.path("headline").asText("");
        }
        if (outlet.isBlank()) {
            outlet = schema.path("publisher").path("name").asText("");
        }
        String published = firstNonBlank(doc.select("meta[property=article:published_time]").attr("content"),
                doc.select("meta[itemprop=datePublished]").attr("content"),
                doc.select("meta[name=date]").attr("content"), schema.path("datePublished").asText(""));
        List<String> authors = new ArrayList<>();
        doc.select("meta[name=author]").forEach(m -> authors.add(m.attr("content")));
        doc.select("[rel=author], [itemprop=author], [class~=(?i)byline|author|credits], [data-qa~=(?i)byline|author]")
                .forEach(e -> authors.add(e.text()));
        JsonNode author = schema.path("author");
        for (JsonNode a : author.isArray() ? author : List.of(author)) {
            authors.add(a.path("name").asText(""));
        }
        // The AMP page's menu, consent notice, ads and share buttons are elements of their own.
        doc.select("script, style, nav, header, footer, aside, figure, figcaption, form, noscript, dialog, "
                + "[role=navigation], [role=banner], [role=contentinfo], [role=complementary], [aria-hidden=true], "
                + ".byline, .caption, .credit, amp-sidebar, amp-consent, amp-user-notification, amp-ad, amp-social-share")
                .remove();
        return build(source, htmlParagraphs(doc), new Known(outlet.isBlank() ? null : collapse(outlet),
                title.isBlank() ? null : collapse(title), webAddress(url), isoDate(published), authors), null);
    }

    /**
     * The prose of a page in document order: each paragraph, list item and quote, and the text that stands in
     * another block between line breaks ({@code <div>Seoul will ...<br><br>The trains ...</div>}), as some sites
     * write a story. Headings and buttons are no prose.
     */
    private static List<String> htmlParagraphs(Document doc) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder loose = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            private Element skipped; // inside a paragraph taken whole, or a heading: its text is not loose

            @Override
            public void head(Node node, int depth) {
                if (skipped != null) {
                    return;
                }
                if (node instanceof Element e) {
                    boolean inline = e.tag().isInline() && !e.normalName().equals("br");
                    if (!inline) {
                        addLoose(paragraphs, loose); // a block or a line break ends the loose text
                    }
                    if (PARAGRAPH.contains(e.normalName())) {
                        String text = collapse(e.text());
                        if (!text.isEmpty()) {
                            paragraphs.add(text);
                        }
                        skipped = e;
                    } else if (NOT_PROSE.contains(e.normalName())) {
                        skipped = e;
                    }
                } else if (node instanceof TextNode t) {
                    loose.append(t.getWholeText());
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node == skipped) {
                    skipped = null;
                } else if (node instanceof Element e && !e.tag().isInline() && skipped == null) {
                    addLoose(paragraphs, loose);
                }
            }
        }, doc.body());
        addLoose(paragraphs, loose);
        return paragraphs;
    }

    private static void addLoose(List<String> paragraphs, StringBuilder loose) {
        String text = collapse(loose.toString());
        if (!text.isEmpty()) {
            paragraphs.add(text);
        }
        loose.setLength(0);
    }

    /** The page's schema.org record of the article (JSON-LD), else a missing node: pages without og: tags have it. */
    private static JsonNode schemaArticle(Document doc) {
        for (Element script : doc.select("script[type=application/ld+json]")) {
            JsonNode root;
            try {
                root = JsonTree.read(script.data());
            } catch (IOException | IllegalStateException e) {
                continue; // a page's broken JSON-LD says nothing
            }
            List<JsonNode> nodes = new ArrayList<>();
            (root.isArray() ? root : List.of(root)).forEach(nodes::add);
            root.path("@graph").forEach(nodes::add);
            for (JsonNode n : nodes) {
                if (ARTICLE_TYPE.matcher(n.path("@type").asText("")).matches()) {
                    return n;
                }
            }
        }
        return MissingNode.getInstance();
    }

    /** What the page says about itself (front matter, HTML head); null or "" where it says nothing. */
    private record Known(String outlet, String title, String url, String published, List<String> authors) {
        static final Known NONE = new Known(null, null, "", "", List.of());

        Known(String outlet, String title, String url, String published) {
            this(outlet, title, url, published, List.of());
        }
    }

    private Article build(String source, List<String> raw, Known known, String titleLine) {
        String outlet = known.outlet() != null ? known.outlet() : detectOutlet(raw);
        List<String> authors = new ArrayList<>(known.authors());
        authors.addAll(raw.subList(0, Math.min(raw.size(), 20)));
        List<String> prose = removeFurniture(raw, authorNames(authors));
        String title = known.title() != null ? known.title() : detectTitle(raw, prose, titleLine, source);
        prose.remove(title); // a title is never cited as if it were a sentence of the article
        // A text of headings and lists only (no paragraph ends like prose) is cited line by line rather than not at all.
        boolean hasProse = prose.stream().anyMatch(p -> !Furniture.isLabel(p));
        List<Sentence> sentences = new ArrayList<>();
        int paragraph = 0;
        for (String p : prose) {
            if (hasProse && Furniture.isLabel(p) && Furniture.words(p) < UNPUNCTUATED_PROSE_MIN_WORDS && !leadsIn(p)) {
                continue; // headings, labels and bullet points are not sentences
            }
            for (String s : splitter.split(p)) {
                sentences.add(new Sentence(source, sentences.size(), paragraph, s));
            }
            paragraph++;
        }
        return new Article(source, outlet, title, known.url(), known.published(), sentences);
    }

    /**
     * Prose that ends in a colon, leading in to a list or a quote ("Since some inputs may be faster to solve than
     * others, we define the following complexities:"): longer than any heading, so not a label to drop.
     */
    private static boolean leadsIn(String paragraph) {
        return paragraph.stripTrailing().endsWith(":") && Furniture.words(paragraph) > Furniture.HEADING_MAX_WORDS;
    }

    /**
     * The story's paragraphs: counters, credits and captions, bylines, notes and appeals removed; everything from
     * an appeal in the second half of the page on is the page's tail and goes too; when the lede carries a dateline,
     * what comes before it (captions, highlights) goes and the dateline itself is cut off.
     */
    private static List<String> removeFurniture(List<String> raw, List<String> authors) {
        int datelineAt = -1;
        boolean storyBegun = false;
        for (int i = 0; i < Math.min(raw.size(), 12) && datelineAt < 0; i++) {
            String p = raw.get(i);
            if (!Furniture.isLabel(p) || p.endsWith("—") || p.endsWith("–")) {
                Matcher m = DATELINE.matcher(p);
                // A dateline without an outlet ("NATO —") starts the lede only: after story text, it is the story's.
                if (m.find() && (datelineOutlet(m) != null ? m.end() < 70 : m.end() < 40 && !storyBegun)) {
                    datelineAt = i;
                }
                storyBegun |= !Furniture.isLabel(p) && !Furniture.isFurniture(p) && !isCaption(raw, i, p);
            }
        }
        List<String> kept = new ArrayList<>();
        for (int i = Math.max(datelineAt, 0); i < raw.size(); i++) {
            String p = END_MARK.matcher(raw.get(i)).replaceFirst("");
            if (i == datelineAt) {
                p = DATELINE.matcher(p).replaceFirst("");
            }
            if ((Furniture.isAppeal(p) || AUTHOR_BOX.matcher(p).matches()) && i >= raw.size() / 2) {
                break;
            }
            if (p.isEmpty() || Furniture.isFurniture(p) || isAuthorNote(p, authors)) {
                continue;
            }
            if (!isCaption(raw, i, p)) {
                kept.add(p);
            }
        }
        return kept;
    }

    /** Whether paragraph i (its text p) is a caption, as the credit beside it shows. */
    private static boolean isCaption(List<String> raw, int i, String p) {
        if (i > 0 && Furniture.isCredit(raw.get(i - 1)) && !Furniture.isPictureCredit(raw.get(i - 1))) {
            return true; // the caption after a gallery's credit ("Jane Doe, Associated Press")
        }
        // the caption above a picture's credit ("Photo: Jane Doe / The Gazette")
        return i + 1 < raw.size() && Furniture.isPictureCredit(raw.get(i + 1)) && Furniture.words(raw.get(i + 1)) <= 12
                && p.length() < 400;
    }

    /** The outlet a dateline names, else null. */
    private static String datelineOutlet(Matcher dateline) {
        for (String group : new String[] {"outlet1", "outlet2", "outlet3", "outlet4"}) {
            if (dateline.group(group) != null) {
                return dateline.group(group).strip();
            }
        }
        return null;
    }

    /** The names of the page's authors, from its bylines (and an HTML page's author tags), lower-cased. */
    private static List<String> authorNames(List<String> bylines) {
        List<String> names = new ArrayList<>();
        for (String b : bylines) {
            Matcher m = BYLINE_NAME.matcher(collapse(b));
            if (Furniture.isLabel(b) && Furniture.words(b) <= 8 && m.find()) {
                names.add(m.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /**
     * The note on the author after a story ("Jane Doe is a senior reporter at the Post, covering ..."): it starts with
     * the name a byline of the page shows, then its newsroom job. A story sentence about someone else, or about
     * anything but a newsroom job, stays.
     */
    private static boolean isAuthorNote(String p, List<String> authors) {
        String lower = p.toLowerCase(Locale.ROOT);
        for (String name : authors) {
            if (lower.startsWith(name) && NEWSROOM_JOB.matcher(p.substring(name.length())).find()) {
                return true;
            }
        }
        return false;
    }

    private static String detectOutlet(List<String> raw) {
        for (String p : raw.subList(0, Math.min(raw.size(), 12))) {
            Matcher m = DATELINE.matcher(p);
            if (m.find() && datelineOutlet(m) != null) {
                String named = datelineOutlet(m);
                return AGENCIES.getOrDefault(named, named);
            }
        }
        for (int i = 0; i < raw.size(); i++) {
            String p = raw.get(i);
            Matcher credit = Furniture.CREDIT.matcher(p);
            // A photo's credit stands at the top; lower down, "South Korea, Diplomacy" is a list of tags.
            if (i < 12 && credit.matches()) {
                return credit.group(1);
            }
            Matcher staff = STAFF_OUTLET.matcher(p);
            if (i < 12 && staff.matches()) {
                return staff.group(1);
            }
            Matcher appeal = APPEAL_OUTLET.matcher(p);
            if (appeal.find()) {
                return appeal.group(1);
            }
        }
        for (String p : raw) {
            Matcher m = POSSESSIVE_OUTLET.matcher(p);
            if (Furniture.isByline(p) && m.find()) {
                return m.group(1);
            }
        }
        return "";
    }

    /**
     * The headline: in the block of headings above the story (furniture aside), the first of four words or more,
     * as a kicker ("The Koreas") may stand above it; else a title-like first line; else the lede, shortened.
     */
    private String detectTitle(List<String> raw, List<String> prose, String titleLine, String source) {
        String masthead = null;
        boolean first = true;
        for (String p : raw.subList(0, Math.min(raw.size(), 8))) {
            if (Furniture.isFurniture(p)) {
                continue;
            }
            if (!Furniture.isLabel(p) || Furniture.words(p) > Furniture.HEADING_MAX_WORDS) {
                break; // the story has begun
            }
            if (Furniture.words(p) >= 4 && !DATELINE.matcher(p).find() && p.length() <= TITLE_MAX_CHARS
                    && splitter.split(p).size() == 1) { // a heading is one line, never two sentences
                if (!(first && MASTHEAD.matcher(p).matches())) {
                    return p;
                }
                masthead = p;
            }
            first = false;
        }
        if (masthead != null) {
            return masthead; // no other heading: it was the headline after all
        }
        if (titleLine != null) {
            return titleLine;
        }
        for (String p : prose) {
            if (!Furniture.isLabel(p)) {
                return shorten(splitter.split(p).get(0));
            }
        }
        return source;
    }

    /** The first line of a plain text when it looks like a title: short, no final full stop, a blank line after. */
    private static String titleLine(String text) {
        String[] lines = text.stripLeading().split("\\r\\n|\\r|\\n", 3);
        if (lines.length < 2 || !lines[1].isBlank()) {
            return null;
        }
        String line = collapse(lines[0]);
        boolean looksLikeTitle = !line.isEmpty() && line.length() <= TITLE_MAX_CHARS && Furniture.isLabel(line)
                && Furniture.words(line) <= Furniture.HEADING_MAX_WORDS && !Furniture.isFurniture(line)
                && !DATELINE.matcher(line).find();
        return looksLikeTitle ? line : null;
    }

    /** A sentence made into a title: without its full stop, cut at a clause or word boundary when long. */
    private static String shorten(String sentence) {
        String text = sentence.replaceFirst("[.!?]+$", "");
        if (text.length() <= TITLE_MAX_CHARS) {
            return text;
        }
        int cut = -1;
        Matcher clause = CLAUSE_END.matcher(text);
        while (clause.find() && clause.start() <= TITLE_MAX_CHARS) {
            if (clause.start() >= TITLE_MAX_CHARS / 3) {
                cut = clause.start();
            }
        }
        if (cut < 0) {
            cut = text.lastIndexOf(' ', TITLE_MAX_CHARS);
        }
        String head = text.substring(0, cut > 0 ? cut : TITLE_MAX_CHARS).strip();
        for (Matcher m = DANGLING.matcher(head); m.find(); m = DANGLING.matcher(head)) {
            head = head.substring(0, m.start());
        }
        return head + "…";
    }

    /**
     * Paragraphs of plain text. A line break ends a paragraph unless the line runs on into the next one (it has
     * no final punctuation and the next line starts in lower case), as in hard-wrapped text. Linear: whether the
     * paragraph so far runs on depends on its last line only.
     */
    static List<String> paragraphs(String text) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean currentIsLabel = false;
        for (String line : text.split("\\r\\n|\\r|\\n")) {
            String l = collapse(line);
            boolean runsOn = current.length() > 0 && !l.isEmpty() && Character.isLowerCase(l.charAt(0)) && currentIsLabel;
            if (!runsOn && current.length() > 0) {
                paragraphs.add(current.toString());
                current.setLength(0);
            }
            if (runsOn) {
                current.append(' ');
            }
            current.append(l);
            currentIsLabel = Furniture.isLabel(l);
        }
        if (current.length() > 0) {
            paragraphs.add(current.toString());
        }
        paragraphs.removeIf(String::isEmpty);
        return paragraphs;
    }

    static String collapse(String text) {
        return text.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    }

    /** An ISO 8601 date ("2015-04-30", also the day of a timestamp), else "". */
    static String isoDate(String text) {
        Matcher m = ISO_DATE.matcher(text.strip());
        if (!m.find()) {
            return "";
        }
        try {
            return LocalDate.parse(m.group()).toString();
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    /** A web address (http or https), else "": nothing else is a link a reader can follow. */
    static String webAddress(String text) {
        String url = text.strip();
        return url.matches("(?i)https?://[^\\s<>\"]+") ? url : "";
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (!v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    private static String unquote(String s) {
        return s.replaceAll("^[\"']|[\"']$", "");
    }
}
