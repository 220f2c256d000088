package io.contrast4j.data;

/**
 * One SICK pair: relatedness 1-5 (SICK-R) and entailment label {@code ENTAILMENT},
 * {@code NEUTRAL} or {@code CONTRADICTION} (SICK-E).
 */
public record SickExample(String s1, String s2, double relatedness, String entailment) {
    /** The pair with its relatedness as the score (SICK-R). */
    public ScoredPair relatednessPair() {
        return new ScoredPair(s1, s2, relatedness);
    }

    /** The pair with its entailment label (SICK-E). */
    public LabeledPair entailmentPair() {
        return new LabeledPair(s1, s2, entailment);
    }
}
