package io.github.citebot.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.citebot.CiteBot;
import io.github.citebot.answer.Answer;
import io.github.citebot.answer.Citation;
import io.github.citebot.answer.JsonRenderer;
import io.github.citebot.corpus.Article;
import io.github.citebot.corpus.Sentence;

import java.util.List;
import java.util.Optional;

/** The HTTP API's JSON bodies. Answers are {@code ask --json}'s lines, each citation with its evidence added. */
final class ApiJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonRenderer renderer = new JsonRenderer();

    /** {@code ask --json}'s object, each citation also carrying the evidence the REPL's {@code :why} shows. */
    String answer(Answer answer) {
        ObjectNode root = parse(renderer.render(answer));
        ArrayNode citations = (ArrayNode) root.get("citations");
        for (int i = 0; i < citations.size(); i++) {
            Citation.Evidence e = answer.citations().get(i).evidence();
            ObjectNode o = ((ObjectNode) citations.get(i)).putObject("evidence");
            o.put("dense_rank", e.denseRank());
            o.put("dense_score", e.denseScore());
            o.put("bm25_rank", e.lexicalRank());
            o.put("bm25_score", e.lexicalScore());
        }
        return write(root);
    }

    String sources(List<Article> articles) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("sources");
        for (Article a : articles) {
            ObjectNode o = list.addObject();
            o.put("source", a.source());
            o.put("outlet", a.outlet());
            o.put("title", a.title());
            o.put("sentences", a.sentences().size());
        }
        return write(root);
    }

    String ready(CiteBot bot) {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", "ready");
        root.put("articles", bot.sources().size());
        root.put("sentences", bot.sentenceCount());
        root.put("generation", bot.generation());
        return write(root);
    }

    String indexing(BotState.Progress p) {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", "indexing");
        root.put("articles", p.articles());
        root.put("embedded", p.embedded());
        root.put("total", p.total());
        return write(root);
    }

    /**
     * The paragraph that holds a cited sentence, each sentence marked whether it is the cited one; empty when the
     * article or the sentence is not in the corpus (any more).
     */
    Optional<String> context(List<Article> articles, String source, String sentence) {
        Optional<Article> article = articles.stream().filter(a -> a.source().equals(source)).findFirst();
        Optional<Sentence> cited = article.flatMap(a -> a.sentences().stream()
                .filter(s -> s.text().equals(sentence)).findFirst());
        if (cited.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("source", source);
        root.put("outlet", article.get().outlet());
        root.put("title", article.get().title());
        ArrayNode paragraph = root.putArray("paragraph");
        for (Sentence s : article.get().sentences()) {
            if (s.paragraph() == cited.get().paragraph()) {
                paragraph.addObject().put("text", s.text()).put("cited", s.index() == cited.get().index());
            }
        }
        return Optional.of(write(root));
    }

    String error(int status, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", status);
        root.put("error", message);
        return write(root);
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(ObjectNode node) {
        return JsonRenderer.write(node);
    }
}
