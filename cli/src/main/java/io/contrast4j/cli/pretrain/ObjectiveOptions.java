package io.contrast4j.cli.pretrain;

import io.contrast4j.sentence.objective.DeclutrSpanSampler;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The objective-specific options of {@code pretrain} (a picocli mixin); each says which objective reads it. */
public final class ObjectiveOptions {

    static final class StrategyConverter implements CommandLine.ITypeConverter<DeclutrSpanSampler.Strategy> {
        @Override
        public DeclutrSpanSampler.Strategy convert(String value) {
            return io.contrast4j.cli.options.EnumOption.parse("--positive-strategy", value, java.util.List.of(
                    DeclutrSpanSampler.Strategy.ANY, DeclutrSpanSampler.Strategy.ADJACENT, DeclutrSpanSampler.Strategy.SUBSUMING));
        }
    }

    @Option(names = "--temperature", defaultValue = "0.05", description = "InfoNCE temperature (default: ${DEFAULT-VALUE}).")
    float temperature;

    @Option(names = "--anchors", defaultValue = "2", description = "DeCLUTR anchors per document (default: ${DEFAULT-VALUE}).")
    int anchors;

    @Option(names = "--positives", defaultValue = "2", description = "DeCLUTR positives per anchor (default: ${DEFAULT-VALUE}).")
    int positives;

    @Option(names = "--min-span", defaultValue = "16", description = "DeCLUTR minimum span, words (paper: 32 tokens) (default: ${DEFAULT-VALUE}).")
    int minSpan;

    @Option(names = "--max-span", defaultValue = "64", description = "DeCLUTR maximum span, words (paper: 512 tokens) (default: ${DEFAULT-VALUE}).")
    int maxSpan;

    @Option(names = "--positive-strategy", defaultValue = "any", converter = StrategyConverter.class,
            description = "DeCLUTR: where positives lie: any (overlapping, adjacent or subsumed; the paper's), adjacent or subsuming (default: ${DEFAULT-VALUE}).")
    DeclutrSpanSampler.Strategy positiveStrategy;

    @Option(names = "--holdout-every", defaultValue = "10",
            description = "DeCLUTR: every Nth usable document is held out of training for the retrieval measure (default: ${DEFAULT-VALUE}).")
    int holdoutEvery;

    @Option(names = "--max-sentences", defaultValue = "200000", description = "SimCSE, CERT: read at most this many sentences (default: ${DEFAULT-VALUE}).")
    int maxSentences;

    @Option(names = "--min-words", defaultValue = "4", description = "SimCSE, CERT: skip lines shorter than this (default: ${DEFAULT-VALUE}).")
    int minWords;

    @Option(names = "--hard-negatives", paramLabel = "FILE.tsv",
            description = "pairs: anchor<TAB>positive<TAB>negative... from 'contrast4j mine' (instead of --pairs).")
    Path hardNegativesFile;

    @Option(names = "--negatives-per-anchor", defaultValue = "1",
            description = "pairs with --hard-negatives: mined negatives per anchor; pairs with fewer are dropped (default: ${DEFAULT-VALUE}).")
    int negativesPerAnchor;

    @Option(names = "--mochi", paramLabel = "N,s,s'",
            description = "MoCHi (Kalantidis et al. 2020): per query, s mixes of pairs of its N hardest negatives and s' mixes"
                    + " of the query with one of them (weight < 0.5), without gradient; pairs, cert, infoxlm (default: off).")
    String mochi;

    @Option(names = "--debiased", paramLabel = "TAU_PLUS",
            description = "Debiased contrastive loss (Chuang et al. 2020) with class prior tau+ in (0, 1); not conpono (default: off).")
    Float debiased;

    @Option(names = "--k", defaultValue = "2", description = "CONPONO: largest distance K; targets at -K..-1, 1..K (default: ${DEFAULT-VALUE}).")
    int conponoK;

    @Option(names = "--conpono-hard-negatives", defaultValue = "2",
            description = "CONPONO: same-document sentences outside the anchor's window, per anchor (default: ${DEFAULT-VALUE}).")
    int conponoHardNegatives;

    @Option(names = "--conpono-random-negatives", defaultValue = "2",
            description = "CONPONO: sentences of other documents, per anchor (default: ${DEFAULT-VALUE}).")
    int conponoRandomNegatives;

    @Option(names = "--conpono-temperature", defaultValue = "0.1",
            description = "CONPONO: score c^T W_k t / T on unit vectors; 0 = the paper's raw dot products, which stay at chance"
                    + " for encoders with norm-1 outputs such as MiniLM (default: ${DEFAULT-VALUE}).")
    float conponoTemperature;

    @Option(names = "--head-lr", paramLabel = "LR",
            description = "CONPONO: peak learning rate of the per-distance heads W_k, on the same schedule (default: --lr).")
    Float headLr;
}
