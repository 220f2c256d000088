package io.contrast4j.eval.transfer;

import io.contrast4j.core.UserInputException;
import io.contrast4j.data.LabeledPair;
import io.contrast4j.data.LabeledText;
import io.contrast4j.data.SentEvalLayout;
import io.contrast4j.data.SentEvalReader;
import io.contrast4j.data.SickExample;
import io.contrast4j.data.SickReader;
import java.nio.file.Path;
import java.util.List;

/**
 * SentEval's nine transfer tasks with their data and protocol (Conneau & Kiela 2018, Table 1):
 * which files, which splits, which validation scheme.
 */
public enum TransferTask {
    MR(Scheme.INNER_KFOLD), CR(Scheme.INNER_KFOLD), SUBJ(Scheme.INNER_KFOLD), MPQA(Scheme.INNER_KFOLD),
    SST2(Scheme.SPLIT), SST5(Scheme.SPLIT), TREC(Scheme.KFOLD), MRPC(Scheme.KFOLD), SICKEntailment(Scheme.SPLIT);

    /** Which of SentEval's validation classes the task uses. */
    public enum Scheme { INNER_KFOLD, KFOLD, SPLIT }

    public final Scheme scheme;

    TransferTask(Scheme scheme) {
        this.scheme = scheme;
    }

    public boolean isPairTask() {
        return this == MRPC || this == SICKEntailment;
    }

    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(Enum::name).toList();
    }

    public static TransferTask named(String name) {
        for (TransferTask t : values()) if (t.name().equalsIgnoreCase(name)) return t;
        throw new UserInputException("unknown transfer task '" + name + "' (valid: " + String.join(", ", names()) + ")");
    }

    /** A task's examples by split: {@code train} only for cross-validated tasks, else train/(dev)/test. */
    public record Data(List<LabeledText> train, List<LabeledText> dev, List<LabeledText> test,
                       List<LabeledPair> trainPairs, List<LabeledPair> devPairs, List<LabeledPair> testPairs) {
        static Data texts(List<LabeledText> train, List<LabeledText> dev, List<LabeledText> test) {
            return new Data(train, dev, test, null, null, null);
        }

        static Data pairs(List<LabeledPair> train, List<LabeledPair> dev, List<LabeledPair> test) {
            return new Data(null, null, null, train, dev, test);
        }
    }

    /** Reads the task's files under a datasets root; a missing file is named exactly. */
    public Data load(Path root) {
        return switch (this) {
            case MR, CR, SUBJ, MPQA -> Data.texts(SentEvalReader.readBinary(root, name()), null, null);
            case SST2, SST5 -> {
                boolean fine = this == SST5;
                yield Data.texts(SentEvalReader.readSst(SentEvalLayout.sst(root, fine, "train")),
                        SentEvalReader.readSst(SentEvalLayout.sst(root, fine, "dev")),
                        SentEvalReader.readSst(SentEvalLayout.sst(root, fine, "test")));
            }
            case TREC -> Data.texts(SentEvalReader.readTrec(SentEvalLayout.trec(root, "train")), null,
                    SentEvalReader.readTrec(SentEvalLayout.trec(root, "test")));
            case MRPC -> Data.pairs(SentEvalReader.readMrpc(SentEvalLayout.mrpc(root, "train")), null,
                    SentEvalReader.readMrpc(SentEvalLayout.mrpc(root, "test")));
            case SICKEntailment -> Data.pairs(entailment(SentEvalLayout.sick(root, "train")),
                    entailment(SentEvalLayout.sick(root, "trial")), entailment(SentEvalLayout.sick(root, "test")));
        };
    }

    /** The files a task reads, for provenance (each is checked to exist). */
    public List<Path> inputs(Path root) {
        return switch (this) {
            case MR, CR, SUBJ, MPQA -> {
                SentEvalLayout.BinaryFiles f = SentEvalLayout.binaryTask(root, name());
                yield List.of(f.positive(), f.negative());
            }
            case SST2, SST5 -> List.of("train", "dev", "test").stream().map(s -> SentEvalLayout.sst(root, this == SST5, s)).toList();
            case TREC -> List.of(SentEvalLayout.trec(root, "train"), SentEvalLayout.trec(root, "test"));
            case MRPC -> List.of(SentEvalLayout.mrpc(root, "train"), SentEvalLayout.mrpc(root, "test"));
            case SICKEntailment -> List.of(SentEvalLayout.sick(root, "train"), SentEvalLayout.sick(root, "trial"), SentEvalLayout.sick(root, "test"));
        };
    }

    private static List<LabeledPair> entailment(Path file) {
        return SickReader.read(file).stream().map(SickExample::entailmentPair).toList();
    }
}
