package io.contrast4j.data.augment;

/**
 * The outcome for one input sentence: its translation, or why there is none. A translator returns
 * exactly one {@code Translation} per input, in input order, so a failure is never a silent drop.
 *
 * @param source the input sentence as given
 * @param target the translation, null when it failed
 * @param error why it failed (timeout, misaligned output, process error), null on success
 */
public record Translation(String source, String target, String error) {

    public static Translation ok(String source, String target) {
        return new Translation(source, target, null);
    }

    public static Translation failed(String source, String error) {
        return new Translation(source, null, error);
    }

    public boolean succeeded() {
        return error == null;
    }
}
