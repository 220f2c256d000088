package io.contrast4j.cli.mine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import io.contrast4j.search.IndexDocument;
import io.contrast4j.search.IndexSettings;
import io.contrast4j.search.SearchIndexWriter;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.SentenceEncoder;
import io.contrast4j.sentence.negatives.HardNegativeMiner;
import io.contrast4j.sentence.negatives.MiningConfig;
import io.contrast4j.sentence.negatives.TrainingExample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mining from a real Lucene HNSW index (real MiniLM vectors) gives the same negatives as exact search. */
class IndexCandidatesTest {

    static final List<TrainingExample> PAIRS = List.of(
            TrainingExample.pair("A man is playing a guitar on stage.", "A musician performs with his guitar in front of a crowd."),
            TrainingExample.pair("The stock market fell sharply on Monday.", "Share prices dropped steeply at the start of the week."),
            TrainingExample.pair("A child is riding a bicycle in the park.", "A young kid cycles through the park."),
            TrainingExample.pair("The company reported record profits this quarter.", "Quarterly earnings at the firm reached an all-time high."),
            TrainingExample.pair("Heavy rain caused flooding in the city.", "The town was flooded after a storm brought lots of rain."),
            TrainingExample.pair("The chef is cutting vegetables in the kitchen.", "A cook chops carrots and onions."),
            TrainingExample.pair("Scientists discovered a new species of frog.", "Researchers found a previously unknown frog species."),
            TrainingExample.pair("A man is playing a guitar on stage.", "A guitarist plays a concert."));

    static final List<String> DISTRACTORS = List.of(
            "A woman plays the violin in an orchestra.", "A man is playing the piano at a bar.",
            "Bond yields rose as investors sold stocks.", "The bank raised interest rates again.",
            "Two boys are skateboarding down the street.", "A girl rides her horse across a field.",
            "The storm knocked out power to thousands of homes.", "Snow closed the mountain roads.");

    @Test
    void luceneIndexGivesTheSameNegativesAsExactSearch(@TempDir Path dir) throws Exception {
        List<String> pool = new ArrayList<>();
        for (TrainingExample p : PAIRS) pool.add(p.positive());
        pool.addAll(DISTRACTORS);
        pool.add(PAIRS.get(1).anchor()); // the anchor itself among the candidates: never its own negative
        pool = new ArrayList<>(new LinkedHashSet<>(pool));
        Path index = dir.resolve("idx");
        try (SentenceEncoder encoder = new SentenceEncoder(Models.load("minilm", Device.cpu()), 32)) {
            try (SearchIndexWriter w = SearchIndexWriter.open(index, encoder, "minilm", IndexSettings.DEFAULT, null)) {
                for (int i = 0; i < pool.size(); i++) w.add(new IndexDocument("d" + i, pool.get(i), "en", Map.of()));
                w.commit();
            }
            MiningConfig c = new MiningConfig(2, 2, 9, 0.05, Double.NaN, 0.8);
            HardNegativeMiner miner = new HardNegativeMiner(encoder, c);
            HardNegativeMiner.Result exact = miner.mine(PAIRS, miner.exactPool(pool));
            try (IndexCandidates source = new IndexCandidates(index, encoder.name(), 5)) {
                assertEquals(pool.size(), source.size());
                HardNegativeMiner.Result viaIndex = new HardNegativeMiner(encoder, c).mine(PAIRS, source);
                assertEquals(exact.examples(), viaIndex.examples());
            }
        }
    }
}
