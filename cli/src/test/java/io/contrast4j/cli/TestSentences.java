package io.contrast4j.cli;

/** Twenty unrelated everyday English sentences, for command tests that need distinct real text. */
public final class TestSentences {
    private TestSentences() {}

    public static final String[] EVERYDAY = {
        "The train to Paris leaves at eight in the morning.", "My grandmother grows tomatoes in her garden.",
        "The committee postponed the vote until next week.", "He forgot his umbrella and got soaked in the rain.",
        "Scientists discovered a new species of frog in the rainforest.", "The bakery on the corner sells fresh bread every day.",
        "She plays the violin in the city orchestra.", "The stock market fell sharply after the announcement.",
        "Our flight was delayed because of the snowstorm.", "The children built a sandcastle on the beach.",
        "The museum is closed on Mondays for maintenance.", "He repaired the old bicycle with spare parts.",
        "The recipe calls for two cups of flour and three eggs.", "A strong earthquake shook the coastal town last night.",
        "The library extended its opening hours during exams.", "They adopted a small dog from the animal shelter.",
        "The new bridge will reduce traffic in the city centre.", "The doctor advised him to drink more water.",
        "The football match ended in a draw.", "The company hired fifty engineers this year."};

    /**
     * Writes {@code sentences} as a two-column TSV, each beside itself lower-cased without
     * punctuation (a paraphrase an encoder must match to its source); returns the file.
     */
    public static java.nio.file.Path writeLowercasedPairs(java.nio.file.Path file, String[] sentences)
            throws java.io.IOException {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (String s : sentences) lines.add(s + "\t" + s.toLowerCase(java.util.Locale.ROOT).replaceAll("[.,]", ""));
        return java.nio.file.Files.write(file, lines);
    }

    /** The first {@code n} of {@link #EVERYDAY}. */
    public static String[] everyday(int n) {
        return java.util.Arrays.copyOf(EVERYDAY, n);
    }
}
