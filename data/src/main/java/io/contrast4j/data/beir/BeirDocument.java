package io.contrast4j.data.beir;

/** One line of a BEIR {@code corpus.jsonl}: {@code _id}, optional {@code title}, {@code text}. */
public record BeirDocument(String id, String title, String text) {

    /**
     * The text a retriever indexes: title and text joined by a space and stripped, as BEIR's
     * dense-retrieval code does ({@code (title + " " + text).strip()}).
     */
    public String fullText() {
        return (title + " " + text).strip();
    }
}
