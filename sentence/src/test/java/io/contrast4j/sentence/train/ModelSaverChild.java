package io.contrast4j.sentence.train;

import ai.djl.Device;
import io.contrast4j.sentence.HfModelFolder;
import io.contrast4j.sentence.model.BertConfig;
import io.contrast4j.sentence.model.Pooling;
import io.contrast4j.sentence.model.SentenceModel;
import java.nio.file.Path;

/**
 * Child process of {@link ModelFolderKillTest}: saves two different tiny models in turn into one
 * folder with {@link HfModelFolder#save}, printing "saved A" / "saved B" after each, until killed.
 */
public final class ModelSaverChild {
    /** Model A: seed 1, mean pooling. Model B: seed 2, CLS pooling (a mix of the two is detectable). */
    static SentenceModel model(String which) {
        boolean a = which.equals("A");
        SentenceModel base = SentenceModelTrainable.fromScratch(new BertConfig(30522, 32, 2, 2, 64, 64, 2, 1e-12, 0.1, 0.1, 0),
                64, a ? 1 : 2, Device.cpu()).model();
        return a ? base : new SentenceModel(base.name(), base.manager(), base.encoder(), base.tokenizer(),
                base.tokenizerJson(), Pooling.CLS, false);
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        SentenceModel a = model("A");
        SentenceModel b = model("B");
        for (long i = 0; ; i++) {
            boolean even = i % 2 == 0;
            HfModelFolder.save(even ? a : b, target);
            System.out.println(even ? "saved A" : "saved B");
            System.out.flush();
        }
    }
}
