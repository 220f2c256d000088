package io.contrast4j.data;

/** A sentence pair with a gold similarity score (STS 0-5, SICK relatedness 1-5). */
public record ScoredPair(String s1, String s2, double score) {}
