package io.contrast4j.data.glue;

/**
 * One GLUE example: its id in the file (the {@code index}/{@code id} column, or the line number
 * where the file has none), one or two texts, and the gold label as written ("0"/"1", an NLI class
 * name, or the STS-B score), {@code null} in an unlabelled test split.
 */
public record GlueExample(String id, String text1, String text2, String label) {
    public boolean isPair() {
        return text2 != null;
    }

    public boolean isLabelled() {
        return label != null;
    }
}
