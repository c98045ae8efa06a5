package io.github.citebot.corpus;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of one article into an {@link Article}: finds its title and outlet where the text shows them,
 * removes page furniture (see {@link Furniture}) and the dateline, and splits the rest into sentences.
 */
public final class ArticleParser {

    /** "MOSCOW —" or "Moscow CNN —" or "MOSCOW (AP) —" at the start of the lede. */
    private static final Pattern DATELINE = Pattern.compile(
            "^(?:\\p{Lu}[\\p{Lu} .,'-]+?|\\p{Lu}\\p{Ll}+(?: \\p{Lu}\\p{Ll}+)*)(?:\\s+\\(?(\\p{Lu}{2,}|Reuters)\\)?)?\\s*[—–]+\\s*");
    /** "Support The Moscow Times!": an appeal that names the outlet. */
    private static final Pattern APPEAL_OUTLET = Pattern.compile("^Support (The [\\p{L} ]{2,40})!");
    /** "CNN’s Madison Park contributed to this report.": a credit that names the outlet. */
    private static final Pattern POSSESSIVE_OUTLET = Pattern.compile("\\b(\\p{Lu}[\\p{L}]+)[’']s \\p{Lu}\\p{L}+ \\p{Lu}\\p{L}+");
    /** "title: ..." and "outlet: ..." in Markdown front matter. */
    private static final Pattern FRONT_MATTER = Pattern.compile("(?s)^---\\n(.*?)\\n---\\n");
    private static final int TITLE_MAX_CHARS = 90;
    public static final String UNKNOWN_OUTLET = "unknown";

    private final SentenceSplitter splitter = new SentenceSplitter();

    /** Parses plain text: paragraphs are separated by blank lines or by line breaks. */
    public Article parseText(String source, String text) {
        return build(source, paragraphs(text), null, null);
    }

    /** Parses Markdown: front matter ({@code title:}, {@code outlet:}), a {@code #} heading as title, plain prose. */
    public Article parseMarkdown(String source, String text) {
        String title = null;
        String outlet = null;
        String body = text.replace("\r\n", "\n");
        Matcher fm = FRONT_MATTER.matcher(body);
        if (fm.find()) {
            for (String line : fm.group(1).split("\n")) {
                String[] kv = line.split(":", 2);
                if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("title")) {
                    title = unquote(kv[1].strip());
                } else if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("outlet")) {
                    outlet = unquote(kv[1].strip());
                }
            }
            body = body.substring(fm.end());
        }
        List<String> paragraphs = new ArrayList<>();
        for (String p : paragraphs(body)) {
            if (p.startsWith("#")) {
                String heading = p.replaceFirst("^#+\\s*", "");
                if (title == null) {
                    title = heading;
                }
                continue; // headings are not citable prose
            }
            paragraphs.add(p.replaceAll("\\[([^\\]]+)]\\([^)]*\\)", "$1"));
        }
        return build(source, paragraphs, title, outlet);
    }

    /** Parses HTML with jsoup: the prose of headings, paragraphs and list items, without figures and navigation. */
    public Article parseHtml(String source, String html) {
        Document doc = Jsoup.parse(html);
        doc.select("script, style, nav, header, footer, aside, figure, figcaption, form, noscript, .byline, .caption")
                .remove();
        String outlet = doc.select("meta[property=og:site_name]").attr("content");
        String title = doc.select("h1").text();
        if (title.isBlank()) {
            title = doc.title();
        }
        List<String> paragraphs = new ArrayList<>();
        for (Element e : doc.select("p, li, blockquote")) {
            String text = collapse(e.text());
            if (!text.isEmpty()) {
                paragraphs.add(text);
            }
        }
        return build(source, paragraphs, title.isBlank() ? null : collapse(title), outlet.isBlank() ? null : outlet);
    }

    private Article build(String source, List<String> raw, String knownTitle, String knownOutlet) {
        String outlet = knownOutlet != null ? knownOutlet : detectOutlet(raw);
        List<String> prose = removeFurniture(raw);
        String title = knownTitle != null ? knownTitle : detectTitle(raw, prose, source);
        List<Sentence> sentences = new ArrayList<>();
        int paragraph = 0;
        for (String p : prose) {
            if (Furniture.isLabel(p)) {
                continue; // headings, labels and bullet points are not sentences
            }
            for (String s : splitter.split(p)) {
                sentences.add(new Sentence(source, sentences.size(), paragraph, s));
            }
            paragraph++;
        }
        return new Article(source, outlet, title, sentences);
    }

    /**
     * The story's paragraphs: counters, credits, bylines and appeals removed; everything from an appeal in the
     * second half of the page on is the page's tail and goes too; when the lede carries a dateline, what comes
     * before it (captions, highlights) goes and the dateline itself is cut off.
     */
    private static List<String> removeFurniture(List<String> raw) {
        int datelineAt = -1;
        for (int i = 0; i < Math.min(raw.size(), 12) && datelineAt < 0; i++) {
            if (!Furniture.isLabel(raw.get(i)) || raw.get(i).matches(".*[—–]\\s*$")) {
                Matcher m = DATELINE.matcher(raw.get(i));
                if (m.find() && m.end() > 0 && m.end() < 40) {
                    datelineAt = i;
                }
            }
        }
        List<String> kept = new ArrayList<>();
        for (int i = Math.max(datelineAt, 0); i < raw.size(); i++) {
            String p = raw.get(i);
            if (i == datelineAt) {
                p = DATELINE.matcher(p).replaceFirst("");
            }
            if (Furniture.isAppeal(p) && i >= raw.size() / 2) {
                break;
            }
            if (p.isEmpty() || Furniture.isCounter(p) || Furniture.isCredit(p) || Furniture.isAppeal(p)
                    || Furniture.isByline(p) || Furniture.isHighlightsHeading(p)) {
                continue;
            }
            if (i > 0 && Furniture.isCredit(raw.get(i - 1))) {
                continue; // the caption that goes with a photo credit
            }
            kept.add(p);
        }
        return kept;
    }

    private static String detectOutlet(List<String> raw) {
        for (String p : raw.subList(0, Math.min(raw.size(), 12))) {
            Matcher m = DATELINE.matcher(p);
            if (m.find() && m.group(1) != null) {
                return m.group(1);
            }
        }
        for (String p : raw) {
            Matcher credit = Furniture.CREDIT.matcher(p);
            if (credit.matches()) {
                return credit.group(1);
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
        return UNKNOWN_OUTLET;
    }

    /** The first heading-like paragraph near the top (four words or more, no final full stop), else the lede. */
    private static String detectTitle(List<String> raw, List<String> prose, String source) {
        for (String p : raw.subList(0, Math.min(raw.size(), 6))) {
            if (Furniture.isLabel(p) && p.split("\\s+").length >= 4 && !Furniture.isCredit(p)
                    && !Furniture.isAppeal(p) && !Furniture.isByline(p)) {
                return p;
            }
        }
        for (String p : prose) {
            if (!Furniture.isLabel(p)) {
                return shorten(p);
            }
        }
        return source;
    }

    private static String shorten(String text) {
        if (text.length() <= TITLE_MAX_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(' ', TITLE_MAX_CHARS);
        return text.substring(0, cut > 0 ? cut : TITLE_MAX_CHARS) + "…";
    }

    /**
     * Paragraphs of plain text. A line break ends a paragraph unless the line runs on into the next one (it has
     * no final punctuation and the next line starts in lower case), as in hard-wrapped text.
     */
    static List<String> paragraphs(String text) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.replace("\r\n", "\n").split("\n")) {
            String l = collapse(line);
            boolean runsOn = current.length() > 0 && !l.isEmpty() && Character.isLowerCase(l.charAt(0))
                    && Furniture.isLabel(current.toString());
            if (runsOn) {
                current.append(' ').append(l);
                continue;
            }
            if (current.length() > 0) {
                paragraphs.add(current.toString());
                current.setLength(0);
            }
            current.append(l);
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

    private static String unquote(String s) {
        return s.replaceAll("^[\"']|[\"']$", "");
    }
}
