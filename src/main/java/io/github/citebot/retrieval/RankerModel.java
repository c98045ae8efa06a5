package io.github.citebot.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.citebot.CiteBotException;
import io.github.citebot.JsonTree;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The learned part of retrieval, as {@code citebot train} writes it and the bundled {@value #RESOURCE} holds: the
 * ranking model, the answerability model (its score is the log-odds that the first citation answers) and the
 * confidence below which the articles are taken not to answer.
 *
 * <pre>{@code
 * {"format": 1, "trained_on": [...], "min_confidence": 0.1,
 *  "ranker": {"bias": ..., "features": [{"name": "cosine", "mean": ..., "scale": ..., "weight": ...}, ...]},
 *  "answerability": {...}}
 * }</pre>
 *
 * @param ranker        scores candidates
 * @param answerability the log-odds that the best candidate answers, from its features and the question's
 * @param minConfidence below this estimated probability the answer is "The articles don't say."
 * @param trainedOn     what it was trained on, for the record
 */
public record RankerModel(LinearScorer ranker, LinearScorer answerability, double minConfidence, List<String> trainedOn) {

    /** The version of the file format this code reads and writes. */
    public static final int FORMAT = 1;
    /** The bundled model for the first model alone, on the class path beside this class. */
    public static final String RESOURCE = "ranker.json";
    /**
     * The bundled model for an index with a second model, {@code ranker-NAME.json} beside {@link #RESOURCE}
     * ({@code ranker-e5-small-v2-q.json}): trained with that model's cosines as features.
     */
    static final String SECOND_MODEL_RESOURCE = "ranker-%s.json";

    public RankerModel {
        trainedOn = List.copyOf(trainedOn);
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("min_confidence must be between 0 and 1, got " + minConfidence);
        }
    }

    /** The same model with another refusal threshold. */
    public RankerModel withMinConfidence(double p) {
        return new RankerModel(ranker, answerability, p, trainedOn);
    }

    /** The bundled model for the first model alone (read once). */
    public static RankerModel bundled() {
        return Bundled.MODEL;
    }

    /**
     * The bundled model for an index with this second model (its name, as {@code Models.nameOf} gives it), or
     * {@link #bundled()} when there is none for it or {@code secondModel} is null: that one leaves the second
     * model's features out.
     */
    public static RankerModel bundled(String secondModel) {
        if (secondModel == null) {
            return bundled();
        }
        // Read at each call (a bot reads it once an index): a few kilobytes, no cache to keep.
        String resource = String.format(Locale.ROOT, SECOND_MODEL_RESOURCE, secondModel);
        return RankerModel.class.getResource(resource) != null ? read(resource) : bundled();
    }

    /** Holds the bundled model, read when first asked for. */
    private static final class Bundled {
        static final RankerModel MODEL = read(RESOURCE);
    }

    private static RankerModel read(String resource) {
        try (InputStream in = RankerModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the bundled " + resource + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A model from its JSON text.
     *
     * @param origin named in errors (a file name)
     * @throws CiteBotException with a one-line message when the text is not a model this version reads
     */
    public static RankerModel parse(String json, String origin) {
        JsonNode root;
        try {
            root = JsonTree.read(json);
        } catch (IOException e) {
            throw new CiteBotException(origin + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        int format = root.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new CiteBotException(origin + ": ranker format " + format + " is not the one this citebot reads ("
                    + FORMAT + ")");
        }
        try {
            List<String> trained = new ArrayList<>();
            root.path("trained_on").forEach(n -> trained.add(n.asText()));
            return new RankerModel(linear(root, "ranker", origin), linear(root, "answerability", origin),
                    number(root, "min_confidence", origin), trained);
        } catch (IllegalArgumentException e) {
            throw new CiteBotException(origin + ": " + e.getMessage());
        }
    }

    private static LinearScorer linear(JsonNode root, String name, String origin) {
        JsonNode m = root.path(name);
        if (!m.path("features").isArray()) {
            throw new CiteBotException(origin + ": no \"" + name + "\" model with a \"features\" list");
        }
        List<LinearScorer.Term> terms = new ArrayList<>();
        for (JsonNode t : m.get("features")) {
            String key = t.path("name").asText();
            Feature f = Feature.ofKey(key);
            if (f == null) {
                throw new CiteBotException(origin + ": " + name + " uses feature \"" + key + "\", which this citebot does not compute");
            }
            terms.add(new LinearScorer.Term(f, number(t, "mean", origin), number(t, "scale", origin),
                    number(t, "weight", origin)));
        }
        return new LinearScorer(number(m, "bias", origin), terms);
    }

    private static double number(JsonNode o, String field, String origin) {
        if (!o.path(field).isNumber()) {
            throw new CiteBotException(origin + ": \"" + field + "\" must be a number");
        }
        return o.get(field).asDouble();
    }

    /** The model as JSON, in a fixed layout and rounding: the same model gives the same bytes. */
    public String toJson() {
        StringBuilder b = new StringBuilder("{\n  \"format\": ").append(FORMAT).append(",\n  \"trained_on\": [");
        for (int i = 0; i < trainedOn.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('"').append(trainedOn.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        b.append("],\n  \"min_confidence\": ").append(fixed(minConfidence)).append(",\n");
        linear(b, "ranker", ranker).append(",\n");
        linear(b, "answerability", answerability).append("\n}\n");
        return b.toString();
    }

    private static StringBuilder linear(StringBuilder b, String name, LinearScorer m) {
        b.append("  \"").append(name).append("\": {\"bias\": ").append(fixed(m.bias())).append(", \"features\": [");
        for (int i = 0; i < m.terms().size(); i++) {
            LinearScorer.Term t = m.terms().get(i);
            b.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
                    "    {\"name\": \"%s\", \"mean\": %s, \"scale\": %s, \"weight\": %s}",
                    t.feature().key(), fixed(t.mean()), fixed(t.scale()), fixed(t.weight())));
        }
        return b.append("\n  ]}");
    }

    /** Six decimals, plain notation. */
    static String fixed(double x) {
        return new BigDecimal(x).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /** Rounded as {@link #toJson} writes it, so a model trained and a model read back score alike. */
    public RankerModel rounded() {
        return parse(toJson(), "model");
    }
}
