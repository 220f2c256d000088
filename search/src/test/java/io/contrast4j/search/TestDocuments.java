package io.contrast4j.search;

import java.util.List;
import java.util.Map;

/** A small hand-written collection with keyword fields, for index behaviour tests. */
final class TestDocuments {
    private TestDocuments() {}

    static List<IndexDocument> all() {
        return List.of(
                doc("astro-1", "The telescope observed a distant galaxy and measured its redshift.", "science"),
                doc("astro-2", "Astronomers found water vapour in the atmosphere of an exoplanet.", "science"),
                doc("bio-1", "The enzyme folds into a stable protein structure at body temperature.", "science"),
                doc("bio-2", "Bees pollinate flowering plants while collecting nectar for honey.", "nature"),
                doc("cook-1", "Knead the dough for ten minutes, then let the bread rise overnight.", "food"),
                doc("cook-2", "Simmer the tomato sauce with garlic, basil and olive oil.", "food"),
                doc("cook-3", "Bake the sourdough bread in a hot oven until the crust is dark.", "food"),
                doc("sport-1", "The striker scored twice as the football club won the league title.", "sport"),
                doc("sport-2", "The marathon runner trained at altitude before the race.", "sport"),
                doc("tech-1", "The compiler optimises loops with vector instructions on modern processors.", "tech"),
                doc("tech-2", "A search engine ranks documents by relevance to the user's query.", "tech"),
                doc("tech-3", "The database index speeds up queries <b>over</b> large tables & joins.", "tech"),
                doc("travel-1", "The night train crosses the mountains and reaches the coast at dawn.", "travel"),
                doc("travel-2", "Ferries connect the islands of the archipelago during the summer.", "travel"));
    }

    static IndexDocument doc(String id, String text, String topic) {
        return new IndexDocument(id, text, "en", Map.of("topic", topic));
    }
}
