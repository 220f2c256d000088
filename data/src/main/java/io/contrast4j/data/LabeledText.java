package io.contrast4j.data;

/** A sentence with a class label (MR/CR/SUBJ/MPQA "0"/"1", SST "0".."4", TREC coarse type). */
public record LabeledText(String text, String label) {}
