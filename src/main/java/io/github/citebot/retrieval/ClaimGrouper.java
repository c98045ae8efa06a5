package io.github.citebot.retrieval;

import dev.langchain4j.store.embedding.CosineSimilarity;

import java.util.ArrayList;
import java.util.List;

/**
 * The fourth stage: candidates grouped into claims, sentences from different articles that say the same thing, so
 * one claim cites all of them. Claims keep the order of their best sentences; a claim is not ranked higher for
 * being reported by more outlets: the widely reported facts are background ("Kim's first trip abroad"), seldom
 * the answer to the question asked.
 */
public final class ClaimGrouper {

    /** Two sentences at least this similar say the same thing. */
    public static final double SAME_CLAIM = 0.80;

    /** Each candidate its own claim: no grouping (the baselines). */
    public static final ClaimGrouper NONE = new ClaimGrouper(Double.POSITIVE_INFINITY);

    private final double sameClaim;

    public ClaimGrouper(double sameClaim) {
        this.sameClaim = sameClaim;
    }

    /** Sentences from different articles that say the same thing, best first; at most one sentence per article. */
    public record Claim(List<Candidate> members) {
        public Claim {
            members = List.copyOf(members);
        }

        public Candidate lead() {
            return members.get(0);
        }
    }

    /** The ranked candidates grouped into claims, best first. */
    public List<Claim> group(List<Candidate> ranked) {
        List<List<Candidate>> claims = new ArrayList<>();
        for (Candidate c : ranked) {
            List<Candidate> home = null;
            for (List<Candidate> claim : claims) {
                if (accepts(claim, c)) {
                    home = claim;
                    break;
                }
            }
            if (home != null) {
                home.add(c);
            } else {
                claims.add(new ArrayList<>(List.of(c)));
            }
        }
        return claims.stream().map(Claim::new).toList();
    }

    private boolean accepts(List<Candidate> members, Candidate c) {
        Candidate lead = members.get(0);
        if (c.embedding() == null || lead.embedding() == null || Double.isInfinite(sameClaim)) {
            return false;
        }
        return members.stream().noneMatch(m -> m.sentence().source().equals(c.sentence().source()))
                && CosineSimilarity.between(lead.embedding(), c.embedding()) >= sameClaim;
    }
}
