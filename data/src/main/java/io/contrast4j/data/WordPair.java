package io.contrast4j.data;

/** Two words with a human similarity or relatedness score (WordSim-353, SimLex-999). */
public record WordPair(String w1, String w2, double score) {}
