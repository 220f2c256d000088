package io.contrast4j.data;

/** A sentence pair with a class label (MRPC "0"/"1", SICK entailment label). */
public record LabeledPair(String s1, String s2, String label) {}
