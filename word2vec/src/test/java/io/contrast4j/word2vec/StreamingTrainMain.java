package io.contrast4j.word2vec;

import java.nio.file.Path;

/** Run in a child JVM with a small heap by {@link StreamingTest}: trains on a file larger than it. */
public final class StreamingTrainMain {
    public static void main(String[] args) {
        Word2VecConfig c = Word2VecConfig.builder().dimension(8).window(2).negative(2).minCount(5).epochs(1)
                .threads(2).build();
        TrainingResult r = new Word2VecTrainer(c, null).train(Path.of(args[0]));
        System.out.println("max heap " + Runtime.getRuntime().maxMemory() + " words " + r.wordsTrained()
                + " vocabulary " + r.vocabulary().size());
    }
}
